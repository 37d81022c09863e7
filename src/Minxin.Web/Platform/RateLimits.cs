using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Minxin.Web.Platform;

/// <summary>The rate-limiting policies endpoints name (RequireRateLimiting, [EnableRateLimiting]), each per client address.</summary>
public static class RateLimitPolicies
{
    /// <summary>Public pages and open data that must be rendered: cache hits are answered before the limiter.</summary>
    public const string Public = "public";

    /// <summary>Attempts at the staff sign-in form (its POSTs), on top of each account's lockout.</summary>
    public const string SignIn = "sign-in";

    /// <summary>Citizens' message forms.</summary>
    public const string Messages = "messages";

    /// <summary>Receipt lookups (their POSTs): a receipt number and a contact must not be guessed in bulk.</summary>
    public const string Lookups = "lookups";
    /// <summary>Citizens' satisfaction ratings (their POSTs).</summary>
    public const string Ratings = "ratings";
}

/// <summary>
/// ASP.NET Core's rate limiter with one partition per client address: the connection's address after forwarded
/// headers, so the real client's only behind a trusted proxy (<see cref="MinxinOptions.TrustedProxies"/>). A refused
/// request gets 429 with Retry-After; the status code pages then give it the Chinese page, or a problem under /api/.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<MinxinOptions>>((limiter, minxin) =>
        {
            var options = minxin.Value;
            limiter.AddPolicy(RateLimitPolicies.Public, c => RateLimitPartition.GetTokenBucketLimiter(ClientOf(c), _ => Bucket(options.PublicRequestsPerMinute)));
            // Only attempts count: showing the form again after a mistyped password costs nothing.
            // Only attempts and posts count. Keyed by text, so that the unlimited partition of reads can never stand
            // in for a posting address's (with no remote address both would otherwise be IPAddress.None).
            limiter.AddPolicy(RateLimitPolicies.SignIn, c => PostsOnly(c, options.SignInAttemptsPerMinute));
            limiter.AddPolicy(RateLimitPolicies.Messages, c => PostsOnly(c, options.MessagesPerMinute));
            limiter.AddPolicy(RateLimitPolicies.Lookups, c => PostsOnly(c, options.LookupsPerMinute));
            limiter.AddPolicy(RateLimitPolicies.Ratings, c => PostsOnly(c, options.RatingsPerMinute));
        });
        return services;
    }

    /// <summary>A minute's allowance at once, refilled evenly: reading a few pages fast is fine, crawling is not.</summary>
    private static TokenBucketRateLimiterOptions Bucket(int perMinute) => new()
    {
        TokenLimit = perMinute,
        ReplenishmentPeriod = perMinute <= 60 ? TimeSpan.FromSeconds(60.0 / perMinute) : TimeSpan.FromSeconds(1),
        TokensPerPeriod = perMinute <= 60 ? 1 : (int)Math.Ceiling(perMinute / 60.0),
        QueueLimit = 0,
    };

    private static RateLimitPartition<string> PostsOnly(HttpContext context, int perMinute) =>
        HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? RateLimitPartition.GetNoLimiter("read")
            : RateLimitPartition.GetFixedWindowLimiter("post " + ClientOf(context), _ => Minute(perMinute));

        private static FixedWindowRateLimiterOptions Minute(int permits) => new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };

    /// <summary>IPv6 clients by their /64, which one subscriber holds whole; IPv4 as sent (also when mapped into IPv6).</summary>
    internal static IPAddress ClientOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return IPAddress.None;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes);
    }
}
