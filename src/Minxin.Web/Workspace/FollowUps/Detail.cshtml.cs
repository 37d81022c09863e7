using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Minxin.Data;
using Minxin.Domain.FollowUps;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;
using Minxin.Web.Workspace.Reporting;

namespace Minxin.Web.Workspace.FollowUps;

/// <summary>
/// /workspace/followups/{id}: one 督办 — what the letter says, every step so far with its files — and the form that
/// fits the reader: the unit answers (text and files), a coordinator sends the answer back or closes it. The 督办函
/// downloads as DOCX and PDF. Every form carries the follow-up's revision, so a step taken on a stale page is a 412.
/// </summary>
[StaffAuthorize(StaffAction.ViewFollowUps)]
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
public sealed class DetailModel(MinxinDbContext db, CurrentStaff current, StaffAccess access, FollowUpService followUps) : PageModel
{
    private const long RequestLimit = EvidenceFiles.MaxPerUpload * EvidenceFiles.MaxBytes + 1024 * 1024;

    public FollowUpDetails Details { get; private set; } = null!;

    public FollowUp FollowUp => Details.FollowUp;

    public DateOnly Today { get; private set; }

    public bool MayAnswer { get; private set; }

    public bool MayDecide { get; private set; }

    /// <summary>Files were chosen but the answer was refused: the browser does not keep them.</summary>
    public bool FilesDropped { get; private set; }

    [BindProperty(Name = "revision")]
    public int? Revision { get; set; }

    [BindProperty(Name = "text")]
    public string? Text { get; set; }

    [BindProperty(Name = "reason")]
    public string? Reason { get; set; }

    [BindProperty(Name = "note")]
    public string? Note { get; set; }

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public FormFields Fields => new(ModelState);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        Revision = FollowUp.Revision;
        return Page();
    }

    public Task<IActionResult> OnPostAnswerAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, StaffAction.AnswerFollowUps, "answered", async (actor, followUp) =>
        {
            var files = await ReadFilesAsync(cancellationToken);
            if (!ModelState.IsValid)
            {
                var errors = ModelState.Where(e => e.Value is { Errors.Count: > 0 })
                    .SelectMany(e => e.Value!.Errors.Select(x => (e.Key, x.ErrorMessage))).ToList();
                ModelState.Clear();
                throw new InputException(errors);
            }
            await followUps.AnswerAsync(actor, followUp, Revision, Text, files, cancellationToken);
        }, cancellationToken);

    public Task<IActionResult> OnPostSendBackAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, StaffAction.IssueFollowUps, "sent-back", (actor, followUp) => followUps.SendBackAsync(actor, followUp, Revision, Reason, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, StaffAction.IssueFollowUps, "closed", (actor, followUp) => followUps.CloseAsync(actor, followUp, Revision, Note, cancellationToken), cancellationToken);

    private async Task<IActionResult> StepAsync(int id, StaffAction action, string done, Func<StaffActor, FollowUp, Task> step, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        // Who may not take this step at all learns nothing from the form.
        if (!await access.MayAsync(action, FollowUp))
        {
            return Forbid();
        }
        try
        {
            await step(await current.RequiredActorAsync(cancellationToken), FollowUp);
            return Redirect($"/workspace/followups/{id}?done={done}");
        }
        catch (InputException e)
        {
            ModelState.Add(e);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (FollowUpRuleException e)
        {
            ModelState.AddModelError("", e.Message);
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (StaleException e)
        {
            ModelState.AddModelError("", e.Message);
            Response.StatusCode = StatusCodes.Status412PreconditionFailed;
        }
        // Shown as stored now, whatever this request left in memory; the next step answers that.
        db.ChangeTracker.Clear();
        await LoadAsync(id, cancellationToken);
        Revision = FollowUp.Revision;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var details = await followUps.FindAsync(id, cancellationToken);
        if (details is null)
        {
            return NotFound();
        }
        if (!await access.MayAsync(StaffAction.ViewFollowUps, details.FollowUp))
        {
            return Forbid();
        }
        Details = details;
        Today = followUps.Today;
        MayAnswer = FollowUpWorkflow.AwaitsUnit(FollowUp) && await access.MayAsync(StaffAction.AnswerFollowUps, FollowUp);
        MayDecide = !FollowUp.IsClosed && await access.MayAsync(StaffAction.IssueFollowUps, FollowUp);
        return null;
    }

    // The same checks as a report's evidence files (EvidenceFiles.ReadAsync), before anything is saved.
    private async Task<List<EvidenceFile>> ReadFilesAsync(CancellationToken cancellationToken)
    {
        var chosen = Request.HasFormContentType ? Request.Form.Files.GetFiles("file").Where(f => f.FileName.Length > 0).ToList() : [];
        FilesDropped = chosen.Count > 0;
        var files = new List<EvidenceFile>();
        if (chosen.Count > EvidenceFiles.MaxPerUpload)
        {
            ModelState.AddModelError("file", $"一次最多上传 {EvidenceFiles.MaxPerUpload} 个文件，您选了 {chosen.Count} 个。");
            return files;
        }
        foreach (var file in chosen)
        {
            try
            {
                await using var content = file.OpenReadStream();
                files.Add(await EvidenceFiles.ReadAsync(file.FileName, content, file.Length, cancellationToken));
            }
            catch (InputException e)
            {
                ModelState.AddModelError("file", e.Message);
            }
        }
        return files;
    }
}
