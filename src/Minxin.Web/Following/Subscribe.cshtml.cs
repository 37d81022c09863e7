using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Minxin.Web.Platform;

namespace Minxin.Web.Following;

/// <summary>
/// POST /subscriptions (fields <c>email</c>, <c>program</c>, optional <c>item</c>): asks for a subscription and mails
/// the confirmation. The answer is the same whether or not the address was already subscribed. GET shows the form.
/// </summary>
[PublicForm]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(FollowingSetup.SubscriptionsPolicy)]
public sealed class SubscribeModel(Subscriptions subscriptions, IOptions<FollowingOptions> options) : PageModel
{
    public const string EmailField = "email";

    public FollowTarget Target { get; private set; } = null!;

    public string? Email { get; private set; }

    public bool Sent { get; private set; }

    public bool MailFailed { get; private set; }

    public bool Available => subscriptions.IsAvailable;

    public int ConfirmDays => (int)Math.Ceiling(options.Value.ConfirmWithin.TotalDays);

    public async Task<IActionResult> OnGetAsync(string? program, string? item, CancellationToken cancellationToken)
    {
        if (await subscriptions.TargetAsync(program, item, cancellationToken) is not { } target)
        {
            return NotFound();
        }
        Target = target;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string? email, [FromForm] string? program, [FromForm] string? item,
        CancellationToken cancellationToken)
    {
        if (await subscriptions.TargetAsync(program, item, cancellationToken) is not { } target)
        {
            return NotFound();
        }
        Target = target;
        if (!Available)
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }
        var (address, error) = Subscriptions.CheckEmail(email);
        if (address is null)
        {
            Email = email?.Length > 200 ? email[..200] : email;
            ModelState.AddModelError(EmailField, error!);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (await subscriptions.SubscribeAsync(address, target, cancellationToken) == SubscribeOutcome.MailFailed)
        {
            Email = email;
            MailFailed = true;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }
        Sent = true;
        return Page();
    }
}
