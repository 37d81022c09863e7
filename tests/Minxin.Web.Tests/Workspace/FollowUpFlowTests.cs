using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Minxin.Data;
using Minxin.Testing;

namespace Minxin.Web.Tests.Workspace;

/// <summary>The app with a clock the test moves: 2025-08-01, 09:00 in Beijing, until a test says otherwise.</summary>
public class ClockedWebFactory(StorageOptions storage) : MinxinWebFactory(storage)
{
    public static readonly DateOnly Start = new(2025, 8, 1);

    public TestClock Clock { get; } = new(new DateTimeOffset(Start.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class SqliteClockedWebFactory() : ClockedWebFactory(TestStorage.NewSqlite());

public sealed class PostgresClockedWebFactory() : ClockedWebFactory(TestStorage.NewPostgres());

/// <summary>
/// 督办 from end to end, through the staff API with personal access tokens and through the pages: a coordinator
/// issues one about 07-1 to the unit, the unit finds it in its to-do list, it turns overdue when the clock passes the
/// deadline, the unit answers with a file, the answer is sent back, answered again and closed — each step in the
/// audit log; the 督办函 as Word and PDF; and the refusals (bad fields, another unit, a stale revision).
/// </summary>
public abstract partial class FollowUpFlowTests(ClockedWebFactory factory) : StaffApiTests(factory)
{
    private const string ItemId = "jinnan-2025-07-1";
    private const string FollowUps = "/api/v1/workspace/followups";

    [GeneratedRegex(@"^津南民心督〔2025〕\d+号$")]
    private static partial Regex NumberForm();

    private async Task<(int Id, string Number, JsonNode Document)> IssueAsync(string deadline = "2025-08-15")
    {
        factory.Clock.SetChinaDate(ClockedWebFactory.Start);
        Assert.Equal(HttpStatusCode.OK, (await Coordinator.PatchAsJsonAsync($"/api/v1/workspace/items/{ItemId}", new { leadUnit = UnitName })).StatusCode);
        var issued = await Staff.PostJsonAsync(Coordinator, FollowUps,
            new { itemId = ItemId, unit = Unit, requirement = "8月15日前完成剩余充电接口建设，并报送完成情况", deadline });
        Assert.True(issued.StatusCode == HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        var document = await Staff.JsonAsync(issued);
        return ((int)document["id"]!, (string)document["number"]!, document);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_follow_up_from_issue_through_overdue_answer_send_back_and_answer_to_closed()
    {
        var (id, number, issued) = await IssueAsync();
        Assert.Matches(NumberForm(), number);
        Assert.Equal(("issued", UnitName, "2025-08-15", false), ((string?)issued["state"], (string?)issued["unitName"], (string?)issued["deadline"], (bool)issued["overdue"]!));

        // The unit's to-do list: the item's task carries the open 督办 (a round asks for the item).
        var round = await Staff.PostJsonAsync(Coordinator, "/api/v1/workspace/programs/jinnan-2025/rounds",
            new { title = "2025年7月月报", asOf = "2025-07-31", dueDate = "2025-08-10" });
        Assert.Equal(HttpStatusCode.Created, round.StatusCode);
        var tasks = (await Staff.JsonAsync(await Reporter.GetAsync("/api/v1/workspace/tasks"))).AsArray();
        Assert.Contains(tasks, t => t!["followUps"]!.AsArray().Any(f => (int)f!["id"]! == id && !(bool)f["overdue"]!));
        Assert.All(tasks, t => Assert.NotNull(t!["followUps"]));
        Assert.DoesNotContain((await Staff.JsonAsync(await OtherUnit.GetAsync("/api/v1/workspace/tasks"))).AsArray(),
            t => t!["followUps"]!.AsArray().Any(f => (int)f!["id"]! == id));
        Assert.Contains((await Staff.JsonAsync(await Reporter.GetAsync(FollowUps))).AsArray(), f => (int)f!["id"]! == id);

        // The day after the deadline it is overdue, in the list, the document and the tasks.
        factory.Clock.SetChinaDate(new DateOnly(2025, 8, 16));
        Assert.Contains((await Staff.JsonAsync(await Coordinator.GetAsync(FollowUps + "?state=overdue"))).AsArray(), f => (int)f!["id"]! == id);
        Assert.True((bool)(await Staff.JsonAsync(await Reporter.GetAsync($"{FollowUps}/{id}")))["overdue"]!);
        Assert.Contains((await Staff.JsonAsync(await Reporter.GetAsync("/api/v1/workspace/tasks"))).AsArray(),
            t => t!["followUps"]!.AsArray().Any(f => (int)f!["id"]! == id && (bool)f["overdue"]!));

        // Answered with a file: no longer waiting for the unit, so not overdue.
        var answered = await Staff.JsonAsync(await Staff.PostJsonAsync(Reporter, $"{FollowUps}/{id}/answer", new { text = "已完成5600个，剩余400个8月20日前完成" }));
        Assert.Equal(("answered", false), ((string?)answered["state"], (bool)answered["overdue"]!));
        using var upload = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()), "file", "验收单.pdf" } };
        var attached = await Reporter.PostAsync($"{FollowUps}/{id}/attachments", upload);
        Assert.True(attached.StatusCode == HttpStatusCode.Created, await attached.Content.ReadAsStringAsync());
        var fileUrl = (string)(await Staff.JsonAsync(attached))["url"]!;
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await Coordinator.GetByteArrayAsync(fileUrl)));
        Assert.Equal(HttpStatusCode.Forbidden, (await OtherUnit.GetAsync(fileUrl)).StatusCode);

        var sentBack = await Staff.JsonAsync(await Staff.PostJsonAsync(Coordinator, $"{FollowUps}/{id}/send-back", new { reason = "请附上剩余400个的施工计划" }));
        Assert.Equal(("sentBack", true), ((string?)sentBack["state"], (bool)sentBack["overdue"]!));
        var again = await Staff.PostJsonAsync(Reporter, $"{FollowUps}/{id}/answer", new { text = "已全部完成6000个，附施工计划" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var closed = await Staff.JsonAsync(await PostAsync(Coordinator, $"{FollowUps}/{id}/close", new { note = "" }, again.Headers.ETag!.Tag));
        Assert.Equal("closed", (string?)closed["state"]);
        Assert.NotNull((string?)closed["closedAt"]);
        Assert.Equal(["issued", "answered", "sentBack", "answered", "closed"], closed["entries"]!.AsArray().Select(e => (string?)e!["action"]));
        Assert.Equal("验收单.pdf", (string?)closed["entries"]![1]!["files"]![0]!["fileName"]);
        Assert.Equal(HttpStatusCode.Conflict, (await Staff.PostJsonAsync(Reporter, $"{FollowUps}/{id}/answer", new { text = "再答" })).StatusCode);
        Assert.DoesNotContain((await Staff.JsonAsync(await Reporter.GetAsync("/api/v1/workspace/tasks"))).AsArray(),
            t => t!["followUps"]!.AsArray().Any(f => (int)f!["id"]! == id));
        Assert.Contains((await Staff.JsonAsync(await Coordinator.GetAsync(FollowUps + "?state=closed"))).AsArray(), f => (int)f!["id"]! == id);

        // Every step in the audit log, by who took it.
        await using var db = Factory.OpenDatabase();
        var log = db.AuditLog.Where(e => e.Subject == $"followup:jinnan-2025/{number}").OrderBy(e => e.Id).ToList();
        Assert.Equal(["followup.issued", "followup.answered", "followup.attachment-added", "followup.sent-back", "followup.answered", "followup.closed"],
            log.Select(e => e.Action));
        Assert.Equal([CoordinatorName, ReporterName, ReporterName, CoordinatorName, ReporterName, CoordinatorName], log.Select(e => e.Actor));
    }

    [Fact]
    public async Task The_letter_is_a_Word_document_and_a_PDF_with_the_number_and_the_unit()
    {
        var (id, number, _) = await IssueAsync();

        var docx = await Reporter.GetAsync($"{FollowUps}/{id}/letter.docx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType?.MediaType);
        using (var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
        {
            var text = word.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains(number, text);
            Assert.Contains(UnitName + "：", text);
            Assert.Contains("津南区民心工程办公室", text);
        }

        var pdf = await Coordinator.GetByteArrayAsync($"{FollowUps}/{id}/letter.pdf");
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        Assert.Contains(number, Regex.Replace(PdfText(pdf), @"\s+", ""));
        Assert.Equal(HttpStatusCode.Forbidden, (await OtherUnit.GetAsync($"{FollowUps}/{id}/letter.pdf")).StatusCode);
    }

    [Fact]
    public async Task A_bad_deadline_or_an_empty_requirement_is_a_400_at_the_field()
    {
        factory.Clock.SetChinaDate(ClockedWebFactory.Start);
        Assert.Equal(HttpStatusCode.OK, (await Coordinator.PatchAsJsonAsync($"/api/v1/workspace/items/{ItemId}", new { leadUnit = UnitName })).StatusCode);

        var past = await Staff.PostJsonAsync(Coordinator, FollowUps, new { itemId = ItemId, requirement = " ", deadline = "2025-07-31" });
        var nonsense = await Staff.PostJsonAsync(Coordinator, FollowUps, new { itemId = ItemId, requirement = "补报", deadline = "2025-13-01", number = "督办第3号" });

        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        var errors = (await Staff.JsonAsync(past))["errors"]!.AsObject();
        Assert.Equal(["requirement", "deadline"], errors.Select(e => e.Key));
        Assert.Contains("早于今天", (string?)errors["deadline"]![0]);
        var other = (await Staff.JsonAsync(nonsense))["errors"]!.AsObject();
        Assert.Equal(["number", "deadline"], other.Select(e => e.Key));
        Assert.Contains("不是有效日期", (string?)other["deadline"]![0]);
        Assert.Equal(HttpStatusCode.BadRequest, (await Staff.PostJsonAsync(Coordinator, FollowUps, new { itemId = ItemId, requirement = "补报", deadline = "2025-08-20", unit = "不存在的单位" })).StatusCode);
    }

    [Fact]
    public async Task Another_units_reporter_neither_sees_nor_answers_it_and_a_stale_revision_is_a_412()
    {
        var (id, number, _) = await IssueAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await OtherUnit.GetAsync($"{FollowUps}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Staff.PostJsonAsync(OtherUnit, $"{FollowUps}/{id}/answer", new { text = "代答" })).StatusCode);
        Assert.DoesNotContain((await Staff.JsonAsync(await OtherUnit.GetAsync(FollowUps + "?state=all"))).AsArray(), f => (string?)f!["number"] == number);
        Assert.Equal(HttpStatusCode.Forbidden, (await Staff.PostJsonAsync(Reporter, FollowUps, new { itemId = ItemId, requirement = "自己督办自己", deadline = "2025-08-20" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Staff.PostJsonAsync(Coordinator, $"{FollowUps}/{id}/send-back", new { reason = "还没答复就退回" })).StatusCode);

        var seen = await Coordinator.GetAsync($"{FollowUps}/{id}");
        Assert.Equal(HttpStatusCode.OK, (await Staff.PostJsonAsync(Reporter, $"{FollowUps}/{id}/answer", new { text = "已完成" })).StatusCode);
        var stale = await PostAsync(Coordinator, $"{FollowUps}/{id}/close", new { note = "" }, seen.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("answered", (string?)(await Staff.JsonAsync(await Coordinator.GetAsync($"{FollowUps}/{id}")))["state"]);
    }

    [Fact]
    public async Task The_pages_issue_list_and_answer_with_a_file_without_script()
    {
        factory.Clock.SetChinaDate(ClockedWebFactory.Start);
        Assert.Equal(HttpStatusCode.OK, (await Coordinator.PatchAsJsonAsync($"/api/v1/workspace/items/{ItemId}", new { leadUnit = UnitName })).StatusCode);
        using var coordinator = await StaffSession.SignInAsync(Factory, CoordinatorName);
        using var reporter = await StaffSession.SignInAsync(Factory, ReporterName);

        // From the item's plan page to the issuing form, with the next number filled in.
        var plan = await coordinator.PageAsync("/workspace/programs/jinnan-2025/items/07-1");
        var link = plan.QuerySelector($"a[href='/workspace/followups/new?item={ItemId}']");
        Assert.NotNull(link);
        var form = await coordinator.PageAsync(link!.GetAttribute("href")!);
        var suggested = form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=number]")!.Value;
        Assert.Matches(NumberForm(), suggested);

        var refused = await coordinator.SubmitAsync(form, "main form[method=post]", changes: new Dictionary<string, string> { ["requirement"] = "", ["deadline"] = "2025-08-20" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var again = await StaffSession.ReadAsync(refused, "/workspace/followups/new");
        Assert.Equal("true", again.QuerySelector("#f-requirement")!.GetAttribute("aria-invalid"));
        Assert.Contains("f-requirement-error", again.QuerySelector("#f-requirement")!.GetAttribute("aria-describedby"));
        Assert.NotNull(again.QuerySelector(".ws-error-summary a[href='#f-requirement']"));

        var issuedPage = await coordinator.FollowAsync(await coordinator.SubmitAsync(again, "main form[method=post]",
            changes: new Dictionary<string, string> { ["requirement"] = "请于8月20日前报送充电接口建设进度", ["deadline"] = "2025-08-20" }));
        Assert.Contains(suggested, issuedPage.QuerySelector("h1")!.TextContent);
        var id = Regex.Match(issuedPage.Url, @"/workspace/followups/(\d+)").Groups[1].Value;
        Assert.NotNull(issuedPage.QuerySelector($"a[href='{FollowUps}/{id}/letter.docx']"));
        Assert.NotNull(issuedPage.QuerySelector($"a[href='{FollowUps}/{id}/letter.pdf']"));

        // The unit finds it on 我的待办 and, past the deadline, in words.
        var tasks = await reporter.PageAsync("/workspace/tasks");
        Assert.Contains(suggested, tasks.QuerySelector("#followups-title")!.ParentElement!.TextContent);
        // Days later: the 8-hour sessions have ended, so both sign in again.
        factory.Clock.SetChinaDate(new DateOnly(2025, 8, 21));
        using var unit = await StaffSession.SignInAsync(Factory, ReporterName);
        using var office = await StaffSession.SignInAsync(Factory, CoordinatorName);
        var list = await unit.PageAsync("/workspace/followups?show=overdue");
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(suggested, StringComparison.Ordinal));
        Assert.Contains("已逾期", row.TextContent);
        Assert.Equal("page", list.QuerySelector("a[href='/workspace/followups?show=overdue']")!.GetAttribute("aria-current"));

        // The answer with a PDF; the coordinator then sees the send-back and close forms.
        var detail = await unit.PageAsync($"/workspace/followups/{id}");
        Assert.Null(detail.QuerySelector("form[action*='handler=close']"));
        var answered = await unit.FollowAsync(await unit.SubmitAsync(detail, "form[action*='handler=answer']",
            changes: new Dictionary<string, string> { ["text"] = "已完成5800个，附进度表" }, files: [("进度表.pdf", "%PDF-1.4\n%%EOF\n"u8.ToArray())]));
        Assert.Contains("进度表.pdf", answered.QuerySelector(".ws-steps")!.TextContent);
        var review = await office.PageAsync($"/workspace/followups/{id}");
        Assert.NotNull(review.QuerySelector("form[action*='handler=sendBack']"));
        var closed = await office.FollowAsync(await office.SubmitAsync(review, "form[action*='handler=close']"));
        Assert.Contains("已办结", closed.QuerySelector("main")!.TextContent);
    }

    private static string PdfText(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"minxin-followup-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", file, "-"])
            {
                RedirectStandardOutput = true,
                StandardOutputEncoding = System.Text.Encoding.UTF8,
            })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}

public sealed class SqliteFollowUpFlowTests(SqliteClockedWebFactory factory) : FollowUpFlowTests(factory), IClassFixture<SqliteClockedWebFactory>;

public sealed class PostgresFollowUpFlowTests(PostgresClockedWebFactory factory) : FollowUpFlowTests(factory), IClassFixture<PostgresClockedWebFactory>;
