using System.Text;
using Microsoft.Extensions.Options;
using Minxin.Web.Platform;
using Minxin.Web.PublicCache;

namespace Minxin.Web.Tests;

/// <summary>
/// A page rendered while its program's data changed must not outlive the change: the cache keeps a render only if no
/// eviction of its program happened since the render began.
/// </summary>
public sealed class PublicPageCacheTests
{
    private static readonly string Jinnan = PublicPageCache.ProgramTag("jinnan-2025");

    private readonly PublicPageCache _cache = new(TimeProvider.System, Options.Create(new MinxinOptions()));

    private CachedResponse Rendered(PublicPageCache.Render render, string key, string text) =>
        _cache.Create(render, key, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(text), kept: true);

    [Fact]
    public void A_card_rendered_from_data_that_changed_meanwhile_is_not_kept()
    {
        var render = _cache.Begin(Jinnan);
        _cache.Evict(Jinnan);

        Assert.False(_cache.Store(Rendered(render, "/programs/jinnan-2025", "5119/6000个")));
        Assert.False(_cache.TryGet("/programs/jinnan-2025", out _));
    }

    [Fact]
    public void A_card_rendered_after_the_change_is_kept_until_the_next_change()
    {
        _cache.Evict(Jinnan);
        Assert.True(_cache.Store(Rendered(_cache.Begin(Jinnan), "/programs/jinnan-2025", "5230/6000个")));
        Assert.True(_cache.TryGet("/programs/jinnan-2025", out var kept));
        Assert.Equal("5230/6000个", Encoding.UTF8.GetString(kept.For(PublicCompression.Identity).Body));

        _cache.Evict(Jinnan);

        Assert.False(_cache.TryGet("/programs/jinnan-2025", out _));
    }

    [Fact]
    public void A_change_to_one_program_keeps_the_pages_of_another()
    {
        var other = PublicPageCache.ProgramTag("other-2025");
        var render = _cache.Begin(other);
        _cache.Store(Rendered(_cache.Begin(Jinnan), "/programs/jinnan-2025", "津南"));

        _cache.Evict(Jinnan);

        Assert.True(_cache.Store(Rendered(render, "/programs/other-2025", "其他")));
        Assert.True(_cache.TryGet("/programs/other-2025", out _));
        Assert.False(_cache.TryGet("/programs/jinnan-2025", out _));
    }
}
