using System.Net;
using System.Net.Http.Json;
using System.Text;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace Minxin.Web.Tests.Workspace;

/// <summary>
/// What the report form refuses and how: forged posts, a second editor's stale save, files that are too big or not
/// what they claim, figures for indicators the item does not have, a moved completion date without a reason — each
/// refused with the reason at its field and nothing saved; photos are stored without their metadata; staff pages
/// are never cached.
/// </summary>
public abstract class ReportPageSafetyTests(MinxinWebFactory factory) : IAsyncLifetime
{
    private string _unitName = "";
    private string _reporter = "";
    private string _colleague = "";
    private string _otherReporter = "";
    private string _coordinator = "";
    private int _roundId;

    public async Task InitializeAsync()
    {
        using (var warm = factory.CreateClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await warm.GetAsync("/api/v1/programs")).StatusCode);
        }
        _unitName = Staff.Unique("区卫健委");
        var otherUnit = Staff.Unique("区民政局");
        await Staff.UnitAsync(factory, Staff.Unique("wjw"), _unitName);
        await Staff.UnitAsync(factory, Staff.Unique("mzj"), otherUnit);
        (_reporter, _colleague, _otherReporter, _coordinator) = (Staff.Unique("sunmei"), Staff.Unique("qianjun"), Staff.Unique("zhouli"), Staff.Unique("wuqiang"));
        await Staff.UserAsync(factory, _reporter, "reporter", unit: _unitName);
        await Staff.UserAsync(factory, _colleague, "reporter", unit: _unitName);
        await Staff.UserAsync(factory, _otherReporter, "reporter", unit: otherUnit);
        await Staff.UserAsync(factory, _coordinator, "coordinator");
        using var api = await Staff.TokenClientAsync(factory, _coordinator);
        foreach (var item in new[] { "jinnan-2025-03-1", "jinnan-2025-03-2", "jinnan-2025-03-3", "jinnan-2025-06-2", "jinnan-2025-07-1" })
        {
            Assert.Equal(HttpStatusCode.OK, (await api.PatchAsJsonAsync($"/api/v1/workspace/items/{item}", new { leadUnit = _unitName })).StatusCode);
        }
        // One round for the class; each test works on its own item.
        var rounds = (await Staff.JsonAsync(await api.GetAsync("/api/v1/workspace/programs/jinnan-2025/rounds"))).AsArray();
        _roundId = rounds.FirstOrDefault(r => (bool)r!["open"]! && (string?)r["asOf"] == "2025-07-31") is { } open
            ? (int)open["id"]!
            : (int)(await Staff.JsonAsync(await Staff.PostJsonAsync(api, "/api/v1/workspace/programs/jinnan-2025/rounds",
                new { title = "2025年7月月报", asOf = "2025-07-31", dueDate = "2025-08-05" })))["id"]!;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string NewReport(string item) => $"/workspace/items/{item}/report?round={_roundId}";

    [Fact]
    public async Task A_post_without_the_antiforgery_token_or_with_another_sessions_token_is_refused_and_changes_nothing()
    {
        using var reporter = await StaffSession.SignInAsync(factory, _reporter);
        using var other = await StaffSession.SignInAsync(factory, _otherReporter);
        var form = await reporter.PageAsync(NewReport("jinnan-2025-03-2"));
        var changes = new Dictionary<string, string> { ["values[0].value"] = "15" };

        var without = await reporter.SubmitAsync(form, "main form", "button[value=submit]", changes, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);

        // Another person's token, taken from a page of their own session.
        var otherTasks = await other.PageAsync("/workspace/tasks");
        Assert.Contains("目前没有需要报送的事项", otherTasks.QuerySelector("main")!.TextContent);
        var theirs = StaffSession.Token(otherTasks, "body");
        var forged = await reporter.SubmitAsync(form, "main form", "button[value=submit]",
            new Dictionary<string, string>(changes) { ["__RequestVerificationToken"] = theirs });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("请求有误", (await StaffSession.ReadAsync(forged, NewReport("jinnan-2025-03-2"))).QuerySelector("h1")!.TextContent);

        Assert.Equal(0, await ReportsAsync("jinnan-2025-03-2", new DateOnly(2025, 7, 31)));
        Assert.Equal("未报", (await reporter.PageAsync("/workspace/tasks")).QuerySelectorAll("li.ws-card")
            .Single(c => c.QuerySelector("h3")!.TextContent.StartsWith("03-2 ", StringComparison.Ordinal)).QuerySelector(".ws-state")!.TextContent);
    }

    [Fact]
    public async Task Two_editors_of_one_draft_the_second_gets_412_and_keeps_every_word_typed()
    {
        using var first = await StaffSession.SignInAsync(factory, _reporter);
        using var second = await StaffSession.SignInAsync(factory, _colleague);
        var created = await first.FollowAsync(await first.SubmitAsync(await first.PageAsync(NewReport("jinnan-2025-03-1")), "main form", "button[value=save]"));
        var url = new Uri(created.Url).AbsolutePath;

        var mine = await first.PageAsync(url);
        var theirs = await second.PageAsync(url);
        var saved = await first.SubmitAsync(mine, "main form", "button[value=save]", new Dictionary<string, string>
        {
            ["values[0].value"] = "15",
            ["narrative"] = "第一位填报员：新增{意外保险}。",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        const string text = "第二位填报员写的说明：已完成验收{意外保险}，另有两家正在整改。";
        var stale = await second.SubmitAsync(theirs, "main form", "button[value=submit]", new Dictionary<string, string>
        {
            ["values[0].value"] = "16",
            ["narrative"] = text,
            ["expectedCompletionReason"] = "第二位填报员的原因",
        });
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var page = await StaffSession.ReadAsync(stale, url);
        Assert.Equal(text, page.QuerySelector("textarea[name=narrative]")!.TextContent);
        Assert.Equal("16", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='values[0].value']")!.Value);
        Assert.Equal("第二位填报员的原因", page.QuerySelector("textarea[name=expectedCompletionReason]")!.TextContent);
        Assert.Contains("其他人已修改了这份报告", page.QuerySelector("main")!.TextContent);
        Assert.Contains("已被他人修改", page.QuerySelector(".ws-error-summary")!.TextContent);
        // What is stored now is shown beside the fields.
        var stored = page.QuerySelectorAll(".ws-stored").Select(e => e.TextContent).ToList();
        Assert.Contains(stored, s => s.Contains("15名", StringComparison.Ordinal));
        Assert.Contains(stored, s => s.Contains("第一位填报员：新增{意外保险}。", StringComparison.Ordinal));

        var report = await first.PageAsync(url);
        Assert.Equal("15", report.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='values[0].value']")!.Value);
        Assert.Equal("草稿", (await first.PageAsync("/workspace/tasks")).QuerySelectorAll("li.ws-card")
            .Single(c => c.QuerySelector("h3")!.TextContent.StartsWith("03-1 ", StringComparison.Ordinal)).QuerySelector(".ws-state")!.TextContent);

        // Having compared, the second editor saves again and its text is kept on purpose.
        var again = await second.FollowAsync(await second.SubmitAsync(page, "main form", "button[value=save]"));
        Assert.Equal(text, again.QuerySelector("textarea[name=narrative]")!.TextContent);
    }

    [Fact]
    public async Task Files_too_big_or_not_what_they_claim_are_refused_at_the_field_and_a_photo_is_stored_without_its_metadata()
    {
        using var reporter = await StaffSession.SignInAsync(factory, _reporter);
        var form = await reporter.PageAsync(NewReport("jinnan-2025-07-1"));
        var input = form.GetElementById("f-file")!;
        Assert.Equal(("file", "multipart/form-data"), (input.GetAttribute("type"), form.QuerySelector("main form")!.GetAttribute("enctype")));
        Assert.True(input.HasAttribute("multiple"));
        Assert.Contains("image/jpeg", input.GetAttribute("accept"));
        Assert.Contains("10 MB", form.GetElementById("file-hint")!.TextContent);

        var big = new byte[10 * 1024 * 1024 + 1];
        "%PDF-1.7\n"u8.CopyTo(big);
        var tooBig = await reporter.SubmitAsync(form, "main form", "button[value=save]", files: [("现场检查记录.pdf", big)]);
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        var page = await StaffSession.ReadAsync(tooBig, NewReport("jinnan-2025-07-1"));
        Assert.Contains("超过了 10 MB 的上限", page.GetElementById("f-file-error")!.TextContent);
        Assert.Contains("现场检查记录.pdf", page.GetElementById("f-file-error")!.TextContent);
        Assert.Equal("true", page.GetElementById("f-file")!.GetAttribute("aria-invalid"));
        Assert.Contains("请改正", page.QuerySelector(".ws-error-summary")!.TextContent);
        Assert.Contains("重新选择", page.GetElementById("file-dropped")!.TextContent);

        var fake = await reporter.SubmitAsync(form, "main form", "button[value=save]", files: [("现场.jpg", Encoding.UTF8.GetBytes("这不是照片，只是一段文字"))]);
        Assert.Equal(HttpStatusCode.BadRequest, fake.StatusCode);
        Assert.Contains("不是可用的", (await StaffSession.ReadAsync(fake, NewReport("jinnan-2025-07-1"))).GetElementById("f-file-error")!.TextContent);
        Assert.Equal(0, await ReportsAsync("jinnan-2025-07-1", new DateOnly(2025, 7, 31)));

        var photo = PhotoWithExif();
        Assert.True(Contains(photo, "Exif"u8) && Contains(photo, "GPSLatitude"u8));
        var saved = await reporter.FollowAsync(await reporter.SubmitAsync(form, "main form", "button[value=save]", files: [("充电桩现场.jpg", photo)]));
        var link = saved.QuerySelector(".ws-attachments a")!;
        Assert.Equal("充电桩现场.jpg", link.TextContent);
        var download = await reporter.GetAsync(link.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/jpeg", download.Content.Headers.ContentType?.MediaType);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xFF, 0xD8], bytes[..2]);
        Assert.False(Contains(bytes, "Exif"u8));
        Assert.False(Contains(bytes, "GPSLatitude"u8));
        using var decoded = SKBitmap.Decode(bytes);
        Assert.Equal((64, 48), (decoded.Width, decoded.Height));

        await using var db = factory.OpenDatabase();
        var stored = await db.AttachmentContents.AsNoTracking().Select(c => c.Bytes).ToListAsync();
        Assert.Contains(stored, b => b.AsSpan().SequenceEqual(bytes));
        Assert.DoesNotContain(stored, b => Contains(b, "GPSLatitude"u8));
    }

    [Fact]
    public async Task A_figure_for_an_indicator_the_item_does_not_have_is_refused_with_the_field_named_on_the_page_and_the_API()
    {
        using var reporter = await StaffSession.SignInAsync(factory, _reporter);
        var form = await reporter.PageAsync(NewReport("jinnan-2025-03-3"));
        // Rows 0 and 1 left empty: the service's values[0] is the form's row 2, and the message goes there.
        var response = await reporter.SubmitAsync(form, "main form", "button[value=save]", new Dictionary<string, string>
        {
            ["values[0].value"] = "",
            ["values[1].value"] = "",
            ["values[2].indicator"] = "充电桩",
            ["values[2].value"] = "10",
            ["narrative"] = "",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await StaffSession.ReadAsync(response, NewReport("jinnan-2025-03-3"));
        var error = page.GetElementById("f-values-2-indicator-error")!;
        Assert.Contains("充电桩", error.TextContent);
        Assert.Contains("f-values-2-indicator-error", page.GetElementById("f-values-2-indicator")!.GetAttribute("aria-describedby"));
        Assert.Contains(page.QuerySelectorAll(".ws-error-summary a"), a => a.GetAttribute("href") == "#f-values-2-indicator" && a.TextContent.Contains("充电桩", StringComparison.Ordinal));
        Assert.Equal(0, await ReportsAsync("jinnan-2025-03-3", new DateOnly(2025, 7, 31)));

        using var api = await Staff.TokenClientAsync(factory, _reporter);
        var problem = await Staff.JsonAsync(await Staff.PostJsonAsync(api, "/api/v1/workspace/items/jinnan-2025-03-3/reports",
            new { roundId = _roundId, status = "inProgress", values = new[] { new { indicator = "充电桩", value = 10 } } }));
        Assert.Equal(400, (int)problem["status"]!);
        Assert.Contains("充电桩", (string?)problem["errors"]!["values[0].indicator"]![0]);
    }

    [Fact]
    public async Task A_moved_completion_date_needs_a_reason_and_the_service_says_so_at_the_field()
    {
        using var reporter = await StaffSession.SignInAsync(factory, _reporter);
        var form = await reporter.PageAsync(NewReport("jinnan-2025-06-2"));
        Assert.Equal("2025-08-31", form.GetElementById("f-expectedcompletion")!.GetAttribute("value"));
        Assert.Contains("预计8月底", form.GetElementById("expected-hint")!.TextContent);
        Assert.Equal("acceptance", form.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("select[name='sites[0].phase']")!.Value);

        var response = await reporter.SubmitAsync(form, "main form", "button[value=submit]", new Dictionary<string, string> { ["expectedCompletion"] = "2025-10" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await StaffSession.ReadAsync(response, NewReport("jinnan-2025-06-2"));
        Assert.Contains("请说明原因", page.GetElementById("f-expectedcompletionreason-error")!.TextContent);
        Assert.Equal("true", page.GetElementById("f-expectedcompletionreason")!.GetAttribute("aria-invalid"));
        Assert.Equal("2025-10", page.GetElementById("f-expectedcompletion")!.GetAttribute("value"));

        var submitted = await reporter.FollowAsync(await reporter.SubmitAsync(page, "main form", "button[value=submit]",
            new Dictionary<string, string> { ["expectedCompletionReason"] = "电力管网接入推迟，验收顺延" }));
        var record = string.Concat(submitted.QuerySelectorAll("dl.ws-facts").Select(d => d.TextContent));
        Assert.Contains("预计10月份", record);
        Assert.Contains("电力管网接入推迟，验收顺延", record);
    }

    [Fact]
    public async Task Staff_pages_are_never_stored_by_a_cache_and_signing_out_ends_the_session()
    {
        using var reporter = await StaffSession.SignInAsync(factory, _reporter);
        using var coordinator = await StaffSession.SignInAsync(factory, _coordinator);
        foreach (var (session, url) in new[] { (reporter, "/workspace/tasks"), (reporter, NewReport("jinnan-2025-03-2")), (coordinator, "/workspace/rounds"), (coordinator, "/workspace/review"), (coordinator, $"/workspace/rounds/{_roundId}") })
        {
            var response = await session.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }

        var tasks = await reporter.PageAsync("/workspace/tasks");
        var signedOut = await reporter.SubmitAsync(tasks, "form[action='/workspace/sign-out']");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var again = await reporter.GetAsync("/workspace/tasks");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("/workspace/sign-in?returnUrl=", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private async Task<int> ReportsAsync(string itemId, DateOnly asOf)
    {
        await using var db = factory.OpenDatabase();
        var code = itemId["jinnan-2025-".Length..].Split('-');
        var (category, number) = (int.Parse(code[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(code[1], System.Globalization.CultureInfo.InvariantCulture));
        return await db.Reports.CountAsync(r => r.AsOf == asOf && r.Item.Category.Number == category && r.Item.Number == number && r.Item.Category.Program.Code == "jinnan-2025");
    }

    /// <summary>A small JPEG with an EXIF block naming a GPS position, as a phone camera writes one.</summary>
    private static byte[] PhotoWithExif()
    {
        using var bitmap = new SKBitmap(64, 48);
        bitmap.Erase(SKColors.OrangeRed);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        var jpeg = data.ToArray();
        // APP1: "Exif\0\0", a little-endian TIFF header with an empty first IFD, then the camera's text.
        byte[] payload = [.. "Exif\0\0"u8, .. "II*\0"u8, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, .. "GPSLatitude 38.99N GPSLongitude 117.38E"u8];
        var length = payload.Length + 2;
        byte[] app1 = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    private static bool Contains(byte[] bytes, ReadOnlySpan<byte> marker) => bytes.AsSpan().IndexOf(marker) >= 0;
}

public sealed class SqliteReportPageSafetyTests(SqliteWebFactory factory) : ReportPageSafetyTests(factory), IClassFixture<SqliteWebFactory>;

public sealed class PostgresReportPageSafetyTests(PostgresWebFactory factory) : ReportPageSafetyTests(factory), IClassFixture<PostgresWebFactory>;
