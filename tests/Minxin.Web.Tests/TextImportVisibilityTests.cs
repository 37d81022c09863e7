using System.Net;
using Minxin.Cli;
using Minxin.Testing;

namespace Minxin.Web.Tests;

/// <summary>
/// `minxin import-text --save` of any text — a real report, another region's plan, random bytes — changes nothing a
/// reader can see: not the home page, the card, the item pages, search, or the open data; and `--replace` of the live
/// program from a text is refused.
/// </summary>
public abstract class TextImportVisibilityTests(MinxinWebFactory factory)
{
    private static readonly string[] PublicUrls =
    [
        "/", "/programs/jinnan-2025", "/items/jinnan-2025-07-1", "/search?q=" + Uri.EscapeDataString("充电"), "/api/v1/programs",
        "/api/v1/programs/jinnan-2025/report-card", "/api/v1/programs/jinnan-2025/report-card.csv", "/api/v1/items/jinnan-2025-07-1",
    ];

    private async Task<Dictionary<string, string>> PublicSiteAsync()
    {
        using var client = factory.CreateClient();
        var pages = new Dictionary<string, string>();
        foreach (var url in PublicUrls)
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages[url] = await response.Content.ReadAsStringAsync();
        }
        return pages;
    }

    private async Task<int> SaveAsync(string file, params string[] more)
    {
        var code = await MinxinCli.RunAsync(["import-text", file, "--save", .. more], () => factory.Storage, TextWriter.Null, TextWriter.Null);
        // Let every node's watcher see whatever data version moved.
        await Task.Delay(600);
        return code;
    }

    [Fact]
    public async Task Texts_of_every_kind_saved_from_the_command_line_stay_out_of_public_sight()
    {
        var before = await PublicSiteAsync();
        var texts = Path.Combine(Repository.Root, "tests", "Minxin.Importer.Tests", "Texts");
        var random = new Random(37);
        var noise = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var path = Path.Combine(factory.Storage.DataDirectory, $"noise-{i}.txt");
            var bytes = new byte[random.Next(2_000, 40_000)];
            random.NextBytes(bytes);
            await File.WriteAllBytesAsync(path, bytes);
            noise.Add(path);
        }

        Assert.Equal(0, await SaveAsync(Path.Combine(texts, "jinnan-2025-h1.txt"), "--id", "jinnan-copy-2025"));
        Assert.Equal(0, await SaveAsync(Path.Combine(texts, "jinnan-2025-q3.txt")));
        await SaveAsync(Path.Combine(texts, "hangzhou-2025-h1.txt"));
        foreach (var path in noise)
        {
            await SaveAsync(path, "--id", Path.GetFileNameWithoutExtension(path));
        }
        Assert.NotEqual(0, await SaveAsync(Path.Combine(texts, "jinnan-2025-h1.txt"), "--replace", "--id", "jinnan-2025"));

        var after = await PublicSiteAsync();
        Assert.All(PublicUrls, url => Assert.Equal(before[url], after[url]));
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/programs/jinnan-copy-2025")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/programs/jinnan-copy-2025/report-card")).StatusCode);
    }
}

public sealed class SqliteTextImportVisibilityTests(SqliteWebFactory factory) : TextImportVisibilityTests(factory), IClassFixture<SqliteWebFactory>;

public sealed class PostgresTextImportVisibilityTests(PostgresWebFactory factory) : TextImportVisibilityTests(factory), IClassFixture<PostgresWebFactory>;
