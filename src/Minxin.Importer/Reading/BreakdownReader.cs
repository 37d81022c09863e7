using Minxin.Importer.Text;

namespace Minxin.Importer.Reading;

/// <summary>What a column of a per-town table counts.</summary>
internal enum BreakdownKind
{
    /// <summary>计划数, 任务数, 目标.</summary>
    Planned,

    /// <summary>完成数, 已建成, 实际完成.</summary>
    Done,

    /// <summary>完成率, 进度.</summary>
    Rate,

    /// <summary>开工数, 在建: shown, not totalled.</summary>
    Other,
}

/// <summary>A column: its header, what it counts, and the unit its header gives ("计划（公里）", "完成（万元）").</summary>
internal sealed record BreakdownColumn(Span Header, BreakdownKind Kind, decimal Multiplier, string? Unit);

/// <summary>A number in a cell, in the base unit: "1.05万" is 10500; an empty cell ("—") has none.</summary>
internal sealed record BreakdownCell(Span Span, decimal? Value, string? Unit);

internal sealed record BreakdownRow(Span Line, Span Name, IReadOnlyList<BreakdownCell> Cells, bool IsTotal);

/// <summary>A table of an item's figures per town, street or unit, flattened to text.</summary>
internal sealed record Breakdown(int FirstLine, int LastLine, Span Whole, Span NameHeader, IReadOnlyList<BreakdownColumn> Columns, IReadOnlyList<BreakdownRow> Rows)
{
    public bool HasDone => Columns.Any(c => c.Kind == BreakdownKind.Done);
}

/// <summary>
/// Finds per-town tables inside an item: a header naming the places' column and columns of counts ("街镇 计划数 完成数
/// 完成率", "| 镇 | 任务数 | 已建成 |", "镇街→计划（公里）→完成（公里）" with tabs), then rows of a name and numbers ("辛庄镇 12 10
/// 83%"), cells split by |, tabs or spaces. Every header cell must be known and every row as wide as the header and
/// numeric, so that no sentence is taken for a table; the first line that is not such a row ends it.
/// </summary>
internal static class BreakdownReader
{
    /// <summary>More rows than any district has towns; the rest stay text.</summary>
    private const int MaxRows = 500;

    private static readonly string[] PlaceHeaders =
    [
        "街镇", "镇街", "街道", "乡镇", "镇", "街乡", "镇（街道）", "镇(街道)", "乡镇（街道）", "区县", "县区", "区", "县", "县（市、区）", "区（县）",
        "县（市）", "区（市）县", "街道（镇）", "地区", "区域", "辖区", "单位", "责任单位", "点位", "社区", "村", "片区", "名称", "项目", "项目名称", "子项",
    ];

    private static readonly string[] TotalNames = ["合计", "总计", "小计", "共计", "汇总", "全区", "全县", "全市", "全镇", "总数"];

    private static readonly string[] RateWords = ["率", "比例", "进度", "百分比"];
    private static readonly string[] PlannedWords = ["计划", "目标", "任务", "应"];
    private static readonly string[] DoneWords = ["完成", "建成", "实际", "累计", "已"];
    private static readonly string[] CountWords = ["数", "量", "开工", "在建", "改造", "户数", "个数"];

    /// <summary>Columns of what is left ("未完成数", "剩余"): shown, never taken for what was done.</summary>
    private static readonly string[] LeftWords = ["未完成", "剩余", "尚未", "待"];

    /// <param name="tables">The item tables found, by first line: their lines are not looked at again.</param>
    public static Dictionary<int, Breakdown> Find(SourceText text, IReadOnlyList<Span> lines, IReadOnlyDictionary<int, Table> tables)
    {
        var found = new Dictionary<int, Breakdown>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (tables.TryGetValue(i, out var table))
            {
                i = table.LastLine;
                continue;
            }
            if (Read(text, lines, i) is { } breakdown)
            {
                found[i] = breakdown;
                i = breakdown.LastLine;
            }
        }
        return found;
    }

    private static Breakdown? Read(SourceText text, IReadOnlyList<Span> lines, int at)
    {
        var (separator, header) = Cells(text, lines[at]);
        // "序号 街镇 计划数 完成数": the rows' numbers are left out with their column.
        var numbered = header.Count > 2 && text.Slice(header[0]) is "序号" or "编号" or "序";
        if (numbered)
        {
            header.RemoveAt(0);
        }
        if (header.Count < 2 || !IsPlaceHeader(text.Slice(header[0])))
        {
            return null;
        }
        var columns = new List<BreakdownColumn>();
        foreach (var cell in header.Skip(1))
        {
            if (Column(text, cell) is not { } column)
            {
                return null;
            }
            columns.Add(column);
        }
        if (!columns.Any(c => c.Kind is BreakdownKind.Planned or BreakdownKind.Done))
        {
            return null;
        }
        var rows = new List<BreakdownRow>();
        var last = at;
        for (var i = at + 1; i < lines.Count && rows.Count < MaxRows; i++)
        {
            var (rowSeparator, cells) = Cells(text, lines[i]);
            if (rowSeparator == '|' && cells.All(c => text.Slice(c).All(ch => ch is '-' or ':' or '—' or ' ')))
            {
                last = i; // |---|---|
                continue;
            }
            if (numbered && cells.Count == header.Count + 1 && text.Slice(cells[0]).All(char.IsAsciiDigit))
            {
                cells.RemoveAt(0);
            }
            if (rowSeparator != separator || cells.Count != header.Count || Row(text, lines[i], cells, columns) is not { } row)
            {
                break;
            }
            rows.Add(row);
            last = i;
        }
        return rows.Count == 0 ? null : new Breakdown(at, last, lines[at].Union(lines[last]), header[0], columns, rows);
    }

    /// <summary>"街镇", "镇街", "单位", "街道名称": the column naming the places.</summary>
    private static bool IsPlaceHeader(string cell)
    {
        var name = new string(cell.Where(c => !char.IsWhiteSpace(c)).ToArray());
        return PlaceHeaders.Contains(name) || name.Length <= 6 && name.EndsWith("名称", StringComparison.Ordinal) && PlaceHeaders.Contains(name[..^2]);
    }

    /// <summary>"计划数", "完成（公里）", "完成率": what the column counts, and the unit in its brackets.</summary>
    private static BreakdownColumn? Column(SourceText text, Span cell)
    {
        var header = new string(text.Slice(cell).Where(c => !char.IsWhiteSpace(c)).ToArray());
        var (name, unit, multiplier) = (header, (string?)null, 1m);
        var open = header.IndexOfAny(['（', '(']);
        if (open > 0 && header[^1] is '）' or ')')
        {
            name = header[..open];
            var inside = header[(open + 1)..^1];
            if (inside.Length > 0 && inside[0] is '万' or '亿')
            {
                multiplier = inside[0] == '万' ? 10_000 : 100_000_000;
                inside = inside[1..];
            }
            unit = inside == "%" ? "%" : FigureScanner.UnitAt(inside, 0, inside.Length) is { } u && u.Length == inside.Length ? u : null;
            if (unit is null)
            {
                return null;
            }
        }
        if (name.Length is 0 or > 10)
        {
            return null;
        }
        BreakdownKind? kind = LeftWords.Any(w => name.Contains(w, StringComparison.Ordinal)) ? BreakdownKind.Other
            : RateWords.Any(w => name.Contains(w, StringComparison.Ordinal)) || unit == "%" ? BreakdownKind.Rate
            : PlannedWords.Any(w => name.Contains(w, StringComparison.Ordinal)) ? BreakdownKind.Planned
            : DoneWords.Any(w => name.Contains(w, StringComparison.Ordinal)) ? BreakdownKind.Done
            : CountWords.Any(w => name.Contains(w, StringComparison.Ordinal)) ? BreakdownKind.Other
            : null;
        return kind is { } k ? new BreakdownColumn(cell, k, multiplier, unit) : null;
    }

    /// <summary>A name and a number (or nothing) under each column; null when the line is not such a row.</summary>
    private static BreakdownRow? Row(SourceText text, Span line, List<Span> cells, List<BreakdownColumn> columns)
    {
        var name = text.Slice(cells[0]);
        if (name.Length is 0 or > 16 || name.All(c => char.IsAsciiDigit(c) || c == '.') || name.IndexOfAny(['。', '，', '；', '：']) >= 0)
        {
            return null;
        }
        var values = new List<BreakdownCell>();
        for (var k = 1; k < cells.Count; k++)
        {
            if (Number(text, cells[k], columns[k - 1]) is not { } cell)
            {
                return null;
            }
            values.Add(cell);
        }
        var bare = new string(name.Where(c => !char.IsWhiteSpace(c)).ToArray());
        return new BreakdownRow(line, cells[0], values, TotalNames.Contains(bare));
    }

    /// <summary>"12", "9.5", "1.05万", "83%", "12个", or "—" for none; null for anything else.</summary>
    private static BreakdownCell? Number(SourceText text, Span cell, BreakdownColumn column)
    {
        var s = text.Slice(cell);
        if (s.Length == 0 || s.All(c => c is '—' or '-' or '/' or '－' or '–'))
        {
            return new BreakdownCell(cell, null, null);
        }
        if (!Numerals.TryReadArabic(s, 0, out var value, out var at))
        {
            return null;
        }
        var multiplier = column.Multiplier;
        if (at < s.Length && s[at] is '万' or '亿')
        {
            multiplier = s[at] == '万' ? 10_000 : 100_000_000;
            at++;
        }
        var unit = column.Unit;
        if (at < s.Length && s[at] == '%')
        {
            unit = "%";
            at++;
        }
        else if (at < s.Length && FigureScanner.UnitAt(s, at, s.Length) is { } written)
        {
            unit = written;
            at += written.Length;
        }
        return at == s.Length ? new BreakdownCell(cell, decimal.Round(value * multiplier, Domain.Quantities.FixedScale.Decimals), unit) : null;
    }

    /// <summary>The cells of a line, split by |, else tabs, else runs of spaces; the kind of split, for rows to match the header.</summary>
    private static (char Separator, List<Span> Cells) Cells(SourceText text, Span line)
    {
        var s = text.Normalized;
        var content = s.AsSpan(line.Start, line.Length);
        var separator = content.Contains('|') ? '|' : content.Contains('\t') ? '\t' : ' ';
        var cells = new List<Span>();
        var start = line.Start;
        for (var i = line.Start; i <= line.End; i++)
        {
            if (i < line.End && !(separator == ' ' ? s[i] is ' ' or '\u3000' : s[i] == separator))
            {
                continue;
            }
            var cell = text.Trim(Span.FromTo(start, i));
            if (cell.Length > 0 || separator != ' ')
            {
                cells.Add(cell);
            }
            start = i + 1;
        }
        if (separator == '|')
        {
            if (cells.Count > 0 && cells[0].Length == 0)
            {
                cells.RemoveAt(0);
            }
            if (cells.Count > 0 && cells[^1].Length == 0)
            {
                cells.RemoveAt(cells.Count - 1);
            }
        }
        return (separator, cells);
    }
}
