using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Minxin.Web.Workspace.Spreadsheets;

/// <summary>How a cell looks and whether the person filling the sheet may change it.</summary>
public enum CellLook
{
    Plain,
    Header,
    /// <summary>Grey and locked: keys and plan figures the upload checks against.</summary>
    Locked,
    /// <summary>Pale yellow and unlocked: what the unit fills in.</summary>
    Entry,
    /// <summary>As <see cref="Entry"/>, stored as text so that Excel keeps "2025-09" as typed instead of turning it into a date.</summary>
    EntryText,
}

/// <summary>One sheet to write: its rows of cells, widths, hidden columns, list validations, protection.</summary>
public sealed class SheetBuilder(string name)
{
    public string Name { get; } = name;

    public List<List<(object? Value, CellLook Look)>> Rows { get; } = [];

    public Dictionary<int, double> Widths { get; } = [];

    public HashSet<int> HiddenColumns { get; } = [];

    /// <summary>A drop-down list (Excel list validation) over cells such as "I2 I5".</summary>
    public List<(IReadOnlyList<string> Cells, IReadOnlyList<string> Words, string Title)> Lists { get; } = [];

    public bool Protected { get; set; }

    /// <summary>Rows at the top that stay in view while scrolling.</summary>
    public int FrozenRows { get; set; }

    public void Add(params (object? Value, CellLook Look)[] cells) => Rows.Add([.. cells]);
}

/// <summary>
/// Writing and reading xlsx through the OpenXML SDK: the few things the workspace's spreadsheets need (styles for
/// locked and entry cells, drop-down lists, sheet protection, defined names), and cell values read back as text.
/// </summary>
public static class Workbooks
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Write(IReadOnlyList<SheetBuilder> sheets, IReadOnlyDictionary<string, string>? definedNames = null)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheetList = workbookPart.Workbook.AppendChild(new Sheets());
            uint sheetId = 1;
            foreach (var sheet in sheets)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                part.Worksheet = Worksheet(sheet);
                sheetList.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = sheetId++, Name = sheet.Name });
            }
            if (definedNames is { Count: > 0 })
            {
                workbookPart.Workbook.Append(new DefinedNames(definedNames.Select(n => new DefinedName(n.Value) { Name = n.Key })));
            }
            workbookPart.Workbook.Save();
        }
        return stream.ToArray();
    }

    public static string ColumnLetter(int column)
    {
        var letters = "";
        for (var n = column; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + (n - 1) % 26) + letters;
        }
        return letters;
    }

    public static string Address(int column, int row) => ColumnLetter(column) + row.ToString(CultureInfo.InvariantCulture);

    private static Worksheet Worksheet(SheetBuilder sheet)
    {
        var worksheet = new Worksheet();
        if (sheet.FrozenRows > 0)
        {
            var topLeft = Address(1, sheet.FrozenRows + 1);
            worksheet.Append(new SheetViews(new SheetView(
                new Pane { VerticalSplit = sheet.FrozenRows, TopLeftCell = topLeft, ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue> { InnerText = topLeft } })
            { WorkbookViewId = 0 }));
        }
        var columnCount = Math.Max(sheet.Rows.Count == 0 ? 0 : sheet.Rows.Max(r => r.Count), sheet.Widths.Count == 0 ? 0 : sheet.Widths.Keys.Max());
        if (columnCount > 0)
        {
            var columns = new Columns();
            for (var c = 1; c <= columnCount; c++)
            {
                columns.Append(new Column
                {
                    Min = (uint)c,
                    Max = (uint)c,
                    Width = sheet.Widths.GetValueOrDefault(c, 12),
                    CustomWidth = true,
                    Hidden = sheet.HiddenColumns.Contains(c) ? true : null,
                });
            }
            worksheet.Append(columns);
        }
        var data = new SheetData();
        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < sheet.Rows[r].Count; c++)
            {
                row.Append(Cell(Address(c + 1, r + 1), sheet.Rows[r][c].Value, sheet.Rows[r][c].Look));
            }
            data.Append(row);
        }
        worksheet.Append(data);
        if (sheet.Protected)
        {
            // No password: the lock guards against slips, not against a determined unit (the upload checks every key anyway).
            worksheet.Append(new SheetProtection
            {
                Sheet = true,
                Objects = true,
                Scenarios = true,
                FormatColumns = false,
                FormatRows = false,
                AutoFilter = false,
                Sort = false,
                SelectLockedCells = false,
                SelectUnlockedCells = false,
            });
        }
        var lists = sheet.Lists.Where(l => l.Cells.Count > 0).ToList();
        if (lists.Count > 0)
        {
            var validations = new DataValidations { Count = (uint)lists.Count };
            foreach (var (cells, words, title) in lists)
            {
                validations.Append(new DataValidation
                {
                    Type = DataValidationValues.List,
                    AllowBlank = true,
                    ShowInputMessage = true,
                    ShowErrorMessage = true,
                    ErrorTitle = title,
                    Error = $"请从列表中选择：{string.Join("、", words)}",
                    PromptTitle = title,
                    Prompt = "请从下拉列表中选择",
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = string.Join(' ', cells) },
                    Formula1 = new Formula1("\"" + string.Join(',', words) + "\""),
                });
            }
            worksheet.Append(validations);
        }
        return worksheet;
    }

    private static Cell Cell(string address, object? value, CellLook look)
    {
        var cell = new Cell { CellReference = address, StyleIndex = (uint)look };
        switch (value)
        {
            case null:
                break;
            case decimal number:
                cell.DataType = CellValues.Number;
                cell.CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture));
                break;
            case int number:
                cell.DataType = CellValues.Number;
                cell.CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new Text(value.ToString() ?? "") { Space = SpaceProcessingModeValues.Preserve });
                break;
        }
        return cell;
    }

    // Style indexes follow CellLook's order.
    private static Stylesheet Styles() => new(
        new Fonts(
            new Font(new FontSize { Val = 11 }),
            new Font(new Bold(), new FontSize { Val = 11 })),
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE7E6E6" }) { PatternType = PatternValues.Solid }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFFFF8DC" }) { PatternType = PatternValues.Solid })),
        new Borders(new Border()),
        new CellFormats(
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0 },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Center }) { FontId = 1, FillId = 2, ApplyFont = true, ApplyFill = true, ApplyAlignment = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { FontId = 0, FillId = 2, ApplyFill = true, ApplyAlignment = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }, new Protection { Locked = false })
            { FontId = 0, FillId = 3, ApplyFill = true, ApplyAlignment = true, ApplyProtection = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }, new Protection { Locked = false })
            { FontId = 0, FillId = 3, NumberFormatId = 49, ApplyFill = true, ApplyNumberFormat = true, ApplyAlignment = true, ApplyProtection = true }));
}

/// <summary>An uploaded workbook, read back as text per cell: shared strings, inline strings, numbers, booleans.</summary>
public sealed class WorkbookReading : IDisposable
{
    private readonly SpreadsheetDocument _document;

    public const long MaxCharactersInPart = 64L * 1024 * 1024;

    private WorkbookReading(SpreadsheetDocument document) => _document = document;

    /// <summary>The workbook, or null when the bytes are not an xlsx file.</summary>
    public static WorkbookReading? Open(Stream content)
    {
        try
        {
            // A 5 MB upload can inflate a thousandfold: no part of a filled-in sheet needs more than this.
            var document = SpreadsheetDocument.Open(content, false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
            if (document.WorkbookPart?.Workbook.Sheets is null)
            {
                document.Dispose();
                return null;
            }
            return new WorkbookReading(document);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException or InvalidOperationException or System.Xml.XmlException)
        {
            return null;
        }
    }

    /// <summary>The sheets' names in the workbook's order (a file made elsewhere is read from its first).</summary>
    public IReadOnlyList<string> SheetNames => [.. _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name?.Value ?? "")];

    /// <summary>A sheet's cells by address ("H7" → "12x"), or null when there is no sheet of that name.</summary>
    public Dictionary<string, string>? Sheet(string name)
    {
        var workbookPart = _document.WorkbookPart!;
        var sheet = workbookPart.Workbook.Sheets!.Elements<Sheet>().FirstOrDefault(s => s.Name?.Value == name);
        if (sheet?.Id?.Value is not { } id || workbookPart.GetPartById(id) is not WorksheetPart part)
        {
            return null;
        }
        var shared = workbookPart.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cell in part.Worksheet.Descendants<Cell>())
        {
            if (cell.CellReference?.Value is not { } address)
            {
                continue;
            }
            var text = TextOf(cell, shared);
            if (!string.IsNullOrEmpty(text))
            {
                cells[address] = text;
            }
        }
        return cells;
    }

    /// <summary>The address a defined name points at: "说明!$B$3" → ("说明", "B3").</summary>
    public (string Sheet, string Address)? DefinedName(string name)
    {
        var text = _document.WorkbookPart!.Workbook.DefinedNames?.Elements<DefinedName>().FirstOrDefault(d => d.Name?.Value == name)?.Text;
        if (text is null || text.LastIndexOf('!') is var bang && bang < 0)
        {
            return null;
        }
        return (text[..bang].Trim('\''), text[(bang + 1)..].Replace("$", "", StringComparison.Ordinal));
    }

    public void Dispose() => _document.Dispose();

    private static string TextOf(Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }
        var raw = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Count ? shared[index] : "";
        }
        if (cell.DataType?.Value == CellValues.Boolean)
        {
            return raw == "1" ? "TRUE" : "FALSE";
        }
        return raw;
    }
}
