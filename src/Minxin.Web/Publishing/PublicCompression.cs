using System.IO.Compression;
using Microsoft.Net.Http.Headers;

namespace Minxin.Web.Publishing;

/// <summary>
/// Public responses go out compressed, brotli or gzip as the reader's browser accepts, compressed in one go when the
/// page is rendered and kept so in the cache. Only public responses are compressed: staff pages carry anti-forgery
/// tokens, which compression next to reflected input would expose (BREACH).
/// </summary>
public static class PublicCompression
{
    public const string Identity = "identity";

    private static readonly string[] Encodings = ["br", "gzip"];

    /// <summary>
    /// Fastest levels: compressing a 65 KB card costs ~0.15 ms instead of ~0.5 ms, for ~15 % more bytes. The compressed
    /// copy is made once per cache fill; without the cache it is made per request.
    /// </summary>
    public static byte[] Compress(byte[] body, string encoding)
    {
        using var output = new MemoryStream(body.Length / 3);
        using (Stream compressor = encoding == "br"
            ? new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true)
            : new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            compressor.Write(body);
        }
        return output.ToArray();
    }

    /// <summary>The encoding this reader gets: the one they accept most, brotli before gzip when they accept both equally.</summary>
    public static string Negotiate(HttpContext context)
    {
        var header = context.Request.Headers.AcceptEncoding;
        if (header.Count == 0)
        {
            return Identity;
        }
        var text = header.Count == 1 ? header[0] ?? "" : string.Join(',', header.OfType<string>());
        return text.Contains(';', StringComparison.Ordinal) ? ByQuality(text) : ByOrder(text);
    }

    // Browsers send "gzip, deflate, br, zstd": no q-values, so brotli, the smaller, is chosen.
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
        return gzip ? "gzip" : Identity;
    }

    private static string ByQuality(string header)
    {
        if (!StringWithQualityHeaderValue.TryParseList([header], out var accepted))
        {
            return Identity;
        }
        var best = Identity;
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
