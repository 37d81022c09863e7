using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Minxin.Domain.Messages;
using Minxin.Web.Workspace.Messages;
using Minxin.Web.Workspace.Spreadsheets;

namespace Minxin.Web.Tests.Workspace;

/// <summary>
/// The exchange with the district's 12345 / 政务邮箱 platform: the export (CSV with a BOM and xlsx, the inbox's
/// filter applied, Chinese headers, formula-like cells neutralised) and the import of its replies, all or nothing,
/// each problem named by row and column.
/// </summary>
public abstract class MessagesExportImportTests(ClockedWebFactory factory) : MessagesTestBase(factory)
{
    private async Task<HttpResponseMessage> UploadAsync(string fileName, byte[] bytes)
    {
        var page = await CoordinatorSession.PageAsync("/workspace/messages/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(StaffSession.Token(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "file", fileName },
        };
        return await CoordinatorSession.PostAsync("/workspace/messages/import", form);
    }

    private async Task<CitizenMessage> StoredAsync(int id)
    {
        await using var db = Factory.OpenDatabase();
        return await db.Messages.Include(m => m.Entries).AsNoTracking().SingleAsync(m => m.Id == id);
    }

    [Fact]
    public async Task The_export_has_the_filtered_rows_with_chinese_headers_and_neutralises_formula_cells()
    {
        var formula = await MessageAsync(ItemA, "=cmd|' /C calc'!A0", contact: "zhangsan@163.com", name: "@张三");
        var praise = await MessageAsync(ItemA, "感谢，充电桩很好用", MessageKind.Praise);

        var response = await CoordinatorSession.GetAsync("/workspace/messages/export.csv?kind=problem&item=" + ItemA);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var rows = ImportFile.CsvRows(Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal(["回执号", "类别", "项目", "子项", "责任单位", "留言内容", "姓名", "联系方式", "收到时间", "答复期限", "状态", "答复内容", "答复时间"], rows[0]);
        var row = Assert.Single(rows.Skip(1), r => r.Count > 1 && r[0] == formula.ReceiptNumber);
        Assert.Equal(("问题反映", UnitAName, "'=cmd|' /C calc'!A0", "'@张三", "zhangsan@163.com", "待处理"), (row[1], row[4], row[5], row[6], row[7], row[10]));
        Assert.StartsWith("07-1 ", row[3], StringComparison.Ordinal);
        Assert.Equal("2025-08-08", row[9]);
        Assert.DoesNotContain(rows, r => r[0] == praise.ReceiptNumber);
        await using (var db = Factory.OpenDatabase())
        {
            var exported = await db.AuditLog.AsNoTracking().Where(a => a.Action == "messages.exported").OrderBy(a => a.Id).LastAsync();
            Assert.Equal(CoordinatorName, exported.Actor);
            Assert.Contains("kind=problem", exported.Summary, StringComparison.Ordinal);
        }

        // The xlsx: the same rows as text cells (a spreadsheet never evaluates them).
        var xlsx = await CoordinatorSession.GetAsync("/workspace/messages/export.xlsx?item=" + ItemA);
        Assert.Equal(Workbooks.ContentType, xlsx.Content.Headers.ContentType?.MediaType);
        using var workbook = WorkbookReading.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()))!;
        var cells = workbook.Sheet("留言")!;
        Assert.Equal("回执号", cells["A1"]);
        var at = cells.Single(c => c.Value == formula.ReceiptNumber).Key[1..];
        Assert.Equal("=cmd|' /C calc'!A0", cells["F" + at]);
        Assert.Contains(cells, c => c.Value == praise.ReceiptNumber);

        // A leader's export has no name or contact.
        using var leaderSession = await StaffSession.SignInAsync(Factory, await LeaderNameAsync());
        var leaderCsv = Encoding.UTF8.GetString(await (await leaderSession.GetAsync("/workspace/messages/export.csv")).Content.ReadAsByteArrayAsync());
        Assert.Contains(formula.ReceiptNumber, leaderCsv, StringComparison.Ordinal);
        Assert.DoesNotContain("zhangsan@163.com", leaderCsv, StringComparison.Ordinal);
    }

    private async Task<string> LeaderNameAsync()
    {
        await using var db = Factory.OpenDatabase();
        return (await db.Users.AsNoTracking().Where(u => u.Role == Domain.Staff.StaffRole.Leader).OrderByDescending(u => u.Id).FirstAsync()).UserName!;
    }

    [Fact]
    public async Task An_import_with_one_wrong_row_saves_nothing_and_names_the_row_and_column()
    {
        var first = await MessageAsync(ItemA, "充电桩什么时候安装？");
        var second = await MessageAsync(ItemB, "路口的充电桩坏了");
        var csv = $"回执号,答复内容,答复单位,答复时间\r\n{first.ReceiptNumber},已安排8月中旬安装。,区住建委,2025-08-05 14:30\r\n"
            + $"{second.ReceiptNumber},,区城管委,\r\nLY20250801-000000,\"已处理，\"\"谢谢\"\"\",,昨天\r\n";
        var refused = await UploadAsync("12345答复.csv", Encoding.UTF8.GetBytes(csv));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await StaffSession.ReadAsync(refused, "/workspace/messages/import");
        var problems = page.QuerySelectorAll(".ws-problems li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains("第3行B列（答复内容）：请填写答复内容。", problems);
        Assert.Contains(problems, p => p.StartsWith("第4行D列（答复时间）：“昨天”不是有效时间", StringComparison.Ordinal));
        Assert.Contains("没有导入任何答复", page.QuerySelector(".ws-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await StoredAsync(first.Id)).Reply);

        // Corrected but with a receipt number nobody has: still nothing saved, the row named.
        var unknown = $"回执号,答复内容\r\n{first.ReceiptNumber},已安排8月中旬安装。\r\nLY20250801-000000,已处理\r\n";
        page = await StaffSession.ReadAsync(await UploadAsync("答复.csv", Encoding.UTF8.GetBytes(unknown)), "/workspace/messages/import");
        Assert.Contains("第3行A列（回执号）：本地区没有回执号为“LY20250801-000000”的留言。", page.QuerySelectorAll(".ws-problems li").Select(li => li.TextContent.Trim()));
        Assert.Null((await StoredAsync(first.Id)).Reply);

        // All rows right (GB18030, as Chinese Excel saves CSV): each a drafted reply waiting for approval.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var good = $"回执号,答复内容,答复单位\r\n{first.ReceiptNumber},已安排8月中旬安装。,区住建委\r\n{second.ReceiptNumber},已修复。,区城管委\r\n";
        var saved = await CoordinatorSession.FollowAsync(await UploadAsync("答复.csv", Encoding.GetEncoding("GB18030").GetBytes(good)));
        Assert.Contains("已导入 2 条答复", saved.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var stored = await StoredAsync(first.Id);
        Assert.Equal((MessageState.Drafted, "已安排8月中旬安装。", "区住建委（12345平台答复）"), (stored.State, stored.Reply, stored.ReplyBy));
        Assert.Equal(MessageAction.ReplyImported, stored.Entries.OrderBy(e => e.Id).Last().Action);
        Assert.Equal(MessageVisibility.Pending, stored.Visibility);
    }

    [Fact]
    public async Task An_xlsx_import_reads_the_first_sheet_and_a_missing_column_is_named()
    {
        var message = await MessageAsync(ItemA, "请问充电桩开放时间？");
        var sheet = new SheetBuilder("答复");
        sheet.Add(("答复内容", CellLook.Header), ("回执号", CellLook.Header));
        sheet.Add(("全天开放。", CellLook.Plain), (message.ReceiptNumber, CellLook.Plain));
        var saved = await CoordinatorSession.FollowAsync(await UploadAsync("答复.xlsx", Workbooks.Write([sheet])));
        Assert.Contains("已导入 1 条答复", saved.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("全天开放。", (await StoredAsync(message.Id)).Reply);

        var noReceipt = new SheetBuilder("Sheet1");
        noReceipt.Add(("答复内容", CellLook.Header));
        noReceipt.Add(("全天开放。", CellLook.Plain));
        var page = await StaffSession.ReadAsync(await UploadAsync("答复.xlsx", Workbooks.Write([noReceipt])), "/workspace/messages/import");
        Assert.Contains(page.QuerySelectorAll(".ws-problems li"), li => li.TextContent.Contains("缺少“回执号”", StringComparison.Ordinal));
    }
}

public sealed class SqliteMessagesExportImportTests(SqliteClockedWebFactory factory) : MessagesExportImportTests(factory), IClassFixture<SqliteClockedWebFactory>;

public sealed class PostgresMessagesExportImportTests(PostgresClockedWebFactory factory) : MessagesExportImportTests(factory), IClassFixture<PostgresClockedWebFactory>;
