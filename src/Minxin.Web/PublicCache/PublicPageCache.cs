using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Minxin.Web.Platform;

namespace Minxin.Web.PublicCache;

/// <summary>
/// A public response as rendered, and its compressed copies, each made the first time a reader accepts that encoding.
/// Each copy has its own ETag, so a browser can revalidate whichever it holds. A response that will be kept is
/// compressed thoroughly; one made for a single reader, quickly.
/// </summary>
public sealed class CachedResponse(string contentType, byte[] body, DateTimeOffset storedAt, bool kept)
{
    private readonly ConcurrentDictionary<string, Variant> _variants = new(StringComparer.Ordinal);

    public sealed record Variant(string Encoding, byte[] Body, string ETag);

    public string ContentType { get; } = contentType;

    public DateTimeOffset StoredAt { get; } = storedAt;

    public Variant For(string encoding) => _variants.GetOrAdd(encoding, e =>
    {
        var bytes = e == PublicCompression.Identity ? body : PublicCompression.Compress(body, e, thorough: kept);
        return new Variant(e, bytes, "\"" + Convert.ToHexString(SHA256.HashData(bytes).AsSpan(0, 12)) + "\"");
    });
}

/// <summary>
/// Public responses kept in memory, one per address and way of reading, each tagged with the program it shows.
/// A hit is a dictionary lookup and one write of a few kilobytes, which is what lets a card be served at the speed
/// of a static file. Bounded: past <see cref="MaxEntries"/> everything is dropped and refilled on demand.
/// </summary>
public sealed class PublicPageCache(TimeProvider clock, IOptions<MinxinOptions> options)
{
    /// <summary>About 20 MB of cards and their compressed copies; any date or filter makes its own entry.</summary>
    public const int MaxEntries = 250;

    /// <summary>Pages about no one program (the home page, the program list) show them all.</summary>
    public const string ProgramListTag = "programs";

    private const int MaxRememberedCookies = 1000;

    private readonly string? _baseUrl = options.Value.PublicBaseUrl?.TrimEnd('/');

    private readonly ConcurrentDictionary<string, string> _preferencesByCookie = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CachedResponse> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _keysByTag = new(StringComparer.Ordinal);

    public static string ProgramTag(string code) => "program:" + code;

    /// <summary>
    /// One entry per address (scheme, host, path, query: shared links and QR codes carry them, unless the public base
    /// URL is fixed) and way of reading (the mode and toolbar settings change the markup). A request without the
    /// preferences cookie reads the default way.
    /// </summary>
    public string Key(HttpRequest request)
    {
        var cookie = request.Headers.Cookie;
        var preferences = cookie.Count == 0 ? "" : cookie.Count > 1 ? PreferencesOf(request) : PreferencesOf(cookie[0]!, request);
        return _baseUrl is null
            ? string.Concat([request.Scheme, "://", request.Host.Value, request.PathBase.Value, request.Path.Value, request.QueryString.Value, "\n", preferences])
            : string.Concat([_baseUrl, request.Path.Value, request.QueryString.Value, "\n", preferences]);
    }

    // A reader sends the same Cookie header with every request: its preferences are parsed once.
    private string PreferencesOf(string cookieHeader, HttpRequest request)
    {
        if (_preferencesByCookie.TryGetValue(cookieHeader, out var preferences))
        {
            return preferences;
        }
        preferences = PreferencesOf(request);
        if (_preferencesByCookie.Count < MaxRememberedCookies)
        {
            _preferencesByCookie[cookieHeader] = preferences;
        }
        return preferences;
    }

    private static string PreferencesOf(HttpRequest request) => Accessibility.ReaderPreferences.From(request).ToString();

    public int Count => _entries.Count;

    public bool TryGet(string key, out CachedResponse response) => _entries.TryGetValue(key, out response!);

    public CachedResponse Create(string contentType, byte[] body, bool kept) => new(contentType, body, clock.GetUtcNow(), kept);

    public void Store(string key, string tag, CachedResponse response)
    {
        if (_entries.Count >= MaxEntries)
        {
            Clear();
        }
        _entries[key] = response;
        _keysByTag.GetOrAdd(tag, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal))[key] = 0;
    }

    public void Evict(string tag)
    {
        if (_keysByTag.TryRemove(tag, out var keys))
        {
            foreach (var key in keys.Keys)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    public void Clear()
    {
        _entries.Clear();
        _keysByTag.Clear();
    }
}
