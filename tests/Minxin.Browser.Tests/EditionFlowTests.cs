using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Minxin.Cli;

namespace Minxin.Browser.Tests;

/// <summary>
/// Two editions (成绩单) in a real browser, on an app of their own: the coordinator publishes 2025年上半年成绩单
/// (2025-h1, as of 2025-06-30) on the workspace page; in the July round the unit reports 07-1 充电接口 5600 and moves
/// 06-2's expected completion from 2025-08-31 to 2025-10 with a reason, both approved; the live card then says
/// 5600/6000个（93%）while 2025-h1 still says 5119/6000个（85%）; the July edition (2025-07) lists the rise under
/// 较上期变化 and marks it on the item, and 06-2's item page gives the slipped date with its reason.
/// </summary>
[Collection(EditionFlowLane.Name)]
public sealed partial class EditionFlowTests(PortalFixture fixture)
{
    private const string Password = "Jingjin-Railway-Autumn-2025";
    private const string SlipReason = "配套管网接驳需待市政道路施工完成";

    [GeneratedRegex(@"values\[(\d+)\]\.indicator")]
    private static partial Regex ValueIndex();

    private async Task<IPage> SignInAsync(string user, int width, int height = 900)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/workspace/sign-in");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        return page;
    }

    private async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.Artifacts, $"edition-{name}.png"), FullPage = true });

    private async Task CliAsync(string? stdin, params string[] args)
    {
        var stderr = new StringWriter();
        var code = await MinxinCli.RunAsync(args, () => fixture.Storage, TextWriter.Null, stderr, stdin is null ? null : new StringReader(stdin + "\n"));
        Assert.True(code == 0, $"minxin {string.Join(' ', args)} failed: {stderr}");
    }

    private async Task GoAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(fixture.BaseUrl + path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
    }

    /// <summary>The coordinator's publish form, filled as a person would, by its labels.</summary>
    private async Task PublishAsync(IPage coordinator, string title, string slug, string asOf, string publishedOn, string? shot = null)
    {
        await GoAsync(coordinator, "/workspace/programs/jinnan-2025/editions");
        await coordinator.GetByLabel("标题", new() { Exact = true }).FillAsync(title);
        await coordinator.GetByLabel("网址标识").FillAsync(slug);
        await coordinator.GetByLabel("数据截止日期").FillAsync(asOf);
        await coordinator.GetByLabel("发布日期").FillAsync(publishedOn);
        if (shot is not null)
        {
            await ShotAsync(coordinator, shot);
        }
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "发布成绩单" }).ClickAsync();
        await coordinator.WaitForURLAsync(url => url.Contains("done=" + slug, StringComparison.Ordinal));
        Assert.Contains("已发布：" + title, await coordinator.Locator("main .ws-notice").InnerTextAsync());
    }

    /// <summary>The figure input of an indicator on the report form, found by the hidden field naming its indicator.</summary>
    private static async Task<ILocator> FigureAsync(IPage page, string indicator)
    {
        var name = await page.Locator($"input[type=hidden][value='{indicator}']").GetAttributeAsync("name");
        return page.Locator($"input[name='values[{ValueIndex().Match(name!).Groups[1].Value}].value']");
    }

    private async Task<string> TextAsync(string path, string selector)
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN" });
        try
        {
            await GoAsync(page, path);
            return await page.Locator(selector).InnerTextAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task An_edition_stays_as_published_and_the_next_one_lists_the_rise_and_the_slipped_date_with_its_reason()
    {
        await CliAsync(null, "units", "add", "区住建委", "--region", "120112", "--code", "zjw");
        await CliAsync(Password, "users", "add", "zhaomin", "--role", "coordinator", "--region", "120112", "--display-name", "赵敏", "--password-stdin");
        await CliAsync(Password, "users", "add", "sunqiang", "--role", "reporter", "--region", "120112", "--unit", "区住建委", "--display-name", "孙强", "--password-stdin");

        // The first-half edition, published on the workspace page.
        var coordinator = await SignInAsync("zhaomin", 1280);
        await PublishAsync(coordinator, "2025年上半年成绩单", "2025-h1", "2025-06-30", "2025-07-10", shot: "1-publish-form");
        Assert.Contains("2025年上半年成绩单", await coordinator.Locator("main table").InnerTextAsync());
        await ShotAsync(coordinator, "2-published");
        var h1 = await TextAsync("/programs/jinnan-2025/editions/2025-h1", "#item-07-1");
        Assert.Contains("5119/6000个（85%）", h1);

        // 07-1 and 06-2 go to the unit; the July round opens.
        foreach (var item in new[] { "07-1", "06-2" })
        {
            await GoAsync(coordinator, $"/workspace/programs/jinnan-2025/items/{item}");
            await coordinator.Locator("[name='Plan.LeadUnit']").SelectOptionAsync("zjw");
            // The save answers with a redirect to the same page: wait for that answer, then for the page it leads to.
            await coordinator.RunAndWaitForResponseAsync(
                () => coordinator.GetByRole(AriaRole.Button, new() { Name = "保存计划" }).ClickAsync(),
                r => r.Request.Method == "POST" && r.Url.Contains($"/items/{item}", StringComparison.Ordinal), new() { Timeout = 90_000 });
            await coordinator.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = 90_000 });
        }
        await GoAsync(coordinator, "/workspace/rounds");
        await coordinator.Locator("[name='program']").SelectOptionAsync("jinnan-2025");
        await coordinator.Locator("[name='title']").FillAsync("2025年7月月报");
        await coordinator.Locator("[name='asOf']").FillAsync("2025-07-31");
        await coordinator.Locator("[name='dueDate']").FillAsync("2025-08-05");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "开启轮次" }).ClickAsync();
        await coordinator.WaitForURLAsync(new Regex(@"/workspace/rounds/\d+"));

        // The reporter: 5600 charging sockets; 06-2 now expected in October, with the reason.
        var reporter = await SignInAsync("sunqiang", 1280);
        Assert.EndsWith("/workspace/tasks", reporter.Url);
        await reporter.Locator("main a[href^='/workspace/items/jinnan-2025-07-1/report']").ClickAsync();
        await (await FigureAsync(reporter, "充电接口")).FillAsync("5600");
        await reporter.Locator("button[name='intent'][value='submit']").ClickAsync();
        Assert.Contains("待审核", await reporter.Locator("main").InnerTextAsync());

        await GoAsync(reporter, "/workspace/tasks");
        await reporter.Locator("main a[href^='/workspace/items/jinnan-2025-06-2/report']").ClickAsync();
        await reporter.GetByLabel("进展情况").FillAsync("安置房主体已完工，正在进行竣工验收。");
        await reporter.GetByLabel("预计完成时间（可不填）").FillAsync("2025-10");
        await reporter.GetByLabel("预计完成时间变更原因").FillAsync(SlipReason);
        await ShotAsync(reporter, "3-report-moved-date");
        await reporter.Locator("button[name='intent'][value='submit']").ClickAsync();
        Assert.Contains("待审核", await reporter.Locator("main").InnerTextAsync());

        // The coordinator approves both.
        for (var i = 0; i < 2; i++)
        {
            await GoAsync(coordinator, "/workspace/review");
            await coordinator.Locator("main a[href^='/workspace/review/']").First.ClickAsync();
            await coordinator.GetByRole(AriaRole.Button, new() { Name = "通过并公开" }).ClickAsync();
            // The decision lands back on the report with ?done=approved; on a busy machine that can take a while.
            await coordinator.WaitForURLAsync(url => url.Contains("done=approved", StringComparison.Ordinal), new() { Timeout = 90_000 });
        }
        await GoAsync(coordinator, "/workspace/review");
        Assert.Equal(0, await coordinator.Locator("main a[href^='/workspace/review/']").CountAsync());

        // The live card moves; the published edition does not.
        Assert.Contains("5600/6000个（93%）", await TextAsync("/programs/jinnan-2025", "#item-07-1"));
        Assert.Contains("5119/6000个（85%）", await TextAsync("/programs/jinnan-2025/editions/2025-h1", "#item-07-1"));

        // The July edition says what changed.
        await PublishAsync(coordinator, "2025年7月成绩单", "2025-07", "2025-07-31", "2025-08-10");
        var reader = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "zh-CN" });
        await GoAsync(reader, "/programs/jinnan-2025/editions/2025-07");
        Assert.Contains("5119个 → 5600个（85% → 93%）", await reader.Locator("#changes-07-1").InnerTextAsync());
        Assert.StartsWith("较上期：", (await reader.Locator("#changes-07-1").InnerTextAsync()).Trim());
        var changes = await reader.Locator("section.edition-changes").InnerTextAsync();
        Assert.Contains("较上期变化", changes);
        Assert.Contains("1项进度提高", await reader.Locator(".change-summary").InnerTextAsync());
        Assert.Contains("5119个 → 5600个", await reader.Locator(".change-list li", new() { HasText = "07-1" }).InnerTextAsync());
        Assert.Contains(SlipReason, await reader.Locator(".change-list li", new() { HasText = "06-2" }).InnerTextAsync());
        Assert.Contains("5600/6000个（93%）", await reader.Locator("#item-07-1").InnerTextAsync());
        Assert.True(await reader.Locator("#item-07-1 .light").CountAsync() > 0, "the item in the edition carries its light");
        await ShotAsync(reader, "4-july");
        await reader.Locator("section.edition-changes").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(fixture.Artifacts, "edition-4-july-changes.png") });
        await reader.Locator("section.category", new() { Has = reader.Locator("#changes-07-1") }).ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(fixture.Artifacts, "edition-4-july-category-07.png") });

        await GoAsync(reader, "/programs/jinnan-2025/editions/2025-h1");
        Assert.Contains("5119/6000个（85%）", await reader.Locator("#item-07-1").InnerTextAsync());
        Assert.Equal(0, await reader.Locator("#changes-07-1").CountAsync());
        await ShotAsync(reader, "5-first-half");

        await GoAsync(reader, "/programs/jinnan-2025/editions");
        Assert.Equal(["2025年7月成绩单", "2025年上半年成绩单"], (await reader.Locator(".edition-list > li > a").AllInnerTextsAsync()).Select(t => t.Trim()));
        await ShotAsync(reader, "6-list");

        // The slipped date in 06-2's history, with its reason.
        await GoAsync(reader, "/items/jinnan-2025-06-2");
        Assert.Contains($"原定2025年8月底 → 现预计2025年10月（原因：{SlipReason}），已调整1次", await reader.Locator(".date-slips").InnerTextAsync());
        await ShotAsync(reader, "7-item-slip");

        await GoAsync(reader, "/programs/jinnan-2025/lights");
        Assert.True(await reader.Locator("main table").CountAsync() > 0);
        await ShotAsync(reader, "8-light-rule");

        // The July edition, with its change list and marks, in every mode: no axe violation.
        foreach (var mode in Reader.Modes.All)
        {
            await using var modal = await Reader.OpenAsync(fixture, "/programs/jinnan-2025/editions/2025-07", mode);
            var result = await modal.AxeAsync();
            Assert.True(result.Violations.Length == 0, $"2025-07 in {Reader.Modes.Name(mode)}:\n{Reader.Describe(result)}");
        }
        await reader.Context.CloseAsync();
        await reporter.Context.CloseAsync();
        await coordinator.Context.CloseAsync();
    }
}
