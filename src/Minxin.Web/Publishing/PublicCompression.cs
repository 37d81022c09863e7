using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;

namespace Minxin.Web.Publishing;

/// <summary>
/// Public pages and open data go out compressed (brotli or gzip, as the reader's browser accepts) and are cached
/// compressed, so a cached page costs one copy of a few kilobytes. Only public responses are compressed: staff pages
/// carry anti-forgery tokens, which compression next to reflected input would expose (BREACH).
/// </summary>
public static class PublicCompression
{
    private static readonly string[] Encodings = ["br", "gzip"];

    public static IServiceCollection AddPublicCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ["text/html", "text/csv", "application/json", "application/problem+json", "image/svg+xml"];
        });
        // Fastest: a cache fill then costs ~0.2 ms instead of ~1 ms, for pages ~15 % larger than at the optimal level.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>Compresses responses of endpoints that use the public cache policy; must run inside the capture of the public cache.</summary>
    public static IApplicationBuilder UsePublicCompression(this IApplicationBuilder app) =>
        app.UseWhen(PublicEndpoints.IsPublic, branch => branch.UseResponseCompression());

    /// <summary>The encoding the compression middleware will choose for this request: the cache keeps one copy per encoding.</summary>
    public static string Negotiate(HttpContext context)
    {
        var header = context.Request.Headers.AcceptEncoding;
        if (header.Count == 0)
        {
            return "identity";
        }
        var text = header.Count == 1 ? header[0] ?? "" : string.Join(',', header.OfType<string>());
        return text.Contains(';', StringComparison.Ordinal) ? ByQuality(text) : ByOrder(text);
    }

    // Browsers send "gzip, deflate, br, zstd": no q-values, so the middleware's provider order decides (br first).
    private static string ByOrder(string header)
    {
        var gzip = false;
        foreach (var range in header.AsSpan().Split(','))
        {
            var token = header.AsSpan(range).Trim();
            if (token.Equals("br", StringComparison.OrdinalIgnoreCase) || token is "*")
            {
                return "br";
            }
            gzip |= token.Equals("gzip", StringComparison.OrdinalIgnoreCase);
        }
        return gzip ? "gzip" : "identity";
    }

    private static string ByQuality(string header)
    {
        if (!StringWithQualityHeaderValue.TryParseList([header], out var accepted))
        {
            return "identity";
        }
        var best = "identity";
        var bestQuality = 0.0;
        foreach (var encoding in Encodings)
        {
            var quality = accepted.Where(a => a.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase) || a.Value == "*")
                .Select(a => a.Quality ?? 1.0).DefaultIfEmpty(0).Max();
            if (quality > bestQuality)
            {
                (best, bestQuality) = (encoding, quality);
            }
        }
        return best;
    }
}
