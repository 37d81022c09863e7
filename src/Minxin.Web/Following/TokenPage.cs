using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Minxin.Domain.Following;

namespace Minxin.Web.Following;

/// <summary>
/// What a link from a subscriber's mail shows: GET a page with one button (mail scanners follow links, so a GET never
/// changes anything), POST does it. The token comes in the query (RFC 8058 one-click posts to the link as it is).
/// </summary>
public abstract class TokenPageModel(Subscriptions subscriptions) : PageModel
{
    protected Subscriptions Subscriptions => subscriptions;

    /// <summary>Before the POST: what the link points at (null: nothing); after it: what the POST did.</summary>
    public TokenOutcome? Outcome { get; protected set; }

    public bool Posted { get; private set; }

    /// <summary>The link's own address, for the button's form.</summary>
    public string Action { get; private set; } = "";

    public FollowTarget? Target { get; private set; }

    protected abstract Task<Subscription?> FindAsync(string? token, CancellationToken cancellationToken);

    protected abstract Task<TokenOutcome> ActAsync(string? token, CancellationToken cancellationToken);

    /// <summary>What the GET page says before the button is pressed: null to show the button.</summary>
    protected abstract TokenOutcome? Before(Subscription subscription);

    public async Task<IActionResult> OnGetAsync([FromQuery] string? token, CancellationToken cancellationToken)
    {
        NoReferrer();
        Action = Request.Path + "?token=" + Uri.EscapeDataString(token ?? "");
        var subscription = await FindAsync(token, cancellationToken);
        if (subscription is null)
        {
            Outcome = TokenOutcome.Unknown;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Outcome = Before(subscription);
        Target = await TargetOfAsync(subscription, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromQuery] string? token, CancellationToken cancellationToken)
    {
        NoReferrer();
        Posted = true;
        var subscription = await FindAsync(token, cancellationToken);
        Target = subscription is null ? null : await TargetOfAsync(subscription, cancellationToken);
        Outcome = await ActAsync(token, cancellationToken);
        if (Outcome == TokenOutcome.Unknown)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }

    // The address holds the token: a link followed from this page must not carry it on.
    private void NoReferrer() => Response.Headers["Referrer-Policy"] = "no-referrer";

    private async Task<FollowTarget?> TargetOfAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        var programs = HttpContext.RequestServices.GetRequiredService<ReportCards.PublicPrograms>();
        var all = await programs.AllAsync(cancellationToken);
        var program = all.FirstOrDefault(p => p.Id == subscription.ProgramId);
        var item = subscription.ItemId is { } id ? program?.Items.FirstOrDefault(i => i.Id == id) : null;
        return program is null ? null : new FollowTarget(program, item);
    }
}
