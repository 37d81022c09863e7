using System.Globalization;
using System.Text;
using Minxin.Domain.Messages;
using Minxin.Domain.Quantities;
using Minxin.Web.Workspace.Spreadsheets;

namespace Minxin.Web.Workspace.Messages;

/// <summary>
/// The export for the district's 12345 / 政务邮箱 platform: one row per message with the platform's Chinese headers,
/// as CSV (UTF-8 with a byte-order mark, so Excel reads it as such) or xlsx.
/// </summary>
public static class MessageExport
{
    public static readonly string[] Headers =
        ["回执号", "类别", "项目", "子项", "责任单位", "留言内容", "姓名", "联系方式", "收到时间", "答复期限", "状态", "答复内容", "答复时间"];

    /// <summary>The cells of one message; the name and contact only for <paramref name="personalData"/> (leaders get them blank).</summary>
    public static string[] Row(CitizenMessage m, bool personalData) =>
    [
        m.ReceiptNumber,
        m.Kind.ToChinese(),
        m.Program.Title,
        m.Item is { } item ? $"{item.Code} {item.Title}" : "",
        m.Unit?.Name ?? "民心办",
        m.Text,
        personalData ? m.SenderName ?? "" : "",
        personalData ? m.Contact ?? "" : "",
        FormFields.Time(m.ReceivedAt),
        IsoDate.Format(m.DueOn),
        m.Visibility == MessageVisibility.Hidden ? $"{m.State.ToChinese()}（已隐藏）" : m.State.ToChinese(),
        m.Reply ?? "",
        m.AnsweredAt is { } answered ? FormFields.Time(answered) : m.ReplyDraftedAt is { } drafted ? FormFields.Time(drafted) : "",
    ];

    public static byte[] Csv(IEnumerable<string[]> rows)
    {
        var csv = new StringBuilder();
        Line(csv, Headers);
        foreach (var row in rows)
        {
            Line(csv, row);
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    public static byte[] Xlsx(IEnumerable<string[]> rows)
    {
        var sheet = new SheetBuilder("留言") { FrozenRows = 1 };
        sheet.Add([.. Headers.Select(h => ((object?)h, CellLook.Header))]);
        foreach (var row in rows)
        {
            // Stored as text cells: a spreadsheet never evaluates them.
            sheet.Add([.. row.Select(c => ((object?)c, CellLook.Plain))]);
        }
        foreach (var (column, width) in new[] { (1, 22.0), (4, 30.0), (6, 50.0), (9, 17.0), (12, 50.0), (13, 17.0) })
        {
            sheet.Widths[column] = width;
        }
        return Workbooks.Write([sheet]);
    }

    /// <summary>
    /// A cell a spreadsheet would take for a formula (= + - @, or a tab or carriage return before one) gets a leading
    /// apostrophe: what a citizen typed never runs on the platform's desk (CSV injection).
    /// </summary>
    public static string Neutralise(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;

    private static void Line(StringBuilder csv, IEnumerable<string> cells)
    {
        csv.AppendJoin(',', cells.Select(c => Quote(Neutralise(c))));
        csv.Append("\r\n");
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}

/// <summary>One row of the platform's replies: which message, what it answered, by whom and when (both optional).</summary>
public sealed record ImportedReply(int Row, string ReceiptColumn, string ReceiptNumber, string Reply, string? Unit, DateTimeOffset? RepliedAt);

/// <summary>A wrong cell of an uploaded file: row (1 is the header), column letter and header, what to do.</summary>
public sealed record ImportProblem(int Row, string Column, string Header, string Message)
{
    public override string ToString() => Row == 0 ? Message : $"第{Row}行{Column}列（{Header}）：{Message}";
}

/// <summary>The upload has wrong rows: nothing was saved.</summary>
public sealed class ImportException(IReadOnlyList<ImportProblem> problems) : Exception(string.Join("；", problems))
{
    public IReadOnlyList<ImportProblem> Problems { get; } = problems;
}

/// <summary>
/// Reads the platform's replies from an xlsx or CSV file (UTF-8, with or without BOM, or GB18030 as Chinese Excel
/// saves it): the header row names the columns 回执号 and 答复内容, optionally 答复单位 and 答复时间, in any order.
/// Every problem is reported with its row and column; a file with any problem gives no rows.
/// </summary>
public static class ImportFile
{
    public const string ReceiptHeader = "回执号";
    public const string ReplyHeader = "答复内容";
    public const string UnitHeader = "答复单位";
    public const string TimeHeader = "答复时间";

    public const long MaxBytes = 5 * 1024 * 1024;

    public const int MaxRows = 5000;

    public static IReadOnlyList<ImportedReply> Read(string fileName, byte[] bytes)
    {
        var table = bytes.Length >= 2 && bytes[0] == 'P' && bytes[1] == 'K' ? XlsxRows(bytes) : CsvRows(Decode(bytes));
        var problems = new List<ImportProblem>();
        if (table.Count == 0)
        {
            throw new ImportException([new(0, "", "", $"“{fileName}”是空文件，或不是 xlsx / CSV 文件。")]);
        }
        var header = table[0].Select(h => h.Trim().TrimStart('\uFEFF')).ToList();
        var receipt = header.IndexOf(ReceiptHeader);
        var reply = header.IndexOf(ReplyHeader);
        var unit = header.IndexOf(UnitHeader);
        var time = header.IndexOf(TimeHeader);
        if (receipt < 0 || reply < 0)
        {
            var missing = string.Join("、", new[] { receipt < 0 ? ReceiptHeader : null, reply < 0 ? ReplyHeader : null }.OfType<string>());
            throw new ImportException([new(1, "", "", $"第1行应为表头，须有“{ReceiptHeader}”和“{ReplyHeader}”两列，缺少“{missing}”。")]);
        }
        if (table.Count - 1 > MaxRows)
        {
            throw new ImportException([new(0, "", "", $"一次最多导入{MaxRows}行答复，本文件有{table.Count - 1}行，请分批导入。")]);
        }
        var rows = new List<ImportedReply>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 1; r < table.Count; r++)
        {
            var cells = table[r];
            string Cell(int column) => column >= 0 && column < cells.Count ? cells[column].Trim() : "";
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            var row = r + 1;
            var number = Cell(receipt);
            var text = Cell(reply);
            var before = problems.Count;
            if (number.Length == 0)
            {
                problems.Add(new(row, Letter(receipt), ReceiptHeader, "请填写回执号。"));
            }
            else if (seen.TryGetValue(number, out var first))
            {
                problems.Add(new(row, Letter(receipt), ReceiptHeader, $"回执号“{number}”与第{first}行重复，每条留言只能导入一条答复。"));
            }
            else
            {
                seen[number] = row;
            }
            if (text.Length == 0)
            {
                problems.Add(new(row, Letter(reply), ReplyHeader, "请填写答复内容。"));
            }
            else if (text.Length > MessageText.MaxReplyLength)
            {
                problems.Add(new(row, Letter(reply), ReplyHeader, $"答复不能超过{MessageText.MaxReplyLength}字，现为{text.Length}字。"));
            }
            var unitText = Cell(unit);
            if (unitText.Length > 60)
            {
                problems.Add(new(row, Letter(unit), UnitHeader, "答复单位不能超过60个字。"));
            }
            DateTimeOffset? at = null;
            if (Cell(time) is { Length: > 0 } timeText)
            {
                at = ParseTime(timeText);
                if (at is null)
                {
                    problems.Add(new(row, Letter(time), TimeHeader, $"“{timeText}”不是有效时间，应为 YYYY-MM-DD 或 YYYY-MM-DD HH:mm，例如 2025-08-05 14:30。"));
                }
            }
            if (problems.Count == before)
            {
                rows.Add(new ImportedReply(row, Letter(receipt), number, text, unitText.Length == 0 ? null : unitText, at));
            }
        }
        if (problems.Count > 0)
        {
            throw new ImportException(problems);
        }
        if (rows.Count == 0)
        {
            throw new ImportException([new(0, "", "", "文件里除表头外没有答复。")]);
        }
        return rows;
    }

    private static string Letter(int column) => Workbooks.ColumnLetter(column + 1);

    /// <summary>Beijing time: "2025-08-05 14:30", "2025/8/5", or an Excel date number.</summary>
    private static DateTimeOffset? ParseTime(string text)
    {
        string[] formats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd", "yyyy/M/d H:mm", "yyyy/M/d H:mm:ss", "yyyy/M/d", "yyyy-M-d", "yyyy-M-d H:mm"];
        if (DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, ChinaTime.Offset);
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 1 and < 2958465)
        {
            return new DateTimeOffset(DateTime.FromOADate(serial), ChinaTime.Offset);
        }
        return null;
    }

    private static string Decode(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    /// <summary>RFC 4180: fields separated by commas, quoted with double quotes (doubled inside), rows by CRLF or LF.</summary>
    public static List<List<string>> CsvRows(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }
        return rows;
    }

    private static List<List<string>> XlsxRows(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var workbook = WorkbookReading.Open(stream);
        if (workbook is null || workbook.SheetNames.Count == 0 || workbook.Sheet(workbook.SheetNames[0]) is not { } cells)
        {
            return [];
        }
        var rows = new SortedDictionary<int, SortedDictionary<int, string>>();
        foreach (var (address, value) in cells)
        {
            var split = address.AsSpan().IndexOfAnyInRange('0', '9');
            if (split <= 0 || !int.TryParse(address[split..], NumberStyles.None, CultureInfo.InvariantCulture, out var rowNumber))
            {
                continue;
            }
            var column = address[..split].Aggregate(0, (n, letter) => n * 26 + (letter - 'A' + 1));
            if (!rows.TryGetValue(rowNumber, out var row))
            {
                rows[rowNumber] = row = [];
            }
            row[column] = value;
        }
        if (rows.Count == 0)
        {
            return [];
        }
        // Row numbers as the sheet has them: a gap stays an empty row, so problems name the row the person sees.
        var table = new List<List<string>>();
        for (var r = 1; r <= rows.Keys.Max(); r++)
        {
            var cellsOfRow = rows.GetValueOrDefault(r);
            var width = cellsOfRow is null || cellsOfRow.Count == 0 ? 0 : cellsOfRow.Keys.Max();
            table.Add([.. Enumerable.Range(1, width).Select(c => cellsOfRow!.GetValueOrDefault(c) ?? "")]);
        }
        return table;
    }
}
