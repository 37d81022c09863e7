using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Minxin.Domain.Following;
using Minxin.Web.Platform;

namespace Minxin.Web.Following;

/// <summary>
/// /subscriptions/unsubscribe?token=…: the link in every mail and its List-Unsubscribe header. A POST to it, with or
/// without a body (RFC 8058 sends "List-Unsubscribe=One-Click"), unsubscribes and erases the address.
/// </summary>
[PublicForm]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(RateLimitPolicies.Public)]
public sealed class UnsubscribeModel(Subscriptions subscriptions) : TokenPageModel(subscriptions)
{
    protected override Task<Subscription?> FindAsync(string? token, CancellationToken cancellationToken) =>
        Subscriptions.ByUnsubscribeTokenAsync(token, cancellationToken);

    protected override Task<TokenOutcome> ActAsync(string? token, CancellationToken cancellationToken) =>
        Subscriptions.UnsubscribeAsync(token, cancellationToken);

    protected override TokenOutcome? Before(Subscription subscription) =>
        subscription.UnsubscribedAt is not null ? TokenOutcome.AlreadyDone : null;
}
