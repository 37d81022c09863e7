using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;

namespace Minxin.Web.Tests.Workspace;

/// <summary>
/// The unit spreadsheet from a reporter's side: download the round's xlsx, read it with the OpenXML SDK (targets,
/// last figures, the status and phase lists), fill in a figure, a status and a site phase, upload it — drafts exist
/// with those values and can be submitted. A bad cell, an unknown word or a smuggled item refuses the whole upload
/// with the cell's address, and nothing is saved. A coordinator downloads the whole program.
/// </summary>
public abstract class SpreadsheetTests(MinxinWebFactory factory) : StaffApiTests(factory)
{
    private const string SocketsItem = "07-1";
    private const string Lab = "02-2"; // 疾控中心综合实验楼: one site, no indicators

    [Fact]
    public async Task A_reporter_fills_the_sheet_and_gets_drafts_that_can_be_submitted()
    {
        var round = await OpenRoundAsync("2025-08-31");
        var bytes = await DownloadAsync(round);

        var sheet = Read(bytes);
        Assert.Equal(["子项编号", "子项", "指标", "单位", "目标值", "上次数值", "上次截至日期", "本次数值", "状态", "点位", "阶段"],
            Enumerable.Range(1, 11).Select(c => sheet.Cell(Col(c), 1)));
        var socketsRow = sheet.RowOf($"{SocketsItem}|指标|充电接口");
        Assert.Equal(("6000", "5119", "个"), (sheet.Cell("E", socketsRow), sheet.Cell("F", socketsRow), sheet.Cell("D", socketsRow)));
        Assert.Matches(@"^2025-\d\d-\d\d$", sheet.Cell("G", socketsRow));
        var labRow = sheet.RowOf($"{Lab}|子项");
        var siteRow = sheet.RowOf($"{Lab}|点位|疾控中心综合实验楼");
        Assert.Equal("津南区疾病预防控制中心综合实验楼", sheet.Cell("J", siteRow));
        Assert.DoesNotContain(sheet.Keys, k => k.StartsWith("01-1|", StringComparison.Ordinal)); // another unit's item
        var status = Assert.Single(sheet.Validations, v => v.Formula.Contains("推进中", StringComparison.Ordinal));
        Assert.Contains($"I{socketsRow}", status.Cells);
        Assert.Contains($"I{labRow}", status.Cells);
        Assert.Equal("\"未开工,推进中,已完成,滞后,已取消\"", status.Formula);
        var phase = Assert.Single(sheet.Validations, v => v.Formula.Contains("施工", StringComparison.Ordinal));
        Assert.Contains($"K{siteRow}", phase.Cells);
        Assert.True(sheet.Protected);
        Assert.Equal(round.ToString(CultureInfo.InvariantCulture), sheet.RoundId);

        var filled = Fill(bytes, (Address("H", socketsRow), "0.56万"), (Address("I", socketsRow), "推进中"), (Address("M", socketsRow), "新增充电接口{充电接口}"),
            (Address("I", labRow), "推进中"), (Address("M", labRow), "主体施工中"), (Address("K", siteRow), "施工"), (Address("L", siteRow), "2025-10"));
        var uploaded = await UploadAsync(round, filled);
        Assert.True(uploaded.StatusCode == HttpStatusCode.OK, await uploaded.Content.ReadAsStringAsync());
        var saved = await Staff.JsonAsync(uploaded);
        Assert.Equal((2, 0), ((int)saved["created"]!, (int)saved["updated"]!));

        await using (var db = Factory.OpenDatabase())
        {
            var reports = await db.Reports.Include(r => r.Values).Include(r => r.SiteUpdates).Include(r => r.Item).ThenInclude(i => i.Category)
                .Where(r => r.RoundId == round).ToListAsync();
            var sockets = Assert.Single(reports, r => r.Item.Category.Number == 7 && r.Item.Number == 1);
            Assert.Equal((Domain.Progress.ReviewState.Draft, Domain.Progress.ItemStatus.InProgress, 5600m),
                (sockets.Review, sockets.Status, Assert.Single(sockets.Values).Value));
            var lab = Assert.Single(reports, r => r.Item.Category.Number == 2 && r.Item.Number == 2);
            var site = Assert.Single(lab.SiteUpdates);
            Assert.Equal((Domain.Progress.SitePhase.Construction, "2025-10"), (site.Phase, site.ExpectedCompletion?.ToString()));
        }

        // The next download shows the drafts; a changed figure updates the draft, and the drafts can be submitted.
        var again = await DownloadAsync(round);
        var second = Read(again);
        Assert.Equal(("5600", "推进中"), (second.Cell("H", socketsRow), second.Cell("I", socketsRow)));
        var changed = await UploadAsync(round, Fill(again, (Address("H", socketsRow), "5,700")));
        Assert.True(changed.StatusCode == HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        Assert.Equal(2, (int)(await Staff.JsonAsync(changed))["updated"]!);
        var tasks = (await Staff.JsonAsync(await Reporter.GetAsync("/api/v1/workspace/tasks"))).AsArray().Where(t => (int)t!["roundId"]! == round).ToList();
        foreach (var task in tasks)
        {
            var id = (int)task!["report"]!["id"]!;
            var submitted = await Reporter.PostAsync($"/api/v1/workspace/reports/{id}/submit", null);
            Assert.True(submitted.StatusCode == HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
        }
        var report = tasks.Single(t => ((string?)t!["itemId"])!.EndsWith(SocketsItem, StringComparison.Ordinal))!["report"]!;
        var stored = await Staff.JsonAsync(await Reporter.GetAsync($"/api/v1/workspace/reports/{(int)report["id"]!}"));
        Assert.Equal(("submitted", 5700m), ((string?)stored["state"], (decimal)stored["values"]![0]!["value"]!));

        // A submitted report is not rewritten by the sheet: its cells are empty and locked, and a figure typed there is refused.
        var locked = await DownloadAsync(round);
        Assert.Equal("", Read(locked).Cell("H", socketsRow));
        var refused = await UploadAsync(round, Fill(locked, (Address("H", socketsRow), "5800")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains((await ErrorsAsync(refused)), e => e.Column == "H" && e.Row == socketsRow && e.Message.Contains("待审核，不能在表中修改", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_cell_refuses_the_whole_sheet_with_its_address_and_saves_nothing()
    {
        var round = await OpenRoundAsync("2025-09-30");
        var bytes = await DownloadAsync(round);
        var sheet = Read(bytes);
        var (socketsRow, labRow, siteRow) = (sheet.RowOf($"{SocketsItem}|指标|充电接口"), sheet.RowOf($"{Lab}|子项"), sheet.RowOf($"{Lab}|点位|疾控中心综合实验楼"));
        // The lab's rows are right: saving them alone would be half a sheet.
        var bad = Fill(bytes, (Address("H", socketsRow), "12x"), (Address("I", socketsRow), "进行中"),
            (Address("I", labRow), "推进中"), (Address("K", siteRow), "施工"));
        var before = await ReportCountAsync();

        var response = await UploadAsync(round, bad);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ErrorsAsync(response);
        Assert.Contains(errors, e => (e.Sheet, e.Row, e.Column, e.Header) == ("填报", socketsRow, "H", "本次数值") && e.Message.Contains("“12x”不是数字", StringComparison.Ordinal));
        Assert.Contains(errors, e => (e.Sheet, e.Row, e.Column, e.Header) == ("填报", socketsRow, "I", "状态") && e.Message.Contains("“进行中”不是状态", StringComparison.Ordinal));
        Assert.Equal(before, await ReportCountAsync());

        // The same sheet through the page: every error listed with its cell, in Chinese, and still nothing saved.
        using var session = await StaffSession.SignInAsync(Factory, ReporterName);
        var tasks = await session.PageAsync("/workspace/tasks");
        Assert.NotNull(tasks.QuerySelector($"a[href='/workspace/rounds/{round}/sheet']"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(StaffSession.Token(tasks, $"form[action='/workspace/rounds/{round}/sheet']")), "__RequestVerificationToken" },
            { new ByteArrayContent(bad), "file", "填报表.xlsx" },
        };
        var page = await session.PostAsync($"/workspace/rounds/{round}/sheet", form);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var html = await StaffSession.ReadAsync(page, $"/workspace/rounds/{round}/sheet");
        var items = html.QuerySelectorAll(".ws-sheet-errors li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains(items, text => text.StartsWith($"填报!H{socketsRow}（本次数值）：“12x”不是数字", StringComparison.Ordinal));
        Assert.Contains(items, text => text.StartsWith($"填报!I{socketsRow}（状态）", StringComparison.Ordinal));
        Assert.Equal(before, await ReportCountAsync());

        // Corrected, the page saves it and goes back to the to-do list.
        var good = Fill(bytes, (Address("H", socketsRow), "5600"), (Address("I", socketsRow), "推进中"));
        using var goodForm = new MultipartFormDataContent
        {
            { new StringContent(StaffSession.Token(tasks, $"form[action='/workspace/rounds/{round}/sheet']")), "__RequestVerificationToken" },
            { new ByteArrayContent(good), "file", "填报表.xlsx" },
        };
        var done = await session.PostAsync($"/workspace/rounds/{round}/sheet", goodForm);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.StartsWith("/workspace/tasks?sheetCreated=1", done.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(before + 1, await ReportCountAsync());
    }

    [Fact]
    public async Task Another_units_item_smuggled_into_a_row_is_refused()
    {
        var round = await OpenRoundAsync("2025-10-31");
        var bytes = await DownloadAsync(round);
        var row = Read(bytes).RowOf($"{SocketsItem}|指标|充电接口");
        // The row claims to be 01-1 (not this unit's), key and all.
        var smuggled = Fill(bytes, (Address("A", row), "01-1"), (Address("P", row), "01-1|指标|托位"), (Address("C", row), "婴幼儿托位"),
            (Address("H", row), "100"), (Address("I", row), "推进中"));
        var before = await ReportCountAsync();

        var response = await UploadAsync(round, smuggled);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(await ErrorsAsync(response), e => (e.Row, e.Column, e.Header) == (row, "A", "子项编号") && e.Message.Contains("01-1", StringComparison.Ordinal));
        Assert.Equal(before, await ReportCountAsync());
        // Nor may another unit's reporter upload this unit's sheet into its own round.
        var other = await UploadAsync(round, Fill(bytes, (Address("H", row), "100"), (Address("I", row), "推进中")), OtherUnit);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Equal(before, await ReportCountAsync());
    }

    [Fact]
    public async Task A_file_that_is_not_this_rounds_sheet_or_a_bad_date_is_refused()
    {
        var round = await OpenRoundAsync("2025-11-30");
        var bytes = await DownloadAsync(round);
        var sheet = Read(bytes);
        var (labRow, siteRow) = (sheet.RowOf($"{Lab}|子项"), sheet.RowOf($"{Lab}|点位|疾控中心综合实验楼"));
        var before = await ReportCountAsync();

        var notXlsx = await UploadAsync(round, "not a workbook"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, notXlsx.StatusCode);
        Assert.Contains(await ErrorsAsync(notXlsx), e => e.Row == 0 && e.Message.Contains("不是有效的 xlsx 文件", StringComparison.Ordinal));

        var earlier = await OpenRoundAsync("2025-12-31");
        var wrongRound = await UploadAsync(earlier, Fill(bytes, (Address("I", labRow), "推进中"), (Address("K", siteRow), "施工")));
        Assert.Equal(HttpStatusCode.BadRequest, wrongRound.StatusCode);
        Assert.Contains(await ErrorsAsync(wrongRound), e => e.Message.Contains("另一个报送轮次", StringComparison.Ordinal));

        var badDate = await UploadAsync(round, Fill(bytes, (Address("I", labRow), "推进中"), (Address("K", siteRow), "施工"), (Address("L", siteRow), "2025/9")));
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains(await ErrorsAsync(badDate), e => (e.Row, e.Column, e.Header) == (siteRow, "L", "预计完成") && e.Message.Contains("YYYY-MM", StringComparison.Ordinal));
        Assert.Equal(before, await ReportCountAsync());
    }

    [Fact]
    public async Task A_coordinator_downloads_the_whole_program()
    {
        var response = await Coordinator.GetAsync("/api/v1/workspace/programs/jinnan-2025/sheet");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var names = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["子项指标", "点位"], names);
        var cells = Cells(document, "子项指标");
        var row = Enumerable.Range(2, 500).First(r => cells.GetValueOrDefault($"B{r}") == "07-1");
        Assert.Equal(("6000", "5119"), (cells[$"I{row}"], cells[$"J{row}"]));

        using var session = await StaffSession.SignInAsync(Factory, CoordinatorName);
        var page = await session.PageAsync("/workspace/programs/jinnan-2025");
        Assert.NotNull(page.QuerySelector("a[href='/workspace/programs/jinnan-2025/sheet']"));
        var download = await session.GetAsync("/workspace/programs/jinnan-2025/sheet");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Reporter.GetAsync("/api/v1/workspace/programs/jinnan-2025/sheet")).StatusCode);
    }

    // ——— helpers ———

    private async Task<int> OpenRoundAsync(string asOf)
    {
        foreach (var item in new[] { SocketsItem, Lab })
        {
            var assigned = await Coordinator.PatchAsJsonAsync($"/api/v1/workspace/items/jinnan-2025-{item}", new { leadUnit = UnitName });
            Assert.True(assigned.StatusCode == HttpStatusCode.OK, await assigned.Content.ReadAsStringAsync());
        }
        var opened = await Staff.PostJsonAsync(Coordinator, "/api/v1/workspace/programs/jinnan-2025/rounds",
            new { title = "填报表轮次" + asOf, asOf, dueDate = DateOnly.Parse(asOf, CultureInfo.InvariantCulture).AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        Assert.True(opened.StatusCode == HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        return (int)(await Staff.JsonAsync(opened))["id"]!;
    }

    private async Task<byte[]> DownloadAsync(int round)
    {
        var response = await Reporter.GetAsync($"/api/v1/workspace/rounds/{round}/sheet");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<HttpResponseMessage> UploadAsync(int round, byte[] workbook, HttpClient? client = null)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(workbook), "file", "填报表.xlsx" } };
        return await (client ?? Reporter).PostAsync($"/api/v1/workspace/rounds/{round}/sheet", form);
    }

    private sealed record CellError(string Sheet, int Row, string Column, string Header, string Message);

    private static async Task<List<CellError>> ErrorsAsync(HttpResponseMessage response)
    {
        var problem = await Staff.JsonAsync(response);
        return problem["errors"]!.AsArray().Select(e => new CellError((string)e!["sheet"]!, (int)e["row"]!, (string)e["column"]!, (string)e["header"]!, (string)e["message"]!)).ToList();
    }

    private async Task<int> ReportCountAsync()
    {
        await using var db = Factory.OpenDatabase();
        return await db.Reports.CountAsync();
    }

    private static string Col(int column) => ((char)('A' + column - 1)).ToString();

    private static string Address(string column, int row) => column + row.ToString(CultureInfo.InvariantCulture);

    private sealed record Validation(string Formula, IReadOnlyList<string> Cells);

    private sealed record SheetView(Dictionary<string, string> Values, List<Validation> Validations, bool Protected, string? RoundId)
    {
        public string Cell(string column, int row) => Values.GetValueOrDefault(Address(column, row), "");

        public IEnumerable<string> Keys => Values.Where(v => v.Key.StartsWith('P')).Select(v => v.Value);

        public int RowOf(string key) => int.Parse(Values.Single(v => v.Key.StartsWith('P') && v.Value == key).Key[1..], CultureInfo.InvariantCulture);
    }

    private static SheetView Read(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var part = Part(document, "填报");
        var validations = part.Worksheet.Descendants<DataValidation>()
            .Select(v => new Validation(v.Formula1!.Text, v.SequenceOfReferences!.Items.Select(i => i.Value!).ToList())).ToList();
        var roundCell = document.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>().Single(d => d.Name == "MinxinRoundId").Text;
        var roundId = Cells(document, "说明").GetValueOrDefault(roundCell.Split('!')[1].Replace("$", "", StringComparison.Ordinal));
        return new SheetView(Cells(document, "填报"), validations, part.Worksheet.Elements<SheetProtection>().Any(p => p.Sheet?.Value == true), roundId);
    }

    private static WorksheetPart Part(SpreadsheetDocument document, string name)
    {
        var sheet = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return (WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!);
    }

    private static Dictionary<string, string> Cells(SpreadsheetDocument document, string name) =>
        Part(document, name).Worksheet.Descendants<Cell>()
            .ToDictionary(c => c.CellReference!.Value!, c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "");

    /// <summary>The workbook with these cells set as text, the way a person typing into Excel leaves them.</summary>
    private static byte[] Fill(byte[] bytes, params (string Address, string Text)[] cells)
    {
        using var stream = new MemoryStream();
        stream.Write(bytes);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var data = Part(document, "填报").Worksheet.GetFirstChild<SheetData>()!;
            foreach (var (address, text) in cells)
            {
                var cell = data.Descendants<Cell>().Single(c => c.CellReference == address);
                cell.CellValue = null;
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new Text(text));
            }
        }
        return stream.ToArray();
    }
}

public sealed class SqliteSpreadsheetTests(SqliteWebFactory factory) : SpreadsheetTests(factory), IClassFixture<SqliteWebFactory>;

public sealed class PostgresSpreadsheetTests(PostgresWebFactory factory) : SpreadsheetTests(factory), IClassFixture<PostgresWebFactory>;
