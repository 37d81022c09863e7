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
    public async Task A_change_made_elsewhere_evicts_the_pages_of_that_program()
    {
        using var client = factory.CreateClient();
        Assert.Contains("5119/6000个", await client.GetStringAsync("/programs/jinnan-2025"));
        Assert.Contains("\"actual\":5119", await client.GetStringAsync("/api/v1/programs/jinnan-2025/report-card"));

        // Another node, or the CLI, replaces the program in the shared database.
        var text = (await File.ReadAllTextAsync(Repository.JinnanProgramFile)).Replace("\"value\": 5119", "\"value\": 5230");
        var changed = ProgramFileReader.Read("changed.json", System.Text.Encoding.UTF8.GetBytes(text)).ProgramOrThrow();
        await using (var db = factory.OpenDatabase())
        {
            await ProgramStore.AddAsync(db, changed, replace: true);
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
