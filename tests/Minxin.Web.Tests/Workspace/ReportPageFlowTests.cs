using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace Minxin.Web.Tests.Workspace;

/// <summary>
/// A monthly round through the pages alone, signed in with the sign-in form: the coordinator opens the round, the
/// unit's reporter finds 07-1 on its to-do list, reports 充电接口 5600 (the form already holds last month's 5119),
/// submits; the coordinator sees 5119 → 5600 and returns it with a reason, which the reporter reads on its form;
/// corrected to 5650, resubmitted and approved, the public card says 5650 — and the audit log holds every step.
/// </summary>
public abstract class ReportPageFlowTests(MinxinWebFactory factory) : IAsyncLifetime
{
    private const string Sockets = "jinnan-2025-07-1";
    private string _unitName = "";
    private string _otherUnitName = "";
    private string _reporter = "";
    private string _otherReporter = "";
    private string _coordinator = "";
    private string _leader = "";

    public async Task InitializeAsync()
    {
        using (var warm = factory.CreateClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await warm.GetAsync("/api/v1/programs")).StatusCode);
        }
        (_unitName, _otherUnitName) = (Staff.Unique("区城管委"), Staff.Unique("区教育局"));
        await Staff.UnitAsync(factory, Staff.Unique("cgw"), _unitName);
        await Staff.UnitAsync(factory, Staff.Unique("jyj"), _otherUnitName);
        (_reporter, _otherReporter, _coordinator, _leader) = (Staff.Unique("wangli"), Staff.Unique("zhaoqiang"), Staff.Unique("liming"), Staff.Unique("zhanghua"));
        await Staff.UserAsync(factory, _reporter, "reporter", unit: _unitName);
        await Staff.UserAsync(factory, _otherReporter, "reporter", unit: _otherUnitName);
        await Staff.UserAsync(factory, _coordinator, "coordinator");
        await Staff.UserAsync(factory, _leader, "leader");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_report_saved_submitted_returned_corrected_and_approved_through_the_pages_reaches_the_public_card()
    {
        await AssignAsync(Sockets, _unitName);
        using var coordinator = await StaffSession.SignInAsync(factory, _coordinator);
        Assert.Equal("/workspace/rounds", coordinator.Landing);
        var roundId = await OpenRoundAsync(coordinator, "2025年7月月报", "2025-07-31", "2025-08-05");

        using var reporter = await StaffSession.SignInAsync(factory, _reporter);
        Assert.Equal("/workspace/tasks", reporter.Landing);
        var tasks = await reporter.PageAsync("/workspace/tasks");
        var task = Card(tasks, "07-1", "2025年7月月报");
        Assert.Contains("2025年7月月报", tasks.QuerySelector("main")!.TextContent);
        Assert.Equal("未报", task.QuerySelector(".ws-state")!.TextContent);
        var start = task.QuerySelector<IHtmlAnchorElement>("a.ws-button")!;
        Assert.Equal($"/workspace/items/{Sockets}/report?round={roundId}", start.GetAttribute("href"));

        // The form holds what the unit reported last time, with the target beside it.
        var form = await reporter.PageAsync(start.GetAttribute("href")!);
        Assert.Equal("5119", Input(form, "values[0].value").Value);
        Assert.Equal(("2025-01-01", "2025-07-31"), (Input(form, "values[0].from").Value, Input(form, "values[0].to").Value));
        Assert.Contains("目标：6000个", form.GetElementById("f-values-0-hint")!.TextContent);
        Assert.Contains("5119个", form.GetElementById("f-values-0-hint")!.TextContent);
        Assert.Equal("decimal", Input(form, "values[0].value").GetAttribute("inputmode"));

        var draft = await reporter.FollowAsync(await reporter.SubmitAsync(form, "main form", "button[value=save]",
            new Dictionary<string, string> { ["values[0].value"] = "5600" }));
        Assert.Contains("草稿已保存", draft.QuerySelector("main")!.TextContent);
        Assert.Equal("5600", Input(draft, "values[0].value").Value);
        Assert.Contains("5600个", draft.QuerySelector(".ws-preview")!.TextContent);
        var reportUrl = new Uri(draft.Url).AbsolutePath;
        var reportId = int.Parse(reportUrl.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

        var submitted = await reporter.FollowAsync(await reporter.SubmitAsync(draft, "main form", "button[value=submit]"));
        Assert.Contains("已提交审核", submitted.QuerySelector("main")!.TextContent);
        Assert.Null(submitted.QuerySelector("main form"));
        Assert.Equal("待审核", submitted.QuerySelector("main .ws-state")!.TextContent);
        Assert.Equal(5119m, await PublicSocketsAsync());

        // The coordinator's queue compares with the approved report before it.
        var queue = await coordinator.PageAsync("/workspace/review");
        var entry = Card(queue, "07-1");
        Assert.Contains($"{_unitName} {_reporter}同志", entry.TextContent);
        var row = entry.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("既有住宅小区新增电动自行车充电接口", StringComparison.Ordinal));
        Assert.Equal(["5119个", "5600个"], row.QuerySelectorAll("td.num").Select(c => c.TextContent.Trim()));
        Assert.Contains("增加 481个", row.TextContent);

        var review = await coordinator.PageAsync($"/workspace/review/{reportId}");
        var returned = await coordinator.FollowAsync(await coordinator.SubmitAsync(review, "form[action$='handler=return']", "button",
            new Dictionary<string, string> { ["reason"] = "5600与台账不符，请核实后更正" }));
        Assert.Contains("已退回", returned.QuerySelector("main")!.TextContent);

        // The reporter reads the reason on its list and at the top of its form.
        Assert.Contains("5600与台账不符，请核实后更正", Card(await reporter.PageAsync("/workspace/tasks"), "07-1", "2025年7月月报").QuerySelector(".ws-return-reason")!.TextContent);
        var fix = await reporter.PageAsync(reportUrl);
        Assert.Contains("5600与台账不符，请核实后更正", fix.QuerySelector("main .ws-notice.danger")!.TextContent);
        var resubmitted = await reporter.FollowAsync(await reporter.SubmitAsync(fix, "main form", "button[value=submit]",
            new Dictionary<string, string> { ["values[0].value"] = "5650" }));
        Assert.Equal("待审核", resubmitted.QuerySelector("main .ws-state")!.TextContent);
        Assert.Equal(5119m, await PublicSocketsAsync());

        review = await coordinator.PageAsync($"/workspace/review/{reportId}");
        Assert.Contains("5650个", review.QuerySelector("main table")!.TextContent);
        var approved = await coordinator.FollowAsync(await coordinator.SubmitAsync(review, "form[action$='handler=approve']", "button",
            new Dictionary<string, string> { ["note"] = "与台账核对一致" }));
        Assert.Contains("现已公开", approved.QuerySelector("main .ws-notice")!.TextContent);
        Assert.Equal($"/items/{Sockets}", approved.QuerySelector("main .ws-notice a")!.GetAttribute("href"));
        Assert.Null(approved.QuerySelector("form[action$='handler=approve']"));

        Assert.Equal(5650m, await PublicSocketsAsync());
        Assert.Contains("5650/6000个（94%）", (await factory.GetDocumentAsync("/programs/jinnan-2025")).QuerySelector("#item-07-1")!.TextContent);
        Assert.Equal("已通过", Card(await reporter.PageAsync("/workspace/tasks"), "07-1", "2025年7月月报").QuerySelector(".ws-state")!.TextContent);

        // Every step, in the audit log, with the reason and the figure's before and after.
        await using var db = factory.OpenDatabase();
        var entries = await db.AuditLog.AsNoTracking().Where(e => e.Subject == $"report:{reportId}").OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["report.created", "report.saved", "report.submitted", "report.returned", "report.saved", "report.submitted", "report.approved"],
            entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.NotEqual("anonymous", e.Actor));
        Assert.Contains("5600与台账不符，请核实后更正", entries.Single(e => e.Action == "report.returned").Summary);
        var change = entries.Where(e => e.Action == "report.saved").SelectMany(e => e.Changes).Single(c => c.Field == "values.充电接口");
        Assert.StartsWith("5600 ", change.Before);
        Assert.StartsWith("5650 ", change.After);
        Assert.Equal(_coordinator, entries.Single(e => e.Action == "report.approved").Actor);
    }

    [Fact]
    public async Task A_reporter_sees_only_its_units_items_and_reports()
    {
        await AssignAsync("jinnan-2025-07-2", _otherUnitName);
        using var coordinator = await StaffSession.SignInAsync(factory, _coordinator);
        var roundId = await OpenRoundAsync(coordinator, "2025年8月月报", "2025-08-31", "2025-09-05");

        using var other = await StaffSession.SignInAsync(factory, _otherReporter);
        Assert.Equal("/workspace/tasks", other.Landing);
        var tasks = await other.PageAsync("/workspace/tasks");
        Assert.Equal(["07-2 新增电动汽车充电桩530个"], Titles(tasks).Distinct());
        var form = await other.PageAsync($"/workspace/items/jinnan-2025-07-2/report?round={roundId}");
        Assert.Equal("27", Input(form, "values[1].value").Value);
        var own = await other.FollowAsync(await other.SubmitAsync(form, "main form", "button[value=submit]",
            new Dictionary<string, string> { ["values[0].value"] = "300", ["values[1].value"] = "20" }));
        var ownUrl = new Uri(own.Url).AbsolutePath;

        // A cumulative figure that went down is flagged to the coordinator in words.
        var queued = Card(await coordinator.PageAsync("/workspace/review"), "07-2");
        var down = queued.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("20处", StringComparison.Ordinal));
        Assert.Contains("较上次减少 7处", down.TextContent);
        Assert.Contains("有累计数值较上次减少", queued.TextContent);

        // The other unit's reporter, on this unit's item and report: 403; on a report that does not exist: 404.
        using var reporter = await StaffSession.SignInAsync(factory, _reporter);
        Assert.DoesNotContain(Titles(await reporter.PageAsync("/workspace/tasks")), c => c.Contains("07-2", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync(ownUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync($"/workspace/items/jinnan-2025-07-2/report?round={roundId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reporter.GetAsync("/workspace/reports/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reporter.GetAsync($"/workspace/items/jinnan-2025-99-1/report?round={roundId}")).StatusCode);
        // Nor the coordinator's pages.
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync("/workspace/review")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync("/workspace/rounds")).StatusCode);
        var refused = await StaffSession.ReadAsync(await reporter.GetAsync(ownUrl), ownUrl);
        Assert.Contains("没有权限", refused.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task A_leader_reads_rounds_review_and_reports_without_a_single_form()
    {
        await AssignAsync("jinnan-2025-03-1", _unitName);
        using var coordinator = await StaffSession.SignInAsync(factory, _coordinator);
        var roundId = await OpenRoundAsync(coordinator, "2025年9月月报", "2025-09-30", "2025-10-08");
        using var reporter = await StaffSession.SignInAsync(factory, _reporter);
        var form = await reporter.PageAsync($"/workspace/items/jinnan-2025-03-1/report?round={roundId}");
        var report = await reporter.FollowAsync(await reporter.SubmitAsync(form, "main form", "button[value=submit]",
            new Dictionary<string, string> { ["values[0].value"] = "16000" }));
        var reportId = new Uri(report.Url).AbsolutePath.Split('/')[^1];

        using var leader = await StaffSession.SignInAsync(factory, _leader);
        Assert.Equal("/workspace/overview", leader.Landing);
        foreach (var url in new[] { "/workspace/rounds", $"/workspace/rounds/{roundId}", "/workspace/review", $"/workspace/review/{reportId}", $"/workspace/reports/{reportId}" })
        {
            var page = await leader.PageAsync(url);
            Assert.Empty(page.QuerySelectorAll("main form"));
        }
        Assert.Contains("15254名", (await leader.PageAsync($"/workspace/review/{reportId}")).QuerySelector("main table")!.TextContent);
        var overview = await leader.PageAsync($"/workspace/rounds/{roundId}");
        Assert.Contains("待审核", overview.QuerySelectorAll("main .ws-list li").Single(li => li.TextContent.Contains("03-1", StringComparison.Ordinal)).TextContent);

        // A decision sent anyway, with a valid token of the leader's own session, is refused and changes nothing.
        var coordinatorReview = await coordinator.PageAsync($"/workspace/review/{reportId}");
        var leaderPage = await leader.PageAsync($"/workspace/review/{reportId}");
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["revision"] = coordinatorReview.QuerySelector<IHtmlInputElement>("form[action$='handler=approve'] input[name=revision]")!.Value,
            ["__RequestVerificationToken"] = StaffSession.Token(leaderPage, "body"),
        });
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync($"/workspace/review/{reportId}?handler=approve", body)).StatusCode);
        Assert.Equal("待审核", (await leader.PageAsync($"/workspace/reports/{reportId}")).QuerySelector("main .ws-state")!.TextContent);
    }

    [Fact]
    public async Task An_approved_report_is_corrected_as_a_second_version_that_states_its_reason()
    {
        await AssignAsync("jinnan-2025-09-2", _unitName);
        using var coordinator = await StaffSession.SignInAsync(factory, _coordinator);
        var roundId = await OpenRoundAsync(coordinator, "2025年10月月报", "2025-10-31", "2025-11-05");
        using var reporter = await StaffSession.SignInAsync(factory, _reporter);
        var first = await reporter.FollowAsync(await reporter.SubmitAsync(await reporter.PageAsync($"/workspace/items/jinnan-2025-09-2/report?round={roundId}"),
            "main form", "button[value=submit]", new Dictionary<string, string> { ["values[0].value"] = "12" }));
        var firstId = new Uri(first.Url).AbsolutePath.Split('/')[^1];
        await coordinator.FollowAsync(await coordinator.SubmitAsync(await coordinator.PageAsync($"/workspace/review/{firstId}"), "form[action$='handler=approve']", "button"));

        var approved = await reporter.PageAsync($"/workspace/reports/{firstId}");
        var correct = approved.QuerySelectorAll("main .ws-notice a").Single(a => a.TextContent == "提交更正版本");
        var form = await reporter.PageAsync(correct.GetAttribute("href")!);
        Assert.Contains("更正版本", form.QuerySelector("main .ws-notice.warn")!.TextContent);
        Assert.Equal("12", Input(form, "values[0].value").Value);

        var refused = await reporter.SubmitAsync(form, "main form", "button[value=submit]", new Dictionary<string, string> { ["values[0].value"] = "13" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await StaffSession.ReadAsync(refused, correct.GetAttribute("href")!);
        Assert.Contains("更正须写明原因", page.GetElementById("f-correctionreason-error")!.TextContent);
        Assert.Equal("13", Input(page, "values[0].value").Value);

        var second = await reporter.FollowAsync(await reporter.SubmitAsync(page, "main form", "button[value=submit]",
            new Dictionary<string, string> { ["correctionReason"] = "漏计了10月下旬举办的龙舟邀请赛" }));
        Assert.NotEqual(firstId, new Uri(second.Url).AbsolutePath.Split('/')[^1]);
        var facts = string.Concat(second.QuerySelectorAll("dl.ws-facts").Select(d => d.TextContent));
        Assert.Contains("第2版，更正", facts);
        Assert.Contains("漏计了10月下旬举办的龙舟邀请赛", facts);
        // The first version stays approved and public until the correction is approved.
        Assert.Equal("已通过", (await reporter.PageAsync($"/workspace/reports/{firstId}")).QuerySelector("main .ws-state")!.TextContent);
    }

    [Fact]
    public async Task A_closed_round_leaves_the_to_do_list_and_takes_no_new_reports()
    {
        await AssignAsync("jinnan-2025-09-1", _unitName);
        using var coordinator = await StaffSession.SignInAsync(factory, _coordinator);
        var roundId = await OpenRoundAsync(coordinator, "2025年11月月报", "2025-11-30", "2025-12-05");
        using var reporter = await StaffSession.SignInAsync(factory, _reporter);
        Assert.Contains(Card(await reporter.PageAsync("/workspace/tasks"), "09-1", "2025年11月月报").QuerySelectorAll(".ws-state"), e => e.TextContent == "未报");
        var form = await reporter.PageAsync($"/workspace/items/jinnan-2025-09-1/report?round={roundId}");

        var overview = await coordinator.PageAsync($"/workspace/rounds/{roundId}");
        var closed = await coordinator.FollowAsync(await coordinator.SubmitAsync(overview, "form[action$='handler=close']", "button"));
        Assert.Contains("报送轮次已结束", closed.QuerySelector("main")!.TextContent);
        Assert.Empty(closed.QuerySelectorAll("main form"));
        Assert.Contains("已结束", (await coordinator.PageAsync("/workspace/rounds")).QuerySelectorAll("li.ws-card")
            .Single(c => c.QuerySelector("h3")!.TextContent == "2025年11月月报").TextContent);

        Assert.DoesNotContain("2025年11月月报", (await reporter.PageAsync("/workspace/tasks")).QuerySelector("main")!.TextContent);
        var late = await reporter.SubmitAsync(form, "main form", "button[value=save]");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("已结束", (await StaffSession.ReadAsync(late, $"/workspace/items/jinnan-2025-09-1/report?round={roundId}")).QuerySelector(".ws-error-summary")!.TextContent);
        Assert.Null((await reporter.PageAsync($"/workspace/items/jinnan-2025-09-1/report?round={roundId}")).QuerySelector("main form"));
    }

    [Fact]
    public async Task Opening_a_round_with_mistakes_shows_each_at_its_field()
    {
        using var coordinator = await StaffSession.SignInAsync(factory, _coordinator);
        var rounds = await coordinator.PageAsync("/workspace/rounds");
        var response = await coordinator.SubmitAsync(rounds, "main form", "button",
            new Dictionary<string, string> { ["title"] = "", ["asOf"] = "2025-13-01", ["dueDate"] = "2025-08-05" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await StaffSession.ReadAsync(response, "/workspace/rounds");
        Assert.Contains("2025-13-01", page.GetElementById("f-asof-error")!.TextContent);
        Assert.Equal("true", page.GetElementById("f-asof")!.GetAttribute("aria-invalid"));
        Assert.Contains("f-asof-error", page.GetElementById("f-asof")!.GetAttribute("aria-describedby"));
        Assert.Equal("#f-asof", page.QuerySelector(".ws-error-summary a")!.GetAttribute("href"));
        Assert.True(page.QuerySelector(".ws-error-summary")!.HasAttribute("autofocus"));

        response = await coordinator.SubmitAsync(rounds, "main form", "button",
            new Dictionary<string, string> { ["title"] = "", ["asOf"] = "2025-10-31", ["dueDate"] = "2025-11-05" });
        page = await StaffSession.ReadAsync(response, "/workspace/rounds");
        Assert.Contains("轮次名称", page.GetElementById("f-title-error")!.TextContent);
        Assert.Equal("2025-10-31", page.GetElementById("f-asof")!.GetAttribute("value"));
    }

    /// <summary>The card of an item; on the to-do list, the one under <paramref name="round"/>.</summary>
    private static IElement Card(IDocument page, string itemCode, string? round = null) =>
        page.QuerySelectorAll("li.ws-card")
            .Where(c => round is null || c.Closest("section")!.QuerySelector("h2")!.TextContent == round)
            .Single(c => c.QuerySelector("h2, h3")!.TextContent.StartsWith(itemCode + " ", StringComparison.Ordinal));

    private static List<string> Titles(IDocument page) => page.QuerySelectorAll("li.ws-card h3").Select(h => h.TextContent).ToList();

    private static IHtmlInputElement Input(IDocument page, string name) => page.QuerySelector<IHtmlInputElement>($"main form [name='{name}']")!;

    /// <summary>Opens a round with the rounds page's form; returns its id.</summary>
    private static async Task<int> OpenRoundAsync(StaffSession coordinator, string title, string asOf, string dueDate)
    {
        var rounds = await coordinator.PageAsync("/workspace/rounds");
        var response = await coordinator.SubmitAsync(rounds, "main form", "button",
            new Dictionary<string, string> { ["program"] = "jinnan-2025", ["title"] = title, ["asOf"] = asOf, ["dueDate"] = dueDate });
        var overview = await coordinator.FollowAsync(response);
        Assert.Contains("报送轮次已开启", overview.QuerySelector("main")!.TextContent);
        return int.Parse(new Uri(overview.Url).AbsolutePath.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The coordinator gives the item to the unit (a plan edit, made through the staff API).</summary>
    private async Task AssignAsync(string itemId, string unitName)
    {
        using var api = await Staff.TokenClientAsync(factory, _coordinator);
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsJsonAsync($"/api/v1/workspace/items/{itemId}", new { leadUnit = unitName })).StatusCode);
    }

    private async Task<decimal> PublicSocketsAsync()
    {
        using var client = factory.CreateClient();
        var card = JsonNode.Parse(await client.GetStringAsync("/api/v1/programs/jinnan-2025/report-card"))!;
        return (decimal)card["categories"]!.AsArray().SelectMany(c => c!["items"]!.AsArray()).Single(i => (string?)i!["id"] == Sockets)!
            ["indicators"]!.AsArray().Single(x => (string?)x!["key"] == "充电接口")!["actual"]!;
    }
}

public sealed class SqliteReportPageFlowTests(SqliteWebFactory factory) : ReportPageFlowTests(factory), IClassFixture<SqliteWebFactory>;

public sealed class PostgresReportPageFlowTests(PostgresWebFactory factory) : ReportPageFlowTests(factory), IClassFixture<PostgresWebFactory>;
