using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Minxin.Web.Platform;

/// <summary>The "Minxin" configuration section.</summary>
public sealed class MinxinOptions : IValidatableObject
{
    public const string Section = "Minxin";

    [Required]
    public string SiteName { get; set; } = "民心工程";

    /// <summary>
    /// The address readers use (https://minxin.example.gov.cn), for shared links, Open Graph and QR codes.
    /// Without it the address of each request is used.
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>How often each node looks for data changed by another node or the CLI, to evict its page cache.</summary>
    [Range(0.1, 3600)]
    public double ChangePollSeconds { get; set; } = 2;

    /// <summary>Output caching of public pages and open data; off only to measure the uncached cost (bench/).</summary>
    public bool CachePublicPages { get; set; } = true;

    /// <summary>
    /// The page cache's budget: the card and its compressed copies take ~80 KB, a filtered card less, so the default
    /// holds hundreds of dates, filters and searches. Past it the least recently used go.
    /// </summary>
    [Range(1, 65536)]
    public int PublicCacheMegabytes { get; set; } = 64;

    /// <summary>TLS belongs to the reverse proxy; turn this on only when Kestrel itself serves HTTPS.</summary>
    public bool HttpsRedirect { get; set; }

    /// <summary>
    /// Public pages and open data each client address may have rendered per minute (a token bucket holding a minute's
    /// worth). Cached pages do not count. Generous: offices and mobile networks put many readers behind one address.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int PublicRequestsPerMinute { get; set; } = 600;

    /// <summary>
    /// Sign-in attempts per client address per minute (<see cref="RateLimitPolicies.SignIn"/>). A whole office may sign
    /// in from one address at nine; guessing one account's password is stopped by its lockout, many accounts' by this.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int SignInAttemptsPerMinute { get; set; } = 20;

    /// <summary>
    /// How often each node counts what citizens sent (messages, ratings) to refresh the public counters: a flood of
    /// messages re-renders a program's pages at most this often (<see cref="PublicCache.CitizenActivity"/>).
    /// </summary>
    [Range(0.1, 3600)]
    public double CitizenActivitySeconds { get; set; } = 60;

    /// <summary>Citizens' messages per client address per minute (<see cref="RateLimitPolicies.Messages"/>).</summary>
    [Range(1, int.MaxValue)]
    public int MessagesPerMinute { get; set; } = 5;

    /// <summary>Citizens' messages per contact (phone or e-mail) per hour, from any address (Messages/ContactLimits).</summary>
    [Range(1, int.MaxValue)]
    public int MessagesPerContactPerHour { get; set; } = 10;

    /// <summary>Receipt lookups (回执查询) per client address per minute (<see cref="RateLimitPolicies.Lookups"/>).</summary>
    [Range(1, int.MaxValue)]
    public int LookupsPerMinute { get; set; } = 10;
    /// <summary>Ratings posted per client address per minute (<see cref="RateLimitPolicies.Ratings"/>): a family or an office shares one address.</summary>
    [Range(1, int.MaxValue)]
    public int RatingsPerMinute { get; set; } = 20;

    /// <summary>
    /// The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: IP addresses ("10.0.0.5") or
    /// networks ("10.0.0.0/8"). Empty by default: forwarded headers are then ignored, whoever sends them.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>The CJK font file embedded in PDFs (Minxin__DocumentFont); by default Noto Sans CJK found under /usr/share/fonts.</summary>
    public string? DocumentFont { get; set; }

    /// <summary>"10.0.0.5" (one address) or "10.0.0.0/8"; null when it is neither.</summary>
    public static IPNetwork? ParseNetwork(string text) =>
        IPNetwork.TryParse(text, out var network) ? network
        : IPAddress.TryParse(text, out var address) ? new IPNetwork(address, address.GetAddressBytes().Length * 8)
        : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        TrustedProxies.Where(p => ParseNetwork(p) is null).Select(p => new ValidationResult(
            $"“{p}” is neither an IP address nor a network such as 10.0.0.0/8.", [nameof(TrustedProxies)]));
}
