using System.ComponentModel.DataAnnotations;

namespace Minxin.Web.Platform;

/// <summary>The "Minxin" configuration section.</summary>
public sealed class MinxinOptions
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

    /// <summary>TLS belongs to the reverse proxy; turn this on only when Kestrel itself serves HTTPS.</summary>
    public bool HttpsRedirect { get; set; }
}
