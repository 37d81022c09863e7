using System.Net;
using Minxin.Testing;

namespace Minxin.Web.Tests;

/// <summary>The memory flood measures the whole process's managed heap, so it runs alone, after the other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryFlood
{
    public const string Name = "memory-flood";
}

/// <summary>
/// What any URL can make the server keep is bounded by bytes: the page cache, the QR codes and the reader-preferences
/// memo. A page is kept, shared and drawn under its canonical address: its path and only the parameters it knows.
/// </summary>
[Collection(MemoryFlood.Name)]
public sealed class CacheBoundsTests(SqliteWebFactory factory) : IClassFixture<SqliteWebFactory>
{
    private const long MaxGrowth = 100L << 20;

    [Fact]
    public async Task Five_thousand_distinct_long_urls_leave_the_managed_heap_within_100_MB()
    {
        await using var flooded = new MinxinWebFactory(TestStorage.NewSqlite());
        using var client = flooded.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/programs/jinnan-2025")).StatusCode);
        var before = HeapAfterFullCollection();

        var padding = new string('a', 1900);
        string Url(int n) => (n % 6) switch
        {
            // Each a page of its own (a filter, a search, a date) with a long value, or a known page with long unknown parameters.
            0 => $"/programs/jinnan-2025?q={n}{padding}",
            1 => $"/programs/jinnan-2025?unit={n}{padding[..200]}&category={n}&utm={padding[..1500]}",
            2 => $"/search?q={n}{padding}",
            3 => $"/items/jinnan-2025-07-1?x{n}={padding}",
            4 => $"/programs/jinnan-2025?asOf={2025 + n % 7000:D4}-{1 + n % 12:D2}-{1 + n % 28:D2}&status=completed&pad{n}={padding}",
            _ => $"/api/v1/programs/jinnan-2025/report-card?asOf=2025-06-{1 + n % 30:D2}&x{n}={padding}",
        };
        var statuses = new int[5000];
        var largest = 0L;
        // Measured after every thousand requests: a cache that is flushed now and then may look small at the end.
        for (var batch = 0; batch < statuses.Length; batch += 1000)
        {
            await Parallel.ForAsync(batch, batch + 1000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (n, cancellation) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, Url(n));
                request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
                // Every reader's own Cookie header, as many as there are requests.
                request.Headers.Add("Cookie", $"minxin-reader=m%3Delder; session{n}={padding[..1000]}");
                using var response = await client.SendAsync(request, cancellation);
                statuses[n] = (int)response.StatusCode;
            });
            largest = Math.Max(largest, HeapAfterFullCollection());
        }

        Assert.All(statuses, s => Assert.Equal(200, s));
        Assert.True(largest - before < MaxGrowth, $"The managed heap grew by up to {(largest - before) >> 20} MB, from {before >> 20} MB to {largest >> 20} MB.");
        using var card = await client.GetAsync("/programs/jinnan-2025");
        Assert.Contains("4个子项已完成", await card.Content.ReadAsStringAsync());
    }

    private static long HeapAfterFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    [Fact]
    public async Task The_card_stays_cached_while_hundreds_of_other_pages_come_and_go()
    {
        await using var small = new MinxinWebFactory(TestStorage.NewSqlite(), ("Minxin:PublicCacheMegabytes", "2"));
        using var client = small.CreateClient();
        await client.GetAsync("/programs/jinnan-2025");

        var misses = 0;
        for (var n = 0; n < 400; n++)
        {
            await client.GetAsync($"/programs/jinnan-2025?q={n}");
            if (n % 10 == 0)
            {
                using var card = await client.GetAsync("/programs/jinnan-2025");
                misses += card.Headers.Age is null ? 1 : 0;
            }
        }

        Assert.Equal(0, misses);
    }

    [Theory]
    [InlineData("/programs/jinnan-2025?utm_source=wechat&from=timeline", "/programs/jinnan-2025")]
    [InlineData("/programs/jinnan-2025?q=%E5%85%85%E7%94%B5&zzz=1&category=7&status=inProgress&asOf=2025-06-30",
        "/programs/jinnan-2025?asOf=2025-06-30&status=inProgress&category=7&q=%E5%85%85%E7%94%B5")]
    [InlineData("/programs/jinnan-2025?asOf=&status=&category=&unit=&q=%E5%85%85%E7%94%B5", "/programs/jinnan-2025?q=%E5%85%85%E7%94%B5")]
    [InlineData("/PROGRAMS/jinnan-2025/?q=a+b", "/programs/jinnan-2025?q=a%20b")]
    [InlineData("/search?page=2&q=%E5%85%85%E7%94%B5", "/search?q=%E5%85%85%E7%94%B5")]
    [InlineData("/items/jinnan-2025-07-1?from=singlemessage&isappinstalled=0", "/items/jinnan-2025-07-1")]
    [InlineData("/?ref=1", "/")]
    public async Task A_page_is_shared_under_its_canonical_address(string requested, string canonical)
    {
        using var client = factory.CreateClient();

        var share = await ShareLink.OfAsync(await client.GetStringAsync(requested));

        Assert.Equal(new ShareLink("http://localhost" + canonical, "http://localhost" + canonical, "http://localhost" + canonical), share);
    }

    [Fact]
    public async Task Unknown_parameters_are_served_from_the_entry_of_the_page_without_them()
    {
        using var client = factory.CreateClient();

        var plain = await client.GetStringAsync("/programs/jinnan-2025?status=completed");
        using var tagged = await client.GetAsync("/programs/jinnan-2025?status=completed&utm_source=wechat");

        Assert.NotNull(tagged.Headers.Age);
        Assert.Equal(plain, await tagged.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_filter_word_longer_than_a_search_is_cut_to_its_first_hundred_characters()
    {
        var word = string.Concat(Enumerable.Repeat("充电", 75));

        var page = await factory.GetDocumentAsync("/programs/jinnan-2025?q=" + Uri.EscapeDataString(word));

        Assert.Equal(word[..100], page.QuerySelector("#filter-q")!.GetAttribute("value"));
        Assert.Equal("http://localhost/programs/jinnan-2025?q=" + Uri.EscapeDataString(word[..100]), page.QuerySelector("#share-url")!.GetAttribute("value"));
    }
}
