using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Minxin.Domain.Oversight;
using Minxin.Domain.ReportCards;
using Minxin.Testing;

namespace Minxin.Web.Tests.Workspace;

/// <summary>
/// Editions through the staff API and the open data: 2025年上半年成绩单 as of 2025-06-30 is frozen; a July figure
/// approved later changes the live card, never the edition; the July edition lists the rise (5119 → 5600, 85% → 93%)
/// and the slipped date of 06-2 with its reason, which the item's history also gives. And the lights agree everywhere.
/// </summary>
public abstract class EditionFlowTests(MinxinWebFactory factory) : EditionTestsBase(factory)
{
    [Fact]
    public async Task An_edition_is_frozen_and_the_next_one_says_what_changed()
    {
        var first = await Staff.PostJsonAsync(Coordinator, Editions, new { title = "2025年上半年成绩单", slug = "2025-h1", asOf = "2025-06-30", publishedOn = "2025-07-10" });
        Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        Assert.Equal("/api/v1/programs/jinnan-2025/editions/2025-h1", first.Headers.Location?.OriginalString);
        using var client = Factory.CreateClient();
        var h1 = await JsonAsync(client, "/api/v1/programs/jinnan-2025/editions/2025-h1");
        Assert.Equal(("2025年上半年成绩单", "2025-06-30", "2025-07-10"), ((string?)h1["editionTitle"], (string?)h1["asOf"], (string?)h1["publishedOn"]));
        Assert.Equal(5119m, Actual(h1, "07-1", "充电接口"));
        Assert.Empty(h1["changes"]!.AsArray());
        Assert.Contains("首期", (string?)h1["changeSummary"]);

        // July: 07-1 rises to 5600; 06-2 is now expected in October, not at the end of August.
        await Coordinator.PatchAsJsonAsync(Sockets, new { leadUnit = UnitName });
        await Coordinator.PatchAsJsonAsync("/api/v1/workspace/items/jinnan-2025-06-2", new { leadUnit = UnitName });
        var round = (int)(await Staff.JsonAsync(await Staff.PostJsonAsync(Coordinator, "/api/v1/workspace/programs/jinnan-2025/rounds",
            new { title = "2025年7月月报", asOf = "2025-07-31", dueDate = "2025-08-05" })))["id"]!;
        await ApproveAsync(Sockets, new { roundId = round, status = "inProgress", values = new[] { new { indicator = "充电接口", value = 5600 } } });
        await ApproveAsync("/api/v1/workspace/items/jinnan-2025-06-2", new
        {
            roundId = round, status = "inProgress", narrative = "安置房主体已完工，正在进行竣工验收。",
            expectedCompletion = "2025-10", expectedCompletionReason = "配套管网接驳需待市政道路施工完成",
        });

        var live = await JsonAsync(client, "/api/v1/programs/jinnan-2025/report-card");
        Assert.Equal(5600m, Actual(live, "07-1", "充电接口"));
        var frozen = await JsonAsync(client, "/api/v1/programs/jinnan-2025/editions/2025-h1");
        Assert.Equal(5119m, Actual(frozen, "07-1", "充电接口"));
        Assert.Equal(h1["snapshotSha256"]!.ToString(), frozen["snapshotSha256"]!.ToString());
        Assert.Contains("5119/6000个（85%）", (await Factory.GetDocumentAsync("/programs/jinnan-2025/editions/2025-h1")).QuerySelector("#item-07-1")!.TextContent);

        Assert.Equal(HttpStatusCode.Created, (await Staff.PostJsonAsync(Coordinator, Editions,
            new { title = "2025年7月成绩单", slug = "2025-07", asOf = "2025-07-31", publishedOn = "2025-08-10" })).StatusCode);
        var july = await JsonAsync(client, "/api/v1/programs/jinnan-2025/editions/2025-07");
        var changes = july["changes"]!.AsArray();
        var rise = Assert.Single(changes, c => (string?)c!["itemId"] == "jinnan-2025-07-1" && (string?)c["kind"] == "rose");
        Assert.Equal(("充电接口", 5119m, 5600m, 85m, 93m), ((string?)rise!["indicator"], (decimal)rise["from"]!, (decimal)rise["to"]!, (decimal)rise["fromPercent"]!, (decimal)rise["toPercent"]!));
        var moved = Assert.Single(changes, c => (string?)c!["itemId"] == "jinnan-2025-06-2" && (string?)c["kind"] == "dateMoved" && c["site"] is null);
        Assert.Equal(("2025-08-31", "2025-10", "配套管网接驳需待市政道路施工完成"), ((string?)moved!["from"], (string?)moved["to"], (string?)moved["reason"]));
        Assert.Contains(changes, c => (string?)c!["itemId"] == "jinnan-2025-01-1" && (string?)c["kind"] == "noNewReport");
        Assert.Contains("1项进度提高", (string?)july["changeSummary"]);
        Assert.Contains("1项预计时间推迟", (string?)july["changeSummary"]);
        Assert.Equal("2025-h1", (string?)july["previousEdition"]);

        // The slipped date, with its reason, in the item's history: API and page.
        var item = await JsonAsync(client, "/api/v1/items/jinnan-2025-06-2");
        var slip = Assert.Single(item["dateSlips"]!.AsArray(), s => s!["site"] is null);
        Assert.Equal(("2025-08-31", "2025-10", true), ((string?)slip!["from"], (string?)slip["to"], (bool)slip["delay"]!));
        var page = await Factory.GetDocumentAsync("/items/jinnan-2025-06-2");
        Assert.Contains("原定2025年8月底 → 现预计2025年10月（原因：配套管网接驳需待市政道路施工完成），已调整1次", page.QuerySelector(".date-slips")!.TextContent);

        var list = (await JsonAsync(client, "/api/v1/programs/jinnan-2025/editions")).AsArray();
        Assert.Equal(["2025-07", "2025-h1"], list.Select(e => (string?)e!["slug"]));
        var home = await Factory.GetDocumentAsync("/");
        Assert.Contains("2025年7月成绩单", home.QuerySelector(".edition-lead")!.TextContent);
        var editionPage = await Factory.GetDocumentAsync("/programs/jinnan-2025/editions/2025-07");
        Assert.Contains("5119个 → 5600个", editionPage.QuerySelector("#changes-07-1")!.TextContent);
    }

}

/// <summary>What an edition refuses: a used address, a date before the last, bad input, a reporter; and any rewrite, by the database itself.</summary>
public abstract class EditionRuleTests(MinxinWebFactory factory) : EditionTestsBase(factory)
{
    [Fact]
    public async Task A_published_edition_cannot_be_republished_rewritten_or_dated_before_the_last()
    {
        Assert.Equal(HttpStatusCode.Created, (await Staff.PostJsonAsync(Coordinator, Editions,
            new { title = "2025年上半年成绩单", slug = "first", asOf = "2025-06-30", publishedOn = "2025-07-10" })).StatusCode);

        var again = await Problem(await Staff.PostJsonAsync(Coordinator, Editions, new { title = "再发一次", slug = "first", asOf = "2025-07-31", publishedOn = "2025-08-01" }));
        Assert.Contains("已被另一期成绩单使用", (string?)again["errors"]!["slug"]![0]);
        var earlier = await Problem(await Staff.PostJsonAsync(Coordinator, Editions, new { title = "更早", slug = "earlier", asOf = "2025-05-31", publishedOn = "2025-06-10" }));
        Assert.Contains("须晚于上一期", (string?)earlier["errors"]!["asOf"]![0]);
        var bad = await Problem(await Staff.PostJsonAsync(Coordinator, Editions, new { title = "", slug = "Not A Slug", asOf = "2025-13-01", publishedOn = "x" }));
        Assert.True(bad["errors"]!["asOf"] is not null && bad["errors"]!["publishedOn"] is not null);
        Assert.Equal(HttpStatusCode.Forbidden, (await Staff.PostJsonAsync(Reporter, Editions, new { title = "x", slug = "x", asOf = "2025-07-31", publishedOn = "2025-08-01" })).StatusCode);

        // The documents that leave the system, from the frozen edition.
        using var client = Factory.CreateClient();
        var wechat = await client.GetStringAsync("/programs/jinnan-2025/editions/first/article.html");
        Assert.DoesNotContain("<style", wechat, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", wechat, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("截至2025年6月底，4个子项已完成", wechat);
        Assert.Contains("截至2025年6月底", await client.GetStringAsync("/programs/jinnan-2025/editions/first/article.md"));
        var docx = await client.GetAsync("/programs/jinnan-2025/editions/first/article.docx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType?.MediaType);
        var pdf = await client.GetByteArrayAsync("/programs/jinnan-2025/editions/first/briefing.pdf");
        var path = Path.Combine(Path.GetTempPath(), $"briefing-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        Assert.Contains("截至2025年6月底，4个子项已完成", Regex.Replace(await PdfTextAsync(path), @"\s+", ""));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/programs/jinnan-2025/editions/nope/briefing.pdf")).StatusCode);

        await using var db = Factory.OpenDatabase();
        Assert.Equal(1, await db.Editions.CountAsync());
        // The database itself refuses to rewrite or remove it, whatever path the change takes.
        await Assert.ThrowsAnyAsync<Exception>(() => db.Editions.ExecuteUpdateAsync(s => s.SetProperty(e => e.Title, "改过的")));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Editions.ExecuteDeleteAsync());
        Assert.Equal("2025年上半年成绩单", (await db.Editions.AsNoTracking().SingleAsync()).Title);
    }

}

/// <summary>The lights of the 2025 津南 card as of 2025-06-30, computed by the domain rule, agree on every page and in the API.</summary>
public abstract class LightAgreementTests(MinxinWebFactory factory) : EditionTestsBase(factory)
{
    [Fact]
    public async Task The_lights_of_the_card_the_item_page_the_rule_page_and_the_api_agree_and_an_override_shows_as_one()
    {
        using var client = Factory.CreateClient();
        var card = await JsonAsync(client, "/api/v1/programs/jinnan-2025/report-card?asOf=2025-06-30");
        // The domain's rule on the same card, computed directly.
        var expected = Minxin.Domain.Oversight.Lights.For(ReportCardCalculator.Compute(Minxin.Domain.ProgramFiles.ProgramFileReader.Read(Repository.JinnanProgramFile).ProgramOrThrow(), new DateOnly(2025, 6, 30)), LightRule.Default)
            .ToDictionary(l => l.Item.Item.Code, l => l.Light);
        var rulePage = await Factory.GetDocumentAsync("/programs/jinnan-2025/lights");
        foreach (var item in card["categories"]!.AsArray().SelectMany(c => c!["items"]!.AsArray()))
        {
            var code = (string)item!["code"]!;
            var light = item["light"]!;
            Assert.Equal((expected[code].Color.Code(), expected[code].Reason), ((string?)light["color"], (string?)light["reason"]));
            Assert.Contains("第1版", (string?)light["rule"]);
            Assert.Contains(expected[code].Reason, (await Factory.GetDocumentAsync($"/items/jinnan-2025-{code}")).QuerySelector(".light")!.TextContent);
            Assert.Contains(expected[code].Reason, rulePage.QuerySelector("main table")!.TextContent);
        }
        Assert.Equal("进度85%，序时进度49%，快于序时36个百分点：绿灯", expected["07-1"].Reason);
        Assert.Contains("进度85%，序时进度49%，快于序时36个百分点：绿灯", (await Factory.GetDocumentAsync("/programs/jinnan-2025")).QuerySelector("#item-07-1 .light")!.TextContent);

        var refused = await Problem(await Staff.PostJsonAsync(Coordinator, "/api/v1/workspace/items/jinnan-2025-07-1/light-override", new { color = "yellow", reason = "" }));
        Assert.NotNull(refused["errors"]!["reason"]);
        Assert.Equal(HttpStatusCode.OK, (await Staff.PostJsonAsync(Coordinator, "/api/v1/workspace/items/jinnan-2025-07-1/light-override",
            new { color = "yellow", reason = "群众反映部分小区充电接口未通电" })).StatusCode);
        var overridden = Item(await JsonAsync(client, "/api/v1/programs/jinnan-2025/report-card"), "07-1")["light"]!;
        Assert.Equal(("yellow", true, "green"), ((string?)overridden["color"], (bool)overridden["overridden"]!, (string?)overridden["ruleColor"]));
        Assert.Contains("群众反映部分小区充电接口未通电", (string?)overridden["reason"]);
        Assert.Contains("人工调整", (await Factory.GetDocumentAsync("/items/jinnan-2025-07-1")).QuerySelector(".light")!.TextContent);

        // A new version of the rule: public at once, with its reason.
        var changed = await Coordinator.PutAsJsonAsync("/api/v1/workspace/programs/jinnan-2025/light-rule",
            new { greenWithinPoints = 5, yellowWithinPoints = 20, reason = "按区督查室新规定收紧" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var relit = Item(await JsonAsync(client, "/api/v1/programs/jinnan-2025/report-card"), "10-1")["light"]!;
        Assert.Equal(("red", 2), ((string?)relit["color"], (int)relit["ruleVersion"]!));
        Assert.Contains("按区督查室新规定收紧", (await Factory.GetDocumentAsync("/programs/jinnan-2025/lights")).QuerySelector("main")!.TextContent);
    }

}

/// <summary>The leader's overview: lights counted, the lagging items worst first, each linked, and the months in a table.</summary>
public abstract class OverviewTests(MinxinWebFactory factory) : EditionTestsBase(factory)
{
    [Fact]
    public async Task A_leader_sees_the_lights_counted_the_laggards_first_and_every_month()
    {
        var leader = Staff.Unique("leader");
        await Staff.UserAsync(Factory, leader, "leader");
        var session = await StaffSession.SignInAsync(Factory, leader);

        var page = await session.PageAsync("/workspace/overview?program=jinnan-2025");

        var counts = page.QuerySelector(".ws-light-counts")!.TextContent;
        Assert.Matches(@"黄灯\s*2\s*项", counts);
        Assert.Matches(@"绿灯\s*12\s*项", counts);
        var lagging = page.QuerySelectorAll("#lagging-title + ol > li").Select(li => li.TextContent).ToList();
        // 10-1 is exactly 30 points behind, 08-1 14: the worse first.
        Assert.Equal(2, lagging.Count);
        Assert.StartsWith("10-1", lagging[0].Trim());
        Assert.StartsWith("08-1", lagging[1].Trim());
        Assert.NotNull(page.QuerySelector("a[href='/workspace/programs/jinnan-2025/items/10-1']"));
        var months = page.GetElementById("months-caption")!.ParentElement!.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        var june = Assert.Single(months);
        Assert.Contains("2025年6月30日", june);
    }
}

public abstract class EditionTestsBase(MinxinWebFactory factory) : StaffApiTests(factory)
{
    /// <summary>The PDF's text as poppler's pdftotext reads it (scripts/test.sh installs poppler-utils).</summary>
    protected static async Task<string> PdfTextAsync(string path)
    {
        var start = new System.Diagnostics.ProcessStartInfo("pdftotext", [path, "-"]) { RedirectStandardOutput = true, RedirectStandardInput = true };
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start: apt-get install poppler-utils");
        process.StandardInput.Close();
        var text = await process.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(limit.Token);
        return text;
    }

    protected const string Editions = "/api/v1/workspace/programs/jinnan-2025/editions";

    protected async Task ApproveAsync(string item, object report)
    {
        var created = await Staff.PostJsonAsync(Reporter, item + "/reports", report);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (int)(await Staff.JsonAsync(created))["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await Reporter.PostAsync($"/api/v1/workspace/reports/{id}/submit", null)).StatusCode);
        var approved = await Staff.PostJsonAsync(Coordinator, $"/api/v1/workspace/reports/{id}/approve", new { note = "" });
        Assert.True(approved.StatusCode == HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
    }

    protected static async Task<JsonNode> JsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    protected static async Task<JsonNode> Problem(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return await Staff.JsonAsync(response);
    }

    protected static JsonNode Item(JsonNode card, string code) =>
        card["categories"]!.AsArray().SelectMany(c => c!["items"]!.AsArray()).Single(i => (string?)i!["code"] == code)!;

    protected static decimal Actual(JsonNode card, string code, string indicator) =>
        (decimal)Item(card, code)["indicators"]!.AsArray().Single(i => (string?)i!["key"] == indicator)!["actual"]!;
}

public sealed class SqliteEditionFlowTests(SqliteWebFactory factory) : EditionFlowTests(factory), IClassFixture<SqliteWebFactory>;

public sealed class PostgresEditionFlowTests(PostgresWebFactory factory) : EditionFlowTests(factory), IClassFixture<PostgresWebFactory>;

public sealed class SqliteEditionRuleTests(SqliteWebFactory factory) : EditionRuleTests(factory), IClassFixture<SqliteWebFactory>;

public sealed class PostgresEditionRuleTests(PostgresWebFactory factory) : EditionRuleTests(factory), IClassFixture<PostgresWebFactory>;

public sealed class SqliteOverviewTests(SqliteWebFactory factory) : OverviewTests(factory), IClassFixture<SqliteWebFactory>;

public sealed class SqliteLightAgreementTests(SqliteWebFactory factory) : LightAgreementTests(factory), IClassFixture<SqliteWebFactory>;
