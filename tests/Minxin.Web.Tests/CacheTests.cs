using System.Net;
using Minxin.Data;
using Minxin.Domain.ProgramFiles;
using Minxin.Testing;

namespace Minxin.Web.Tests;

/// <summary>Public pages are served from the output cache and evicted when the data changes, whoever changed it.</summary>
public sealed class CacheTests(SqliteWebFactory factory) : IClassFixture<SqliteWebFactory>
{
    [Theory]
    [InlineData("/programs/jinnan-2025")]
    [InlineData("/items/jinnan-2025-07-1")]
    [InlineData("/api/v1/programs/jinnan-2025/report-card")]
    [InlineData("/")]
    public async Task A_second_request_is_served_from_the_cache(string url)
    {
        using var client = factory.CreateClient();
        using var first = await client.GetAsync(url);
        using var second = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotNull(second.Headers.Age);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_go_out_compressed_and_an_unchanged_page_costs_a_304()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/programs/jinnan-2025");
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        using var compressed = await client.SendAsync(request);

        Assert.Equal("br", compressed.Content.Headers.ContentEncoding.Single());
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        var etag = compressed.Headers.ETag!;
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/programs/jinnan-2025");
        revalidate.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        revalidate.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var plain = await client.GetAsync("/programs/jinnan-2025");
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.NotEqual(etag, plain.Headers.ETag);
        Assert.Contains("4个子项已完成", await plain.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Error_pages_are_neither_cached_nor_public()
    {
        using var client = factory.CreateClient();
        using var first = await client.GetAsync("/programs/nowhere-2025");
        using var second = await client.GetAsync("/programs/nowhere-2025");

        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Null(second.Headers.Age);
        Assert.Contains("页面不存在", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_change_made_elsewhere_evicts_the_pages_of_that_program()
    {
        using var client = factory.CreateClient();
        Assert.Contains("5119/6000个", await client.GetStringAsync("/programs/jinnan-2025"));
        Assert.Contains("\"actual\":5119", await client.GetStringAsync("/api/v1/programs/jinnan-2025/report-card"));

        // Another node, or the CLI, adds an approved correction of the figure to the shared database.
        var changed = ProgramFileReader.Read(Repository.JinnanProgramFile).ProgramOrThrow();
        var item = changed.Items.Single(i => i.Code == "07-1");
        var correction = Corrections.Of(item.Reports.Single(), "核对台账后更正", v => v.Value == 5119 ? 5230 : v.Value);
        item.Reports.Add(correction);
        await using (var db = factory.OpenDatabase())
        {
            await ProgramImport.ApplyAsync(db, changed, allowPlanChanges: false);
        }

        var page = await EventuallyAsync(() => client.GetStringAsync("/programs/jinnan-2025"), p => p.Contains("5230/6000个"));
        Assert.DoesNotContain("5119/6000个", page);
        var api = await EventuallyAsync(() => client.GetStringAsync("/api/v1/programs/jinnan-2025/report-card"), p => p.Contains("\"actual\":5230"));
        Assert.DoesNotContain("\"actual\":5119", api);
    }

    private static async Task<string> EventuallyAsync(Func<Task<string>> get, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string latest;
        do
        {
            latest = await get();
            if (done(latest))
            {
                return latest;
            }
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        return latest;
    }
}
