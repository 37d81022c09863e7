using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Minxin.Domain.Messages;
using Minxin.Domain.Quantities;
using Minxin.Web.Platform;
using Minxin.Web.ReportCards;

namespace Minxin.Web.Messages;

/// <summary>
/// Where the public forms post: the form again with what was typed and each problem at its field, or on success a
/// 303 to the receipt. GET shows the same form alone (a link to it works without the item page). Nothing here is
/// cached: the answer may show what the reader typed.
/// </summary>
public abstract class MessageFormPage(MessageIntake intake) : PageModel
{
    public MessageTarget Target { get; private set; } = null!;

    public MessageFormView Form { get; private set; } = null!;

    /// <summary>The 公示期 of an objection's edition is over: the page says so instead of showing the form.</summary>
    public bool Closed { get; private set; }

    protected abstract Task<MessageTarget?> FindAsync(CancellationToken cancellationToken);

    protected abstract MessageFormView View(MessageForm values, IReadOnlyList<FieldProblem> problems);

    protected virtual bool IsClosed => false;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await FindAsync(cancellationToken) is not { } target)
        {
            return NotFound();
        }
        Target = target;
        Closed = IsClosed;
        Form = View(MessageForm.Blank, []);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await FindAsync(cancellationToken) is not { } target)
        {
            return NotFound();
        }
        Target = target;
        var values = MessageForm.From(await Request.ReadFormAsync(cancellationToken));
        var result = await intake.ReceiveAsync(target, values, cancellationToken);
        if (result.Outcome == IntakeOutcome.Accepted)
        {
            Response.Headers.Location = $"/messages/receipt/{result.Message!.ReceiptNumber}";
            return StatusCode(StatusCodes.Status303SeeOther);
        }
        Closed = result.Outcome == IntakeOutcome.WindowClosed;
        Response.StatusCode = result.Outcome == IntakeOutcome.ContactLimited ? StatusCodes.Status429TooManyRequests
            : Closed ? StatusCodes.Status409Conflict
            : StatusCodes.Status400BadRequest;
        Form = View(values.Redisplayed, result.Problems);
        return Page();
    }

    protected string Route(string name) => RouteData.Values[name]?.ToString() ?? "";
}

[PublicForm]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(RateLimitPolicies.Messages)]
[RequestSizeLimit(MessagesApi.MaxBodyBytes)]
public sealed class ItemMessageModel(PublicPrograms programs, MessageIntake intake) : MessageFormPage(intake)
{
    protected override Task<MessageTarget?> FindAsync(CancellationToken cancellationToken) => MessageTarget.ItemAsync(programs, Route("id"), null, cancellationToken);

    protected override MessageFormView View(MessageForm values, IReadOnlyList<FieldProblem> problems) =>
        MessageFormView.ForItemMessage(Target.Program, Target.Item!, 2, values, problems);
}

[PublicForm]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(RateLimitPolicies.Messages)]
[RequestSizeLimit(MessagesApi.MaxBodyBytes)]
public sealed class ItemHelpRequestModel(PublicPrograms programs, MessageIntake intake) : MessageFormPage(intake)
{
    protected override Task<MessageTarget?> FindAsync(CancellationToken cancellationToken) =>
        MessageTarget.ItemAsync(programs, Route("id"), MessageKind.HelpRequest, cancellationToken);

    protected override MessageFormView View(MessageForm values, IReadOnlyList<FieldProblem> problems) =>
        MessageFormView.ForHelpRequest(Target.Program, Target.Item!, 2, values, problems);
}

[PublicForm]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(RateLimitPolicies.Messages)]
[RequestSizeLimit(MessagesApi.MaxBodyBytes)]
public sealed class ProgramMessageModel(PublicPrograms programs, MessageIntake intake) : MessageFormPage(intake)
{
    protected override Task<MessageTarget?> FindAsync(CancellationToken cancellationToken) => MessageTarget.ProgramAsync(programs, Route("code"), cancellationToken);

    protected override MessageFormView View(MessageForm values, IReadOnlyList<FieldProblem> problems) =>
        MessageFormView.ForProgram(Target.Program, 2, values, problems);
}

[PublicForm]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(RateLimitPolicies.Messages)]
[RequestSizeLimit(MessagesApi.MaxBodyBytes)]
public sealed class EditionObjectionModel(PublicPrograms programs, MessageIntake intake, TimeProvider clock) : MessageFormPage(intake)
{
    protected override Task<MessageTarget?> FindAsync(CancellationToken cancellationToken) =>
        MessageTarget.EditionAsync(programs, Route("code"), Route("slug"), cancellationToken);

    protected override bool IsClosed => !MessageTarget.ObjectionsOpen(Target.Edition!, ChinaTime.Today(clock));

    protected override MessageFormView View(MessageForm values, IReadOnlyList<FieldProblem> problems) =>
        MessageFormView.ForObjection(Target.Program, Target.Edition!, Target.EditionItems, 2, values, problems);
}
