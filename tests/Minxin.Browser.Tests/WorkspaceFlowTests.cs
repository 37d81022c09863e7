using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Minxin.Cli;
using SkiaSharp;

namespace Minxin.Browser.Tests;

/// <summary>
/// The whole month in a real browser, from a fresh app: the first admin made with `minxin users add`; the admin makes a
/// unit, a coordinator and a reporter in the workspace; the coordinator gives 07-1 to the unit and opens the July round;
/// the reporter, on a 390 px phone, sees only its unit's item, reports 充电接口 5600 with a narrative and a photo and
/// submits; the public card still says 5119; the coordinator returns it with a reason; the reporter sees the reason,
/// corrects it to 5650 and resubmits; the coordinator approves; the public card then says 5650 (94%) as of the round's
/// date, in the page and the open-data API, and the item page names who reported and who approved.
/// </summary>
[Collection(WorkspaceFlowLane.Name)]
public sealed partial class WorkspaceFlowTests(PortalFixture fixture)
{
    private const string AdminPassword = "Haihe-Bridge-Spring-2025";
    private const string StaffPassword = "Jingjin-Railway-Autumn-2025";

    [GeneratedRegex(@"values\[(\d+)\]\.indicator")]
    private static partial Regex ValueIndex();

    private async Task<IPage> SignInAsync(string user, string password, int width, int height = 900)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/workspace/sign-in");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        return page;
    }

    private async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.Artifacts, $"flow-{name}.png"), FullPage = true });

    private async Task<string> PublicCardAsync()
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(fixture.BaseUrl + "/programs/jinnan-2025");
    }

    /// <summary>The figure input of an indicator on the report form, found by the hidden field naming its indicator.</summary>
    private static async Task<ILocator> FigureAsync(IPage page, string indicator)
    {
        var name = await page.Locator($"input[type=hidden][value='{indicator}']").GetAttributeAsync("name");
        return page.Locator($"input[name='values[{ValueIndex().Match(name!).Groups[1].Value}].value']");
    }

    [Fact]
    public async Task A_month_from_the_first_admin_to_an_approved_figure_on_the_public_card()
    {
        var stderr = new StringWriter();
        Assert.Equal(0, await MinxinCli.RunAsync(["users", "add", "admin", "--role", "admin", "--region", "120112", "--display-name", "赵管理", "--password-stdin"],
            () => fixture.Storage, TextWriter.Null, stderr, new StringReader(AdminPassword + "\n")));

        // The admin, at a desk: a unit, a coordinator and a reporter of that unit.
        var admin = await SignInAsync("admin", AdminPassword, 1280);
        Assert.EndsWith("/workspace/users", admin.Url);
        await admin.GotoAsync(fixture.BaseUrl + "/workspace/units");
        await admin.Locator("[name='Input.Name']").FillAsync("区城管委");
        await admin.Locator("[name='Input.Code']").FillAsync("cgw");
        await admin.GetByRole(AriaRole.Button, new() { Name = "新建单位" }).ClickAsync();
        Assert.Contains("区城管委", await admin.Locator("main").InnerTextAsync());
        foreach (var (user, name, role, unit) in new[] { ("liming", "李明", "coordinator", ""), ("wangli", "王丽", "reporter", "cgw") })
        {
            await admin.GotoAsync(fixture.BaseUrl + "/workspace/users");
            await admin.Locator("[name='Input.UserName']").FillAsync(user);
            await admin.Locator("[name='Input.DisplayName']").FillAsync(name);
            await admin.Locator("[name='Input.Role']").SelectOptionAsync(role);
            await admin.Locator("[name='Input.Unit']").SelectOptionAsync(unit);
            await admin.Locator("[name='Input.Password']").FillAsync(StaffPassword);
            await admin.GetByRole(AriaRole.Button, new() { Name = "新建账号" }).ClickAsync();
            Assert.Contains(user, await admin.Locator("main").InnerTextAsync());
        }
        await ShotAsync(admin, "1-admin-accounts");

        // The coordinator gives 07-1 to 区城管委 and opens the July round.
        var coordinator = await SignInAsync("liming", StaffPassword, 1280);
        Assert.EndsWith("/workspace/rounds", coordinator.Url);
        await coordinator.GotoAsync(fixture.BaseUrl + "/workspace/programs/jinnan-2025/items/07-1");
        await coordinator.Locator("[name='Plan.LeadUnit']").SelectOptionAsync("cgw");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "保存计划" }).ClickAsync();
        await coordinator.GotoAsync(fixture.BaseUrl + "/workspace/rounds");
        await coordinator.Locator("[name='program']").SelectOptionAsync("jinnan-2025");
        await coordinator.Locator("[name='title']").FillAsync("2025年7月月报");
        await coordinator.Locator("[name='asOf']").FillAsync("2025-07-31");
        await coordinator.Locator("[name='dueDate']").FillAsync("2025-08-05");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "开启轮次" }).ClickAsync();
        Assert.Matches(@"/workspace/rounds/\d+", coordinator.Url);
        await ShotAsync(coordinator, "2-round-opened");

        // The reporter, on a 390 px phone: only its unit's item, reported with a photo.
        var reporter = await SignInAsync("wangli", StaffPassword, 390, 844);
        Assert.EndsWith("/workspace/tasks", reporter.Url);
        var tasks = await reporter.Locator("main").InnerTextAsync();
        Assert.Contains("充电接口6000个", tasks);
        Assert.DoesNotContain("婴幼儿托位", tasks);
        Assert.Equal(1, await reporter.Locator("main a[href^='/workspace/items/']").CountAsync());
        await ShotAsync(reporter, "3-reporter-tasks-390");
        await reporter.Locator("main a[href^='/workspace/items/jinnan-2025-07-1/report']").ClickAsync();
        await (await FigureAsync(reporter, "充电接口")).FillAsync("5600");
        await reporter.Locator("[name='narrative']").FillAsync("累计推动全区既有住宅小区新增电动自行车充电接口{充电接口}，完成率{充电接口%}。");
        await reporter.Locator("[name='file']").SetInputFilesAsync(new FilePayload { Name = "充电接口.jpg", MimeType = "image/jpeg", Buffer = Photo() });
        await ShotAsync(reporter, "4-report-form-390");
        await reporter.Locator("button[name='intent'][value='submit']").ClickAsync();
        Assert.Contains("待审核", await reporter.Locator("main").InnerTextAsync());
        Assert.Contains("5119/6000个", await PublicCardAsync());

        // The coordinator returns it with a reason.
        await coordinator.GotoAsync(fixture.BaseUrl + "/workspace/review");
        await coordinator.Locator("main a[href^='/workspace/review/']").First.ClickAsync();
        Assert.Contains("充电接口.jpg", await coordinator.Locator("main").InnerTextAsync());
        await coordinator.Locator("[name='reason']").FillAsync("5600与台账不符，请核实后更正");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "退回" }).ClickAsync();

        // The reporter sees why, corrects the figure and submits again.
        await reporter.GotoAsync(fixture.BaseUrl + "/workspace/tasks");
        Assert.Contains("5600与台账不符，请核实后更正", await reporter.Locator("main").InnerTextAsync());
        await reporter.Locator("main a[href^='/workspace/reports/'], main a[href^='/workspace/items/jinnan-2025-07-1/report']").First.ClickAsync();
        Assert.Contains("5600与台账不符，请核实后更正", await reporter.Locator("main").InnerTextAsync());
        await ShotAsync(reporter, "5-returned-form-390");
        await (await FigureAsync(reporter, "充电接口")).FillAsync("5650");
        await reporter.Locator("button[name='intent'][value='submit']").ClickAsync();
        Assert.Contains("5119/6000个", await PublicCardAsync());

        // The coordinator approves: public at once.
        await coordinator.GotoAsync(fixture.BaseUrl + "/workspace/review");
        await coordinator.Locator("main a[href^='/workspace/review/']").First.ClickAsync();
        await ShotAsync(coordinator, "6-review");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "通过并公开" }).ClickAsync();

        var card = await PublicCardAsync();
        Assert.Contains("5650/6000个（94%）", card);
        Assert.Contains("截至2025年7月底", card);
        using (var http = new HttpClient())
        {
            var api = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync(fixture.BaseUrl + "/api/v1/programs/jinnan-2025/report-card"))!;
            Assert.Equal("2025-07-31", (string?)api["asOf"]);
            var sockets = api["categories"]!.AsArray().SelectMany(c => c!["items"]!.AsArray()).Single(i => ((string?)i!["id"])!.EndsWith("07-1", StringComparison.Ordinal))!
                ["indicators"]!.AsArray().Single(x => (string?)x!["key"] == "充电接口")!;
            Assert.Equal((5650m, 94m), ((decimal)sockets["actual"]!, decimal.Floor((decimal)sockets["percent"]!)));
        }
        var item = await reporter.Context.NewPageAsync();
        await item.GotoAsync(fixture.BaseUrl + "/items/jinnan-2025-07-1");
        var meta = await item.Locator("#report-2025-07-31-v1 .report-meta").InnerTextAsync();
        Assert.Contains("区城管委 王丽", meta);
        Assert.Contains("李明", meta);
        await ShotAsync(item, "7-public-item-390");
    }

    /// <summary>A small photo as a phone would send it.</summary>
    private static byte[] Photo()
    {
        using var bitmap = new SKBitmap(320, 240);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(40, 120, 200));
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }
}
