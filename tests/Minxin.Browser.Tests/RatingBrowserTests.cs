using System.Net.Http.Headers;
using System.Net.Http.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Minxin.Cli;
using Minxin.Domain.Quantities;

namespace Minxin.Browser.Tests;

/// <summary>The ratings lane: its own app and browser, so the window it opens shows on no other lane's pages.</summary>
[CollectionDefinition(Name)]
public sealed class RatingLane : ICollectionFixture<PortalFixture>
{
    public const string Name = "ratings";
}

/// <summary>
/// 满意度测评 in a real browser: a reader on a 390 px phone in 适老版 rates 06-3 without JavaScript (big radio rows,
/// every control 60 px, the error summary first when she forgets to choose) and gets the thanks page; axe finds no
/// violation on the item page with its form, the error page and the results page, in every mode and colour scheme.
/// </summary>
[Collection(RatingLane.Name)]
public sealed class RatingBrowserTests(PortalFixture portal)
{
    private const string Item = "/items/jinnan-2025-06-3";

    private static readonly SemaphoreSlim Setup = new(1, 1);
    private static bool _opened;

    public static readonly TheoryData<string> Modes = [.. Reader.Modes.All];

    /// <summary>A window over 06-3 from today for a month, opened once per app by a coordinator through the staff API.</summary>
    private async Task OpenWindowAsync()
    {
        await Setup.WaitAsync();
        try
        {
            if (_opened)
            {
                return;
            }
            await CliAsync("Haihe-Bridge-Spring-2025", "users", "add", "ratecoord", "--role", "coordinator", "--region", "120112", "--display-name", "李明", "--password-stdin");
            using var http = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await CliAsync(null, "tokens", "create", "ratecoord")).TrimEnd('\n').Split('\n')[^1]);
            var today = ChinaTime.Today(TimeProvider.System);
            var opened = await http.PostAsJsonAsync("/api/v1/workspace/programs/jinnan-2025/rating-windows", new
            {
                title = "2025年度民心工程满意度测评", opensOn = IsoDate.Format(today), closesOn = IsoDate.Format(today.AddDays(30)), items = (string[])["06-3"],
            });
            Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());
            _opened = true;
        }
        finally
        {
            Setup.Release();
        }
    }

    [Fact]
    public async Task An_elder_reader_on_a_phone_rates_without_javascript()
    {
        await OpenWindowAsync();
        await using (var measured = await Reader.OpenAsync(portal, Item, Reader.Modes.Elder, width: 390, height: 844))
        {
            // Every control of the rating section 60 px (E4), the radio rows too, and no sideways scroll (E9).
            var small = await measured.EvalAsync<string[]>("""
                () => {
                  const size = e => e.getBoundingClientRect();
                  const controls = [...document.querySelectorAll('#rating button, #rating input, #rating .rating-choice')].filter(__measure.visible);
                  return controls.filter(e => size(e).width < 59.5 || size(e).height < 59.5).map(e => e.outerHTML.slice(0, 90));
                }
                """);
            Assert.Empty(small);
            Assert.True(await measured.HorizontalOverflowAsync() <= 0);
            await measured.Page.Locator("#rating").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(portal.Artifacts, "rating-elder-390.png") });
        }

        await using var reader = await Reader.OpenAsync(portal, Item, Reader.Modes.Elder, width: 390, height: 844, javaScript: false);

        // She forgets to choose: the error summary names the field and links to it.
        await reader.Page.ClickAsync("#rating button[type=submit]");
        Assert.Contains("/items/jinnan-2025-06-3/rating", reader.Page.Url, StringComparison.Ordinal);
        Assert.Contains("请选择满意、基本满意或不满意", await reader.Page.InnerTextAsync(".error-summary"), StringComparison.Ordinal);
        Assert.Equal("#rating-choice-satisfied", await reader.Page.GetAttributeAsync(".error-summary a", "href"));
        await reader.ScreenshotAsync("rating-elder-error");

        // By the label (the big target), with a comment.
        await reader.Page.ClickAsync("label[for=rating-choice-basicallySatisfied]");
        await reader.Page.FillAsync("#rating-comment", "希望菜市场早点开门");
        await reader.Page.ClickAsync("form.rating-form button[type=submit]");
        Assert.Equal("感谢您的评价", (await reader.Page.InnerTextAsync("h1")).Trim());
        Assert.Equal("mode-elder", await reader.Page.GetAttributeAsync("html", "class"));
        await reader.ScreenshotAsync("rating-elder-thanks");

        // Back on the item: a second try is refused with the message.
        await reader.GoAsync(Item);
        await reader.Page.ClickAsync("label[for=rating-choice-satisfied]");
        await reader.Page.ClickAsync("#rating button[type=submit]");
        Assert.Contains("您已评价过该子项，每位读者限评一次", await reader.Page.InnerTextAsync("[role=alert]"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Axe_finds_no_violations_on_the_rating_pages(string mode)
    {
        await OpenWindowAsync();
        await using var reader = await Reader.OpenAsync(portal, Item, mode);
        var problems = new List<string>();
        async Task CheckAsync(string what)
        {
            var result = await reader.AxeAsync();
            await reader.ScreenshotAsync($"axe-rating-{what}-{Reader.Modes.Name(mode)}");
            if (result.Violations.Length > 0)
            {
                problems.Add($"{what} in {Reader.Modes.Name(mode)}:\n{Reader.Describe(result)}");
            }
        }

        Assert.NotNull(await reader.Page.QuerySelectorAsync("#rating form.rating-form"));
        await CheckAsync("item");
        await reader.Page.ClickAsync("#rating button[type=submit]");
        Assert.NotNull(await reader.Page.QuerySelectorAsync(".error-summary"));
        await CheckAsync("error");
        await reader.GoAsync("/programs/jinnan-2025/ratings");
        await CheckAsync("results");
        await reader.GoAsync("/programs/jinnan-2025");
        Assert.NotNull(await reader.Page.QuerySelectorAsync(".rating-program"));
        await CheckAsync("card");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_staff_ratings_page_passes_axe_and_reflows_at_320_px()
    {
        await OpenWindowAsync();
        var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "zh-CN" });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(portal.BaseUrl + "/workspace/sign-in");
            await page.FillAsync("#username", "ratecoord");
            await page.FillAsync("#password", "Haihe-Bridge-Spring-2025");
            await page.ClickAsync("main button[type=submit]");
            await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
            await page.GotoAsync(portal.BaseUrl + "/workspace/programs/jinnan-2025/ratings");

            // A deputies' tally entered on the page, then the page as it stands.
            await page.SelectOptionAsync("form[action*=deputies] select[name=itemId]", "06-3");
            await page.FillAsync("form[action*=deputies] input[name=satisfied]", "20");
            await page.FillAsync("form[action*=deputies] input[name=basicallySatisfied]", "2");
            await page.FillAsync("form[action*=deputies] input[name=dissatisfied]", "1");
            await page.FillAsync("form[action*=deputies] input[name=source]", "区人大常委会测评");
            await page.ClickAsync("form[action*=deputies] button[type=submit]");
            await page.WaitForURLAsync(url => url.Contains("done=deputies", StringComparison.Ordinal));
            Assert.Contains("人大代表测评已录入", await page.InnerTextAsync(".ws-notice"), StringComparison.Ordinal);

            var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Reader.WcagTags] } });
            Assert.True(axe.Violations.Length == 0, Reader.Describe(axe));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(portal.Artifacts, "workspace-ratings.png"), FullPage = true });
            await page.SetViewportSizeAsync(320, 640);
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0, "scrolls sideways at 320 px");
        }
        finally
        {
            await context.CloseAsync();
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
}
