using Microsoft.Playwright;
using Minxin.Cli;

namespace Minxin.Browser.Tests;

/// <summary>
/// A reader's message, answered, in a real browser: on a 390 px phone in 适老版 with JavaScript off, a reader leaves a
/// 问题反映 on 07-1 充电接口 and gets a receipt number; the reporter of the item's lead unit finds it in the inbox and
/// drafts a reply; the coordinator publishes it; the item page then shows the question with the contact masked, the
/// reply and the counters, and the receipt lookup shows it answered. The reader's phone number and name appear on no
/// public page.
/// </summary>
[Collection(MessageFlowLane.Name)]
public sealed class MessageFlowTests(PortalFixture fixture)
{
    private const string Password = "Haihe-Bridge-Winter-2025";
    private const string Item = "/items/jinnan-2025-07-1";
    private const string Phone = "13962870415";
    private const string Question = "我们小区（咸水沽镇某小区）的充电接口什么时候能装好？晚上电动车只能推上楼充电。";
    private const string Reply = "您好，您所在小区的充电接口已列入第三批建设计划，预计9月底前完成安装。";

    private async Task CliAsync(string? stdin, params string[] args)
    {
        var stderr = new StringWriter();
        var code = await MinxinCli.RunAsync(args, () => fixture.Storage, TextWriter.Null, stderr, stdin is null ? null : new StringReader(stdin + "\n"));
        Assert.True(code == 0, $"minxin {string.Join(' ', args)} failed: {stderr}");
    }

    private async Task<IPage> SignInAsync(string user)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        // A busy machine renders a staff page's first request slowly (its views compile on first use).
        page.SetDefaultTimeout(90_000);
        await GoAsync(page, "/workspace/sign-in");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        return page;
    }

    private async Task GoAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(fixture.BaseUrl + path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
    }

    private async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.Artifacts, $"messages-{name}.png"), FullPage = true });

    [Fact]
    public async Task A_readers_message_from_a_phone_without_script_is_answered_by_the_unit_published_and_shown_masked_with_the_counters()
    {
        await CliAsync(null, "units", "add", "区住建委", "--region", "120112", "--code", "zjw");
        await CliAsync(Password, "users", "add", "qianli", "--role", "coordinator", "--region", "120112", "--display-name", "钱力", "--password-stdin");
        await CliAsync(Password, "users", "add", "zhoujie", "--role", "reporter", "--region", "120112", "--unit", "区住建委", "--display-name", "周杰", "--password-stdin");

        // 07-1 is led by 区住建委, so messages about it go to that unit.
        var coordinator = await SignInAsync("qianli");
        await GoAsync(coordinator, "/workspace/programs/jinnan-2025/items/07-1");
        await coordinator.Locator("[name='Plan.LeadUnit']").SelectOptionAsync("zjw");
        await coordinator.RunAndWaitForResponseAsync(
            () => coordinator.GetByRole(AriaRole.Button, new() { Name = "保存计划" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/items/07-1", StringComparison.Ordinal), new() { Timeout = 90_000 });
        await coordinator.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = 90_000 });

        // The reader: a 390 px phone, 适老版, no JavaScript.
        await using var reader = await Reader.OpenAsync(fixture, Item, Reader.Modes.Elder, width: 390, height: 844, javaScript: false);
        reader.Page.SetDefaultTimeout(90_000);
        Assert.Contains("mode-elder", await reader.Page.GetAttributeAsync("html", "class"));
        var form = reader.Page.Locator("form.message-form", new() { Has = reader.Page.GetByRole(AriaRole.Heading, new() { Name = "我要留言" }) });
        await form.GetByLabel("问题反映").CheckAsync();
        await form.GetByLabel("留言内容").FillAsync(Question);
        await form.GetByLabel("姓名（选填）").FillAsync("李阿姨");
        await form.GetByLabel("联系电话或电子邮箱（必填，不公开）").FillAsync(Phone);
        await form.Locator("input[name='consent']").CheckAsync();
        Assert.Equal(0, await reader.HorizontalOverflowAsync());
        await ShotAsync(reader.Page, "1-form-elder-390");
        await form.GetByRole(AriaRole.Button, new() { Name = "提交留言" }).ClickAsync();
        await reader.Page.WaitForURLAsync(url => url.Contains("/messages/receipt/", StringComparison.Ordinal));
        var receipt = (await reader.Page.Locator("#receipt-number").InnerTextAsync()).Trim();
        Assert.Matches(@"^LY\d{8}-\d{6}$", receipt);
        Assert.Contains("5个工作日内答复", await reader.Page.Locator("main").InnerTextAsync());
        Assert.Equal(0, await reader.HorizontalOverflowAsync());
        await ShotAsync(reader.Page, "2-receipt-elder-390");

        // The lead unit's reporter finds it in the inbox and drafts the reply.
        var reporter = await SignInAsync("zhoujie");
        await GoAsync(reporter, "/workspace/messages");
        var link = reporter.Locator("main a", new() { HasText = receipt });
        var detail = fixture.BaseUrl + await link.GetAttributeAsync("href");
        await link.ClickAsync();
        await reporter.WaitForURLAsync(detail);
        Assert.Contains(Question, await reporter.Locator("main").InnerTextAsync());
        Assert.Contains(Phone, await reporter.Locator("main").InnerTextAsync());
        await reporter.GetByLabel("答复内容（必填）").FillAsync(Reply);
        await reporter.RunAndWaitForResponseAsync(() => reporter.GetByRole(AriaRole.Button, new() { Name = "保存答复" }).ClickAsync(),
            r => r.Request.Method == "POST", new() { Timeout = 90_000 });
        await reporter.WaitForLoadStateAsync(LoadState.Load);
        Assert.Contains("答复待审核", await reporter.Locator("main").InnerTextAsync());
        Assert.Equal(0, await reporter.GetByRole(AriaRole.Button, new() { Name = "审核通过并公开" }).CountAsync());
        await ShotAsync(reporter, "3-reporter-drafted");

        // The coordinator publishes it.
        await coordinator.GotoAsync(detail);
        await coordinator.RunAndWaitForResponseAsync(() => coordinator.GetByRole(AriaRole.Button, new() { Name = "审核通过并公开" }).ClickAsync(),
            r => r.Request.Method == "POST", new() { Timeout = 90_000 });
        await coordinator.WaitForLoadStateAsync(LoadState.Load);
        Assert.Contains("已公开", await coordinator.Locator("main").InnerTextAsync());
        await ShotAsync(coordinator, "4-coordinator-published");

        // The item page: the question masked, the reply, the counters; no phone number, no name.
        await reader.GoAsync(Item);
        var answers = reader.Page.Locator("#messages");
        var shown = await answers.InnerTextAsync();
        Assert.Contains(Question, shown);
        Assert.Contains(Reply, shown);
        Assert.Contains("139****0415", shown);
        Assert.Contains("收到留言1条，已答复1条，其中1条在5个工作日内答复", shown);
        var html = await reader.Page.ContentAsync();
        Assert.DoesNotContain(Phone, html);
        Assert.DoesNotContain("李阿姨", html);
        Assert.Equal(0, await reader.HorizontalOverflowAsync());
        await ShotAsync(reader.Page, "5-item-answered-elder-390");
        await answers.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(fixture.Artifacts, "messages-5-answers-elder-390.png") });

        // The receipt lookup: the state and the reply.
        await reader.GoAsync("/messages/lookup");
        await reader.Page.GetByLabel("回执号").FillAsync(receipt);
        await reader.Page.GetByLabel("联系电话或电子邮箱").FillAsync(Phone);
        await reader.Page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await reader.Page.Locator("#result-title").WaitForAsync();
        var result = await reader.Page.Locator("main").InnerTextAsync();
        Assert.Contains("已答复", result);
        Assert.Contains(Reply, result);
        Assert.Equal(0, await reader.HorizontalOverflowAsync());
        await ShotAsync(reader.Page, "6-lookup-elder-390");
    }
}
