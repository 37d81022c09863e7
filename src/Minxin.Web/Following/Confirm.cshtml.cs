using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Minxin.Domain.Following;
using Minxin.Web.Platform;

namespace Minxin.Web.Following;

/// <summary>/subscriptions/confirm?token=…: the link in the confirmation mail.</summary>
[PublicForm]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(RateLimitPolicies.Public)]
public sealed class ConfirmModel(Subscriptions subscriptions) : TokenPageModel(subscriptions)
{
    protected override Task<Subscription?> FindAsync(string? token, CancellationToken cancellationToken) =>
        Subscriptions.ByConfirmTokenAsync(token, cancellationToken);

    protected override Task<TokenOutcome> ActAsync(string? token, CancellationToken cancellationToken) =>
        Subscriptions.ConfirmAsync(token, cancellationToken);

    protected override TokenOutcome? Before(Subscription subscription) =>
        subscription.UnsubscribedAt is not null ? TokenOutcome.Unknown
        : subscription.ConfirmedAt is not null ? TokenOutcome.AlreadyDone
        : Subscriptions.IsExpired(subscription) ? TokenOutcome.Expired
        : null;
}
