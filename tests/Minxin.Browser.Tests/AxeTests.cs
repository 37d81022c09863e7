using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Minxin.Cli;

namespace Minxin.Browser.Tests;

/// <summary>S1, C4: axe finds no WCAG 2.2 A/AA violation on any public page type, in any mode or colour scheme.</summary>
[Collection(AxeLane.Name)]
public sealed class AxeTests(PortalFixture portal)
{
    public static readonly string[] PageTypes =
        ["/", "/programs/jinnan-2025", "/items/jinnan-2025-07-1", "/search?q=充电", "/accessibility"];

    /// <summary>The pages of the published editions and of the light rule; the lane publishes 2025-h1 before it reads any page.</summary>
    public static readonly string[] EditionPageTypes =
        ["/programs/jinnan-2025/editions", "/programs/jinnan-2025/editions/2025-h1", "/programs/jinnan-2025/lights"];

    /// <summary>The citizens' pages that need no message of their own: the receipt lookup, the ratings page, an item's poster.</summary>
    public static readonly string[] CitizenPageTypes =
        ["/messages/lookup", "/programs/jinnan-2025/ratings", "/items/jinnan-2025-07-1/poster"];

    private static readonly SemaphoreSlim Setup = new(1, 1);

    public static readonly TheoryData<string, string> PagesAndModes = Matrix();

    private static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var page in PageTypes.Concat(EditionPageTypes).Concat(CitizenPageTypes))
        {
            foreach (var mode in Reader.Modes.All)
            {
                data.Add(page, mode);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PagesAndModes))]
    public async Task Axe_finds_no_violations(string path, string mode)
    {
        await PublishFirstHalfAsync();
        await using var reader = await Reader.OpenAsync(portal, path, mode);

        var result = await reader.AxeAsync();
        await reader.ScreenshotAsync($"axe-{Slug(path)}-{Reader.Modes.Name(mode)}");

        Assert.True(result.Violations.Length == 0, $"{path} in {Reader.Modes.Name(mode)}:\n{Reader.Describe(result)}");
        Assert.NotEmpty(result.Passes);
    }

    [Fact]
    public async Task Axe_flags_a_low_contrast_paragraph_so_a_silent_axe_cannot_pass()
    {
        await using var reader = await Reader.OpenAsync(portal, "/programs/jinnan-2025");
        await reader.EvalAsync<bool>("""
            () => {
              const p = document.createElement('p');
              p.textContent = '对比度过低的文字';
              p.style.color = '#bbbbbb';
              p.style.background = '#ffffff';
              document.querySelector('main').prepend(p);
              return true;
            }
            """);

        var result = await reader.AxeAsync();

        Assert.Contains(result.Violations, v => v.Id == "color-contrast");
    }

    /// <summary>2025年上半年成绩单 as of 2025-06-30, published once per app by a coordinator through the staff API.</summary>
    private async Task PublishFirstHalfAsync()
    {
        await Setup.WaitAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
            if (JsonNode.Parse(await http.GetStringAsync("/api/v1/programs/jinnan-2025/editions"))!.AsArray().Count > 0)
            {
                return;
            }
            await CliAsync("Haihe-Bridge-Spring-2025", "users", "add", "axecoord", "--role", "coordinator", "--region", "120112", "--display-name", "李明", "--password-stdin");
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await CliAsync(null, "tokens", "create", "axecoord")).TrimEnd('\n').Split('\n')[^1]);
            var published = await http.PostAsJsonAsync("/api/v1/workspace/programs/jinnan-2025/editions",
                new { title = "2025年上半年成绩单", slug = "2025-h1", asOf = "2025-06-30", publishedOn = "2025-07-10" });
            Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        }
        finally
        {
            Setup.Release();
        }
    }

    private async Task<string> CliAsync(string? stdin, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = await MinxinCli.RunAsync(args, () => portal.Storage, stdout, stderr, stdin is null ? null : new StringReader(stdin + "\n"));
        Assert.True(code == 0, $"minxin {string.Join(' ', args)} failed: {stderr}");
        return stdout.ToString();
    }

    public static string Slug(string path) =>
        path == "/" ? "home" : string.Concat(path.Trim('/').Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
}
