using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Minxin.Data;
using Minxin.Domain.Messages;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Messages;

/// <summary>
/// /workspace/messages/{id}: one message — what the reader wrote (as text), who sent it (personal data, for those who
/// answer it), its history — and the steps the reader of this page may take: 受理, 拟写答复 (prefilled with the
/// current draft), 审核通过并公开 / 仅答复本人 and 隐藏 (coordinators), 办结. Every form carries the revision, so a
/// step taken on a stale page is refused with a 412 and the message as it now stands.
/// </summary>
[StaffAuthorize(StaffAction.ViewMessages)]
public sealed class DetailModel(MinxinDbContext db, CurrentStaff current, StaffAccess access, MessageService messages) : PageModel
{
    public CitizenMessage Message { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public bool SeesPersonalData { get; private set; }

    public bool MayTake { get; private set; }

    public bool MayDraft { get; private set; }

    public bool MayPublish { get; private set; }

    public bool MayAnswerPrivately { get; private set; }

    public bool MayHide { get; private set; }

    public bool MayClose { get; private set; }

    /// <summary>A unit answering a help request: its answer goes to the person at once, without a coordinator.</summary>
    public bool AnswersDirectly { get; private set; }

    [BindProperty(Name = "revision")]
    public int? Revision { get; set; }

    [BindProperty(Name = "text")]
    public string? Text { get; set; }

    [BindProperty(Name = "reason")]
    public string? Reason { get; set; }

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public FormFields Fields => new(ModelState);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        Revision = Message.Revision;
        Text = Message.Reply;
        return Page();
    }

    public Task<IActionResult> OnPostTakeAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, StaffAction.ReplyMessages, "taken", (actor, m) => messages.TakeAsync(actor, m, Revision, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReplyAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, StaffAction.ReplyMessages, "drafted", (actor, m) => messages.DraftAsync(actor, m, Revision, Text, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, StaffAction.ModerateMessages, "published", (actor, m) => messages.ApproveAsync(actor, m, Revision, publish: true, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostPrivateAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, StaffAction.ModerateMessages, "private", (actor, m) => messages.ApproveAsync(actor, m, Revision, publish: false, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostHideAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, StaffAction.ModerateMessages, "hidden", (actor, m) => messages.HideAsync(actor, m, Revision, Reason, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, StaffAction.ReplyMessages, "closed", (actor, m) => messages.CloseAsync(actor, m, Revision, cancellationToken), cancellationToken);

    private async Task<IActionResult> StepAsync(int id, StaffAction action, string done, Func<StaffActor, CitizenMessage, Task> step, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        // Who may not take this step at all learns nothing from the form.
        if (!await access.MayAsync(action, Message))
        {
            return Forbid();
        }
        var typed = Text;
        try
        {
            await step(await current.RequiredActorAsync(cancellationToken), Message);
            return Redirect($"/workspace/messages/{id}?done={done}");
        }
        catch (InputException e)
        {
            ModelState.Add(e);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (MessageRuleException e)
        {
            ModelState.AddModelError("", e.Message);
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (StaleException e)
        {
            ModelState.AddModelError("", e.Message);
            Response.StatusCode = StatusCodes.Status412PreconditionFailed;
        }
        // Shown as stored now, whatever this request left in memory; what the person typed stays in the form.
        db.ChangeTracker.Clear();
        await LoadAsync(id, cancellationToken);
        ModelState.Remove("revision");
        Revision = Message.Revision;
        Text = typed ?? Message.Reply;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var message = await messages.FindAsync(id, cancellationToken);
        if (message is null)
        {
            return NotFound();
        }
        if (!await access.MayAsync(StaffAction.ViewMessages, message))
        {
            return Forbid();
        }
        Message = message;
        Today = messages.Today;
        var actor = await current.RequiredActorAsync(cancellationToken);
        SeesPersonalData = actor.SeesPersonalData(message);
        var replies = actor.May(StaffAction.ReplyMessages, message);
        var moderates = actor.May(StaffAction.ModerateMessages, message);
        var hidden = message.Visibility == MessageVisibility.Hidden;
        MayTake = replies && message.State == MessageState.New && !hidden;
        MayDraft = replies && !hidden && message.State is not (MessageState.Answered or MessageState.Closed);
        MayPublish = moderates && !hidden && message.Reply is not null && message.Kind != MessageKind.HelpRequest
            && (message.State == MessageState.Drafted || message.State == MessageState.Answered && message.Visibility == MessageVisibility.Private);
        MayAnswerPrivately = moderates && !hidden && message.Reply is not null && message.State == MessageState.Drafted;
        MayHide = moderates && !hidden;
        AnswersDirectly = message.Kind == MessageKind.HelpRequest && actor.Role != StaffRole.Coordinator;
        MayClose = replies && message.State != MessageState.Closed && (message.AnsweredAt is not null || hidden);
        return null;
    }
}
