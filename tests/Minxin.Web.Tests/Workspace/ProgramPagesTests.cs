using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Progress;
using Minxin.Testing;

namespace Minxin.Web.Tests.Workspace;

/// <summary>
/// A coordinator sets up a year in the pages: a draft program, its categories, items, units and targets, a data file
/// uploaded, a published text read back into data; nothing reaches a reader until it is published or approved.
/// </summary>
public abstract class ProgramPagesTests(MinxinWebFactory factory) : IAsyncLifetime
{
    private string _coordinator = "";
    private string _leadUnit = "";
    private string _helperUnit = "";

    public async Task InitializeAsync()
    {
        using (var warm = factory.CreateClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await warm.GetAsync("/api/v1/programs")).StatusCode);
        }
        _coordinator = Staff.Unique("liming");
        await Staff.UserAsync(factory, _coordinator, "coordinator");
        (_leadUnit, _helperUnit) = (Staff.Unique("区民政局"), Staff.Unique("区卫健委"));
        await Staff.UnitAsync(factory, Staff.Unique("mzj"), _leadUnit);
        await Staff.UnitAsync(factory, Staff.Unique("wjw"), _helperUnit);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_draft_program_is_planned_in_the_pages_and_no_reader_sees_it_until_it_is_published()
    {
        using var browser = await StaffBrowser.SignInAsync(factory, _coordinator);
        var code = Staff.Unique("jinnan-2026-");
        var title = $"2026年津南区民心工程（{code}）";
        var word = "银发食堂" + code.Replace("-", "", StringComparison.Ordinal);

        await browser.OpenAsync("/workspace/programs");
        await browser.SubmitAsync("#f-new", new() { ["Input.Year"] = "2026", ["Input.Code"] = code, ["Input.Title"] = title });
        Assert.EndsWith($"/workspace/programs/{code}", browser.Page.Url, StringComparison.Ordinal);
        Assert.Contains("草稿", browser.Text("dl.ws-facts"));

        await browser.SubmitAsync("#f-new-category", new() { ["Category.Name"] = "护苗助老工程" });
        Assert.Contains("01 护苗助老工程", browser.Text("h2"));
        await browser.SubmitAsync("form[id^='f-category-']", new() { ["Category.Name"] = "护苗助老贴心工程", ["Category.Number"] = "2" });
        Assert.Contains("02 护苗助老贴心工程", browser.Text("h2"));
        await browser.SubmitAsync("form[id^='f-category-']", new() { ["Category.Number"] = "1" });
        await browser.SubmitAsync("form[id^='f-new-item-']", new() { ["NewItem.Title"] = $"新建{word}12个", ["NewItem.LeadUnit"] = Code(browser, "#" + SelectId(browser), _leadUnit) });
        Assert.Contains("已新增子项 01-1", browser.Text(".ws-notice"));
        var itemLink = browser.Page.QuerySelectorAll(".ws-card h3 a").Single(a => a.TextContent.Contains(word, StringComparison.Ordinal));
        Assert.Equal($"/workspace/programs/{code}/items/01-1", itemLink.GetAttribute("href"));

        await browser.OpenAsync($"/workspace/programs/{code}/items/01-1");
        var helper = browser.Page.QuerySelectorAll("#f-plan-cooperatingunits input[type=checkbox]")
            .Single(b => browser.Page.QuerySelector($"label[for='{b.Id}']")!.TextContent == _helperUnit).GetAttribute("value");
        await browser.SubmitAsync("#f-plan", new() { ["Plan.CooperatingUnits"] = helper, ["Plan.LeadOfficial"] = "副区长 王某", ["Plan.Deadline"] = "2026-09-30" });
        Assert.Contains("已保存子项的计划", browser.Text(".ws-notice"));
        Assert.Equal("checked", browser.Page.QuerySelector($"#f-plan-cooperatingunits input[value='{helper}']")!.GetAttribute("checked"));
        Assert.Equal("2026-09-30", browser.Page.GetElementById("f-plan-deadline")!.GetAttribute("value"));

        await browser.SubmitAsync("#f-new-indicator", new()
        {
            ["Indicator.Name"] = "社区老年食堂", ["Indicator.Key"] = "食堂", ["Indicator.Unit"] = "个", ["Indicator.Target"] = "12", ["Indicator.Comparator"] = "atLeast",
        });
        Assert.Contains("社区老年食堂：不少于12个", browser.Text(".ws-card h3"));
        await browser.SubmitAsync("form[id^='f-indicator-']", new() { ["Indicator.Target"] = "15" });
        Assert.Contains("社区老年食堂：不少于15个", browser.Text(".ws-card h3"));

        using var reader = factory.CreateClient();
        Assert.DoesNotContain(title, await reader.GetStringAsync("/"));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/programs/{code}")).StatusCode);
        Assert.DoesNotContain(code, await reader.GetStringAsync("/api/v1/programs"));
        Assert.Contains("没有找到", (await factory.GetDocumentAsync("/search?q=" + Uri.EscapeDataString(word))).QuerySelector(".search-count")!.TextContent);

        await browser.OpenAsync($"/workspace/programs/{code}");
        await browser.OpenAsync(browser.Page.QuerySelector("a[href$='/publish']")!.GetAttribute("href")!);
        Assert.Contains("1 个子项的计划", browser.Text(".ws-notice"));
        await browser.SubmitAsync("main form", []);
        Assert.Contains($"已发布《{title}》", browser.Text(".ws-notice"));
        Assert.Contains("已发布", browser.Text("dl.ws-facts"));

        Assert.Contains(title, await reader.GetStringAsync("/"));
        var card = await factory.GetDocumentAsync($"/programs/{code}");
        Assert.Contains("不少于15个", card.QuerySelector("#item-01-1")!.TextContent);
        Assert.Contains(code, await reader.GetStringAsync("/api/v1/programs"));
        Assert.Contains("找到1个子项", (await factory.GetDocumentAsync("/search?q=" + Uri.EscapeDataString(word))).QuerySelector(".search-count")!.TextContent);
        var item = await factory.GetDocumentAsync($"/items/{code}-01-1");
        Assert.Contains($"{_leadUnit}", item.DocumentElement.TextContent);
        Assert.Contains(_helperUnit, item.DocumentElement.TextContent);

        var log = await browser.OpenAsync($"/workspace/audit?action=indicator.&actor={_coordinator}");
        var target = log.QuerySelectorAll("ol.ws-log > li")[0].QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "目标值");
        Assert.Equal(["12", "15"], target.QuerySelectorAll("td").Select(c => c.TextContent));
        Assert.Contains($"发布民心工程《{title}》", (await browser.OpenAsync("/workspace/audit?action=program.")).QuerySelector("ol.ws-log > li")!.TextContent);
    }

    [Fact]
    public async Task A_plan_edit_made_from_a_stale_page_is_refused_with_412_and_keeps_what_was_typed()
    {
        var other = Staff.Unique("zhaolei");
        await Staff.UserAsync(factory, other, "coordinator");
        using var first = await StaffBrowser.SignInAsync(factory, _coordinator);
        using var second = await StaffBrowser.SignInAsync(factory, other);
        const string page = "/workspace/programs/jinnan-2025/items/08-2";

        await first.OpenAsync(page);
        await second.OpenAsync(page);
        await second.SubmitAsync("#f-plan", new() { ["Plan.ResponsiblePerson"] = "张主任" });
        Assert.Equal(HttpStatusCode.OK, second.Status);

        await first.SubmitAsync("#f-plan", new() { ["Plan.Title"] = "改过的表述（第一位民心办同志）" });

        Assert.Equal(HttpStatusCode.PreconditionFailed, first.Status);
        Assert.Contains("已被他人修改", first.Text(".ws-error-summary"));
        Assert.Equal("改过的表述（第一位民心办同志）", first.Page.GetElementById("f-plan-title")!.TextContent);
        // What the other coordinator saved meanwhile is shown too, so saving again loses neither.
        Assert.Equal("张主任", first.Page.GetElementById("f-plan-responsibleperson")!.GetAttribute("value"));
        using var api = await Staff.TokenClientAsync(factory, _coordinator);
        var stored = await Staff.JsonAsync(await api.GetAsync("/api/v1/workspace/items/jinnan-2025-08-2"));
        Assert.DoesNotContain("第一位民心办同志", stored.ToJsonString(), StringComparison.Ordinal);

        // Saved again on purpose, from the form as shown, it goes through, and keeps the other's change.
        await first.SubmitAsync("#f-plan", []);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Contains("改过的表述（第一位民心办同志）", first.Text("h1"));
        Assert.Equal("张主任", first.Page.GetElementById("f-plan-responsibleperson")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_published_programs_category_is_renumbered_only_when_the_coordinator_confirms_that_its_links_change()
    {
        using var browser = await StaffBrowser.SignInAsync(factory, _coordinator);
        await browser.OpenAsync("/workspace/programs/jinnan-2025");
        var form = browser.Page.QuerySelectorAll("form[id^='f-category-']")
            .Single(f => f.QuerySelector("[name='Category.Number']")!.GetAttribute("value") == "10");

        await browser.SubmitAsync("#" + form.Id, new() { ["Category.Number"] = "11" });

        Assert.Equal(HttpStatusCode.BadRequest, browser.Status);
        Assert.Contains("已分享的旧链接将失效", browser.FieldError(form.Id + "-confirm"));
        Assert.Equal("open", browser.Page.QuerySelector($"details:has(#{form.Id})")!.GetAttribute("open"));
        Assert.Equal("11", browser.Page.GetElementById(form.Id + "-number")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/items/jinnan-2025-10-1")).StatusCode);
    }

    [Fact]
    public async Task An_indicator_with_reported_figures_keeps_its_unit_and_cannot_be_removed()
    {
        using var browser = await StaffBrowser.SignInAsync(factory, _coordinator);
        await browser.OpenAsync("/workspace/programs/jinnan-2025/items/07-1");
        var form = browser.Page.QuerySelectorAll("form[id^='f-indicator-']").Single(f => f.QuerySelector("[name='Indicator.Key']")!.GetAttribute("value") == "充电接口");
        var formId = "#" + form.Id;
        Assert.Null(form.QuerySelector("button.danger"));

        await browser.SubmitAsync(formId, new() { ["Indicator.Unit"] = "套" });

        Assert.Equal(HttpStatusCode.BadRequest, browser.Status);
        Assert.Contains("计量单位不能再改", browser.FieldError(form.Id + "-unit"));
        var card = await factory.GetDocumentAsync("/programs/jinnan-2025");
        Assert.Contains("5119/6000个", card.QuerySelector("#item-07-1")!.TextContent);
    }

    [Fact]
    public async Task A_data_file_is_checked_whole_its_errors_listed_with_line_and_path_and_a_valid_one_becomes_a_draft()
    {
        using var browser = await StaffBrowser.SignInAsync(factory, _coordinator);
        var code = Staff.Unique("jinnan-file-");
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Repository.JinnanProgramFile))!;
        json["id"] = code;
        json["title"] = $"津南区民心工程（{code}）";
        json["categories"]![6]!["items"]![0]!["indicators"]![0]!["comparator"] = "greater";
        var bad = Encoding.UTF8.GetBytes(json.ToJsonString(new() { WriteIndented = true }));

        await browser.OpenAsync("/workspace/programs/upload");
        await browser.SubmitAsync("form[enctype]", [], file: ("file", "jinnan.json", bad));

        Assert.Equal(HttpStatusCode.BadRequest, browser.Status);
        Assert.Contains("1 处错误，未做任何改动", browser.FieldError("f-file"));
        var row = Assert.Single(browser.Page.QuerySelectorAll("tbody tr"));
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Matches(@"^\d+$", cells[0]);
        Assert.Equal("$.categories[6].items[0].indicators[0].comparator", cells[1]);
        Assert.Contains("greater", cells[2]);
        await using (var db = factory.OpenDatabase())
        {
            Assert.False(await db.Programs.AnyAsync(p => p.Code == code));
        }

        json["categories"]![6]!["items"]![0]!["indicators"]![0]!["comparator"] = "atLeast";
        await browser.OpenAsync("/workspace/programs/upload");
        await browser.SubmitAsync("form[enctype]", [], file: ("file", "jinnan.json", Encoding.UTF8.GetBytes(json.ToJsonString())));
        Assert.EndsWith($"/workspace/programs/{code}", browser.Page.Url, StringComparison.Ordinal);
        Assert.Contains("（草稿，发布前不公开）：10 个工程，26 个子项", browser.Text(".ws-notice"));
        using var reader = factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/programs/{code}")).StatusCode);

        json["categories"]![0]!["name"] = "护苗助老暖心工程";
        await browser.OpenAsync("/workspace/programs/upload");
        await browser.SubmitAsync("form[enctype]", [], file: ("file", "jinnan.json", Encoding.UTF8.GetBytes(json.ToJsonString())));
        Assert.Contains("计划改动 1 处，追加报告 0 份", browser.Text(".ws-notice"));
        Assert.Contains("01 护苗助老暖心工程", browser.Text("h2"));

        var tooBig = new byte[5 * 1024 * 1024 + 1];
        await browser.OpenAsync("/workspace/programs/upload");
        await browser.SubmitAsync("form[enctype]", [], file: ("file", "big.json", tooBig));
        Assert.Contains("超过了 5 MB 的上限", browser.FieldError("f-file"));
    }

    [Fact]
    public async Task An_uploaded_file_brings_its_reports_for_review_by_someone_else_and_never_replaces_a_units_draft()
    {
        using var browser = await StaffBrowser.SignInAsync(factory, _coordinator);
        var code = Staff.Unique("jinnan-upload-");
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Repository.JinnanProgramFile))!;
        json["id"] = code;
        async Task<string> UploadAsync()
        {
            await browser.OpenAsync("/workspace/programs/upload");
            await browser.SubmitAsync("form[enctype]", [], file: ("file", "jinnan.json", Encoding.UTF8.GetBytes(json.ToJsonString())));
            return browser.Text(browser.Status == HttpStatusCode.BadRequest ? "main" : ".ws-notice");
        }
        var reporter = Staff.Unique("wangli");
        await Staff.UserAsync(factory, reporter, "reporter", unit: _leadUnit);
        int coordinatorId, reporterId;
        await using (var db = factory.OpenDatabase())
        {
            coordinatorId = (await db.Users.SingleAsync(u => u.UserName == _coordinator)).Id;
            reporterId = (await db.Users.SingleAsync(u => u.UserName == reporter)).Id;
        }

        // A new program: every report the file calls approved waits for review, brought by the uploader.
        await UploadAsync();
        await using (var db = factory.OpenDatabase())
        {
            var reports = await db.Reports.Where(r => r.Item.Category.Program.Code == code).ToListAsync();
            Assert.Equal(26, reports.Count);
            Assert.All(reports, r => Assert.Equal((ReviewState.Submitted, null, coordinatorId), (r.Review, r.ReviewedBy, r.SubmittedByUserId)));
        }

        // A report the file says another reviewer approved is added as submitted, with no reviewer.
        var forged = json["categories"]![0]!["items"]![1]!["reports"]![0]!.DeepClone();
        forged["asOf"] = "2025-08-31";
        forged["narrative"] = "全部完成（未经审核）";
        forged["review"] = JsonNode.Parse("""{"state":"approved","by":"民心办 另一位审核人","at":"2025-09-01T09:00:00+08:00"}""");
        json["categories"]![0]!["items"]![1]!["reports"]!.AsArray().Add(forged);
        Assert.Contains("追加报告 1 份", await UploadAsync());
        await using (var db = factory.OpenDatabase())
        {
            var added = await db.Reports.SingleAsync(r => r.Item.Category.Program.Code == code && r.AsOf == new DateOnly(2025, 8, 31));
            Assert.Equal((ReviewState.Submitted, null, coordinatorId), (added.Review, added.ReviewedBy, added.SubmittedByUserId));
        }

        // A unit's draft in the workspace is its own: a file with a report of the same date and version is refused.
        await using (var db = factory.OpenDatabase())
        {
            var item = await db.Items.Include(i => i.Reports).SingleAsync(i => i.Category.Program.Code == code && i.Category.Number == 1 && i.Number == 3);
            item.Reports.Add(ReviewWorkflow.Start(item, new DateOnly(2025, 9, 30), new ReportActor("区民政局 王丽", reporterId), DateTimeOffset.UtcNow, null, null));
            await db.SaveChangesAsync();
        }
        var mine = json["categories"]![0]!["items"]![2]!["reports"]![0]!.DeepClone();
        mine["asOf"] = "2025-09-30";
        json["categories"]![0]!["items"]![2]!["reports"]!.AsArray().Add(mine);
        Assert.Contains("尚未提交的草稿，不能被文件替换", await UploadAsync());
        await using (var db = factory.OpenDatabase())
        {
            var draft = await db.Reports.SingleAsync(r => r.Item.Category.Program.Code == code && r.AsOf == new DateOnly(2025, 9, 30));
            Assert.Equal((ReviewState.Draft, (int?)reporterId), (draft.Review, draft.SubmittedByUserId));
        }
    }

    [Fact]
    public async Task A_pasted_report_is_shown_beside_its_draft_with_highlights_and_questions_and_saved_as_a_draft_awaiting_review()
    {
        using var browser = await StaffBrowser.SignInAsync(factory, _coordinator);
        var code = Staff.Unique("jinnan-text-");
        var text = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "tests", "Minxin.Importer.Tests", "Texts", "jinnan-2025-h1.txt"));

        await browser.OpenAsync("/workspace/programs/import-text");
        await browser.SubmitAsync("main form", new() { ["text"] = text, ["programId"] = code, ["publicationDate"] = "2025-07-17" });

        Assert.Equal(HttpStatusCode.OK, browser.Status);
        Assert.Contains($"新建民心工程草稿 {code}", browser.Text("#save-target"));
        var target = browser.Page.GetElementById("f-categories-0-items-0-indicators-0-target")!;
        Assert.Equal("460", target.GetAttribute("value"));
        var toSource = target.ParentElement!.QuerySelector("a.ws-source-link")!.GetAttribute("href")!;
        var mark = browser.Page.QuerySelector(".ws-source " + toSource)!;
        Assert.Equal("MARK", mark.TagName);
        Assert.Contains("460", mark.TextContent);
        Assert.Equal("#f-categories-0-items-0-indicators-0-target", mark.QuerySelector("a")!.GetAttribute("href"));
        Assert.True(browser.Page.QuerySelectorAll(".ws-source mark").Length > 100);
        var status = browser.Page.GetElementById("f-categories-9-items-2-reports-0-status")!;
        Assert.Contains("原文说“基本完工”", status.ParentElement!.QuerySelector(".ws-questions")!.TextContent);
        Assert.Contains(status.ParentElement.QuerySelector(".ws-questions")!.Id!, status.GetAttribute("aria-describedby"));
        Assert.Equal(text.ReplaceLineEndings("\n").Trim(), browser.Page.QuerySelector(".ws-source")!.TextContent.Trim());

        // The reviewer corrects a target, and saves.
        await browser.SubmitAsync("form[action*='handler=save']", new() { ["$.categories[0].items[0].indicators[0].target"] = "461" }, "#save-draft");

        Assert.EndsWith($"/workspace/programs/{code}", browser.Page.Url, StringComparison.Ordinal);
        Assert.Contains("26 份报告待审核", browser.Text(".ws-notice"));
        using var api = await Staff.TokenClientAsync(factory, _coordinator);
        var queue = (await Staff.JsonAsync(await api.GetAsync("/api/v1/workspace/review"))).AsArray();
        Assert.Equal(26, queue.Count(r => ((string?)r!["report"]!["itemId"])?.StartsWith(code + "-", StringComparison.Ordinal) == true));
        var item = await Staff.JsonAsync(await api.GetAsync($"/api/v1/workspace/items/{code}-01-1"));
        Assert.Contains(item["indicators"]!.AsArray(), i => (decimal?)i!["target"] == 461);
        using var reader = factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/programs/{code}")).StatusCode);
        Assert.DoesNotContain(code, await reader.GetStringAsync("/api/v1/programs"));
    }

    [Fact]
    public async Task A_later_report_text_joins_the_program_of_the_same_year_as_reports_awaiting_review_and_the_card_stays_as_it_was()
    {
        using var browser = await StaffBrowser.SignInAsync(factory, _coordinator);
        var text = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "tests", "Minxin.Importer.Tests", "Texts", "jinnan-2025-q3.txt"));
        var before = await factory.GetDocumentAsync("/programs/jinnan-2025");

        await browser.OpenAsync("/workspace/programs/import-text");
        await browser.SubmitAsync("main form", new() { ["text"] = text, ["programId"] = "jinnan-2025" });
        Assert.Contains("加入已有的 jinnan-2025", browser.Text("#save-target"));
        await browser.SubmitAsync("form[action*='handler=save']", [], "#save-draft");

        Assert.EndsWith("/workspace/programs/jinnan-2025", browser.Page.Url, StringComparison.Ordinal);
        Assert.Contains("份进展报告加入《2025年津南区民心工程》，待审核", browser.Text(".ws-notice"));
        var after = await factory.GetDocumentAsync("/programs/jinnan-2025");
        Assert.Equal(before.QuerySelector(".headline")!.TextContent, after.QuerySelector(".headline")!.TextContent);
        Assert.Contains("5119/6000个", after.QuerySelector("#item-07-1")!.TextContent);
    }

    [Fact]
    public async Task A_GB18030_text_file_of_another_district_belongs_to_the_coordinators_region_and_a_new_program_is_named_before_it_is_saved()
    {
        using var browser = await StaffBrowser.SignInAsync(factory, _coordinator);
        var text = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "tests", "Minxin.Importer.Tests", "Texts", "dongli-2024-year-end.txt"));
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb18030 = Encoding.GetEncoding("GB18030").GetBytes(text);

        await browser.OpenAsync("/workspace/programs/import-text");
        await browser.SubmitAsync("main form", [], file: ("file", "东丽区2024年民心工程.txt", gb18030));
        Assert.Contains("第一项　新增就业岗位1.2万个", browser.Text(".ws-source"));
        Assert.Contains("原文的地区是“东丽区”，与您所在的“津南区”不同", browser.Text("#general-questions + ul"));
        Assert.Contains("请先在下方“原文与读取选项”中为它填写标识", browser.Text("#save-target"));
        Assert.DoesNotContain("--id", browser.Page.DocumentElement.TextContent, StringComparison.Ordinal);

        await browser.SubmitAsync("form[action*='handler=save']", [], "#save-draft");
        Assert.Equal(HttpStatusCode.BadRequest, browser.Status);
        Assert.Contains("请填写它的标识", browser.FieldError("f-programid"));
        Assert.Equal("open", browser.Page.QuerySelector("details:has(#f-programid)")!.GetAttribute("open"));

        var code = Staff.Unique("jinnan-2024-");
        await browser.SubmitAsync("form[action*='handler=save']", new() { ["programId"] = code }, "#save-draft");
        Assert.EndsWith($"/workspace/programs/{code}", browser.Page.Url, StringComparison.Ordinal);
        await using var db = factory.OpenDatabase();
        var program = await db.Programs.Include(p => p.Region).Include(p => p.Categories).ThenInclude(c => c.Items).ThenInclude(i => i.Reports)
            .SingleAsync(p => p.Code == code);
        Assert.Equal(("120112", 2024, Domain.Programs.PublicationState.Draft), (program.Region.Code, program.Year, program.Publication));
        Assert.All(program.Items.SelectMany(i => i.Reports), r => Assert.Contains("东丽区2024年民心工程.txt", r.ReviewNote, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_leader_reads_the_plans_but_is_offered_no_change_and_a_forged_change_is_refused()
    {
        var leader = Staff.Unique("leader");
        await Staff.UserAsync(factory, leader, "leader");
        using var browser = await StaffBrowser.SignInAsync(factory, leader);

        var list = await browser.OpenAsync("/workspace/programs");
        Assert.Contains("2025年津南区民心工程", list.QuerySelector("tbody")!.TextContent);
        Assert.Empty(list.QuerySelectorAll("main form"));
        var item = await browser.OpenAsync("/workspace/programs/jinnan-2025/items/07-1");
        Assert.Empty(item.QuerySelectorAll("main form"));
        Assert.Contains("牵头单位", item.QuerySelector("dl.ws-facts")!.TextContent);
        await browser.OpenAsync("/workspace/programs/upload", HttpStatusCode.Forbidden);
        await browser.OpenAsync("/workspace/programs/import-text", HttpStatusCode.Forbidden);

        // The sign-out form carries a valid antiforgery token: pointed at the plan's handler, it is a forged edit.
        await browser.OpenAsync("/workspace/programs/jinnan-2025/items/07-1");
        browser.Page.QuerySelector("form[action='/workspace/sign-out']")!.SetAttribute("action", "/workspace/programs/jinnan-2025/items/07-1?handler=plan");
        await browser.SubmitAsync("form[action*='handler=plan']", new() { ["Plan.Title"] = "领导改的表述" }, addFields: true);
        Assert.True(browser.Status == HttpStatusCode.Forbidden, browser.Page.DocumentElement.OuterHtml);
        Assert.DoesNotContain("领导改的表述", (await factory.GetDocumentAsync("/items/jinnan-2025-07-1")).DocumentElement.TextContent);
    }

    private static string SelectId(StaffBrowser browser) => browser.Page.QuerySelector("select[name='NewItem.LeadUnit']")!.Id!;

    /// <summary>The value of the option of <paramref name="select"/> that reads <paramref name="text"/>.</summary>
    private static string Code(StaffBrowser browser, string select, string text) =>
        browser.Page.QuerySelectorAll(select + " option").Single(o => o.TextContent == text).GetAttribute("value")!;
}

public sealed class SqliteProgramPagesTests(SqliteWebFactory factory) : ProgramPagesTests(factory), IClassFixture<SqliteWebFactory>;

public sealed class PostgresProgramPagesTests(PostgresWebFactory factory) : ProgramPagesTests(factory), IClassFixture<PostgresWebFactory>;
