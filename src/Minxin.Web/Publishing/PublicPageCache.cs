using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Minxin.Web.Publishing;

/// <summary>A public response as it went out: compressed bytes and the headers that describe them.</summary>
public sealed record CachedResponse(string ContentType, string? ContentEncoding, byte[] Body, string ETag, DateTimeOffset StoredAt);

/// <summary>
/// Public responses kept in memory, one per address, content encoding and reading mode, each tagged with the program it shows.
/// A hit is a dictionary lookup and one write of a few kilobytes, which is what lets a card be served at the speed
/// of a static file. Bounded: past <see cref="MaxBytes"/> everything is dropped and refilled on demand.
/// </summary>
public sealed class PublicPageCache(TimeProvider clock)
{
    public const long MaxBytes = 64 * 1024 * 1024;

    /// <summary>Pages about no one program (the home page, the program list) show them all.</summary>
    public const string ProgramListTag = "programs";

    private readonly ConcurrentDictionary<string, CachedResponse> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _keysByTag = new(StringComparer.Ordinal);
    private long _bytes;

    public static string ProgramTag(string code) => "program:" + code;

    /// <summary>
    /// One copy per address (host, path, query: shared links and QR codes carry the host), content encoding, and way
    /// of reading (the mode and toolbar settings change the markup).
    /// </summary>
    public static string Key(HttpRequest request, string encoding) =>
        string.Join('\n', request.Host.Value, request.Path.Value + request.QueryString.Value, encoding,
            Accessibility.ReaderPreferences.From(request).ToString());

    public int Count => _entries.Count;

    public bool TryGet(string key, out CachedResponse response) => _entries.TryGetValue(key, out response!);

    public CachedResponse Store(string key, string tag, string contentType, string? contentEncoding, byte[] body)
    {
        var response = new CachedResponse(contentType, contentEncoding, body, ETagOf(body), clock.GetUtcNow());
        if (Interlocked.Add(ref _bytes, body.Length) > MaxBytes)
        {
            Clear();
            Interlocked.Add(ref _bytes, body.Length);
        }
        _entries[key] = response;
        _keysByTag.GetOrAdd(tag, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal))[key] = 0;
        return response;
    }

    public void Evict(string tag)
    {
        if (_keysByTag.TryRemove(tag, out var keys))
        {
            foreach (var key in keys.Keys)
            {
                if (_entries.TryRemove(key, out var removed))
                {
                    Interlocked.Add(ref _bytes, -removed.Body.Length);
                }
            }
        }
    }

    public void Clear()
    {
        _entries.Clear();
        _keysByTag.Clear();
        Interlocked.Exchange(ref _bytes, 0);
    }

    private static string ETagOf(byte[] body) => "\"" + Convert.ToHexString(SHA256.HashData(body).AsSpan(0, 12)) + "\"";
}
