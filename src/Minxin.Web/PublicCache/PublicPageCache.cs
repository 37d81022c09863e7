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
public sealed class CachedResponse
{
    /// <summary>The object beside the bytes of the page; each copy adds its record and ETag.</summary>
    private const int Overhead = 256;
    private const int VariantOverhead = 96;

    private readonly PublicPageCache? _cache;
    private readonly byte[] _body;
    private Variant? _identity;
    private Variant? _brotli;
    private Variant? _gzip;

    internal CachedResponse(PublicPageCache? cache, PublicPageCache.Render render, string key, string contentType, byte[] body, DateTimeOffset storedAt)
    {
        _cache = cache;
        _body = body;
        Render = render;
        Key = key;
        ContentType = contentType;
        StoredAt = storedAt;
    }

    public sealed record Variant(string Encoding, byte[] Body, string ETag);

    public PublicPageCache.Render Render { get; }

    public string Key { get; }

    public string ContentType { get; }

    public DateTimeOffset StoredAt { get; }

    /// <summary>What the cache counts for this response: the page as rendered (its compressed copies are added as made).</summary>
    public long Bytes => _body.Length + Overhead;

    public Variant For(string encoding)
    {
        ref var slot = ref Slot(encoding);
        if (slot is { } made)
        {
            return made;
        }
        var bytes = encoding == PublicCompression.Identity ? _body : PublicCompression.Compress(_body, encoding, thorough: _cache is not null);
        var variant = new Variant(encoding, bytes, "\"" + Convert.ToHexString(SHA256.HashData(bytes).AsSpan(0, 12)) + "\"");
        if (Interlocked.CompareExchange(ref slot, variant, null) is { } first)
        {
            return first;
        }
        _cache?.Grew(this, VariantOverhead + (ReferenceEquals(bytes, _body) ? 0 : bytes.Length));
        return variant;
    }

    private ref Variant? Slot(string encoding)
    {
        if (encoding == "br")
        {
            return ref _brotli;
        }
        if (encoding == "gzip")
        {
            return ref _gzip;
        }
        return ref _identity;
    }
}

/// <summary>
/// Public responses kept in memory, one per canonical address and way of reading, each tagged with the program it
/// shows. A hit is a dictionary lookup, a timestamp and one write of a few kilobytes, which is what lets a card be
/// served at the speed of a static file. Bounded by bytes (<see cref="MinxinOptions.PublicCacheMegabytes"/>): past
/// the budget the least recently used pages go, so a flood of new addresses never pushes out the card.
/// </summary>
public sealed class PublicPageCache(TimeProvider clock, IOptions<MinxinOptions> options)
{
    /// <summary>Pages about no one program (the home page, the program list) show them all.</summary>
    public const string ProgramListTag = "programs";

    /// <summary>Enough for thousands of readers' Cookie headers; each is parsed once.</summary>
    private const long PreferencesBytes = 1 << 20;

    private readonly string? _baseUrl = options.Value.PublicBaseUrl?.TrimEnd('/');
    private readonly LruCache<string> _preferencesByCookie = new(PreferencesBytes);
    private readonly LruCache<CachedResponse> _entries = new((long)options.Value.PublicCacheMegabytes << 20);
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>
    /// A render in progress: the program it shows and that program's generation when it began. A render begun before
    /// an eviction of its program may have read the data the eviction replaced, so it is not kept after it.
    /// </summary>
    public readonly record struct Render(string Tag, long Generation);

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
        if (_preferencesByCookie.TryGet(cookieHeader, out var preferences))
        {
            return preferences;
        }
        preferences = PreferencesOf(request);
        _preferencesByCookie.Set(cookieHeader, preferences, 2L * preferences.Length);
        return preferences;
    }

    private static string PreferencesOf(HttpRequest request) => Accessibility.ReaderPreferences.From(request).ToString();

    public bool TryGet(string key, out CachedResponse response) => _entries.TryGet(key, out response!);

    /// <summary>Call before the page is rendered: the program's generation is read before any of its data.</summary>
    public Render Begin(string tag) => new(tag, _generations.GetValueOrDefault(tag));

    /// <summary>The rendered response, to be <paramref name="kept"/> (then stored and compressed thoroughly) or not.</summary>
    public CachedResponse Create(Render render, string key, string contentType, byte[] body, bool kept) =>
        new(kept ? this : null, render, key, contentType, body, clock.GetUtcNow());

    /// <summary>Keeps the response unless its program was evicted since its render began (or it is too large).</summary>
    public bool Store(CachedResponse response)
    {
        lock (_gate)
        {
            return _generations.GetValueOrDefault(response.Render.Tag) == response.Render.Generation
                && _entries.Set(response.Key, response, response.Bytes);
        }
    }

    /// <summary>Drops the program's pages; a render of it already under way is not kept either.</summary>
    public void Evict(string tag)
    {
        lock (_gate)
        {
            _generations[tag] = _generations.GetValueOrDefault(tag) + 1;
            _entries.RemoveWhere(r => r.Render.Tag == tag);
        }
    }

    internal void Grew(CachedResponse response, long bytes) => _entries.Grow(response.Key, response, bytes);
}
