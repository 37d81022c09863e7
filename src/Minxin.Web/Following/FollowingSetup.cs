using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Minxin.Web.Platform;

namespace Minxin.Web.Following;

/// <summary>Following a program or an item: Atom feeds, e-mail subscriptions (double opt-in) and QR posters.</summary>
public static class FollowingSetup
{
    /// <summary>Posts of the subscription form per client address (showing the pages costs nothing).</summary>
    public const string SubscriptionsPolicy = "subscriptions";

    public static IServiceCollection AddFollowing(this IServiceCollection services)
    {
        services.AddOptions<FollowingOptions>().BindConfiguration(FollowingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SubscriptionMailer>();
        services.AddSingleton<SubscriptionSender>();
        services.AddScoped<Subscriptions>();
        services.AddHostedService<SubscriptionService>();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<FollowingOptions>>((limiter, following) =>
            // Keys of their own: with no client address (IPAddress.None) a read must not land in a post's partition.
            limiter.AddPolicy(SubscriptionsPolicy, c => HttpMethods.IsPost(c.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter("post " + RateLimits.ClientOf(c), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = following.Value.SubscriptionsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("read")));
        return services;
    }

    public static WebApplication MapFollowing(this WebApplication app) => app.MapFeeds();
}
