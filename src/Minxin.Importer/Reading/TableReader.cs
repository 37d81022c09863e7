using Minxin.Importer.Text;

namespace Minxin.Importer.Reading;

/// <summary>What a table column holds, from its header: 序号, 项目名称, 目标任务, 牵头单位, 进展情况, 完成率…</summary>
internal enum Column
{
    Number,
    Category,
    Name,
    Target,
    Lead,
    Cooperating,
    LeadOfficial,
    ResponsiblePerson,
    Deadline,
    Progress,
    Percent,
    Status,
    Note,
}

/// <summary>One row of a table: each cell under the column it belongs to.</summary>
internal sealed record TableRow(int Line, IReadOnlyDictionary<Column, Span> Cells, bool Misaligned);

/// <summary>A row that only names a group: "一、教育提质工程" across the table.</summary>
internal sealed record TableGroup(int Line, Span Name);

internal sealed record Table(int FirstLine, int LastLine, IReadOnlyList<object> Rows);

/// <summary>
/// Finds tables flattened to text: rows separated by |, tabs or runs of spaces, or every cell on a line of its own.
/// A table is recognised by its header row of known column names; rows follow the header.
/// </summary>
internal static class TableReader
{
    private static readonly (string Name, Column Column)[] Names =
    [
        ("序号", Column.Number), ("编号", Column.Number), ("序", Column.Number),
        ("类别", Column.Category), ("分类", Column.Category), ("所属工程", Column.Category), ("工程类别", Column.Category), ("领域", Column.Category), ("工程", Column.Category),
        ("项目名称", Column.Name), ("项目", Column.Name), ("名称", Column.Name), ("实事名称", Column.Name), ("民生实事", Column.Name), ("子项", Column.Name),
        ("事项", Column.Name), ("实事项目", Column.Name), ("工程名称", Column.Name), ("子项名称", Column.Name),
        ("目标任务", Column.Target), ("建设内容", Column.Target), ("主要内容", Column.Target), ("年度目标", Column.Target), ("工作目标", Column.Target),
        ("目标", Column.Target), ("任务", Column.Target), ("具体内容", Column.Target), ("项目内容", Column.Target), ("建设任务", Column.Target),
        ("实施内容", Column.Target), ("年度任务", Column.Target), ("目标任务及标准", Column.Target), ("主要目标", Column.Target), ("内容", Column.Target),
        ("牵头单位", Column.Lead), ("责任单位", Column.Lead), ("牵头部门", Column.Lead), ("责任部门", Column.Lead), ("主责单位", Column.Lead), ("实施单位", Column.Lead),
        ("配合单位", Column.Cooperating), ("配合部门", Column.Cooperating), ("协办单位", Column.Cooperating), ("参与单位", Column.Cooperating),
        ("牵头领导", Column.LeadOfficial), ("牵头区领导", Column.LeadOfficial), ("分管领导", Column.LeadOfficial), ("责任领导", Column.LeadOfficial),
        ("项目责任人", Column.ResponsiblePerson), ("责任人", Column.ResponsiblePerson), ("项目负责人", Column.ResponsiblePerson),
        ("完成时限", Column.Deadline), ("时间节点", Column.Deadline), ("完成时间", Column.Deadline), ("完成期限", Column.Deadline), ("计划完成时间", Column.Deadline), ("时限", Column.Deadline),
        ("进展情况", Column.Progress), ("工作进展", Column.Progress), ("完成情况", Column.Progress), ("进度情况", Column.Progress), ("推进情况", Column.Progress),
        ("目前进展", Column.Progress), ("进展", Column.Progress), ("累计完成", Column.Progress), ("实际完成", Column.Progress), ("进展情况说明", Column.Progress), ("实际完成情况", Column.Progress),
        ("完成率", Column.Percent), ("完成比例", Column.Percent), ("进度", Column.Percent), ("完成进度", Column.Percent), ("完成百分比", Column.Percent),
        ("状态", Column.Status), ("进度状态", Column.Status), ("推进状态", Column.Status), ("是否完成", Column.Status), ("完成状态", Column.Status),
        ("备注", Column.Note),
    ];

    public static List<Table> Find(SourceText text)
    {
        var tables = new List<Table>();
        var lines = text.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            var table = Delimited(text, i) ?? OneCellPerLine(text, i);
            if (table is not null)
            {
                tables.Add(table);
                i = table.LastLine;
            }
        }
        return tables;
    }

    private static Column? ColumnOf(string header)
    {
        var name = new string(header.Where(c => !char.IsWhiteSpace(c)).ToArray());
        var bracket = name.IndexOfAny(['（', '(']);
        if (bracket > 0)
        {
            name = name[..bracket];
        }
        foreach (var (known, column) in Names)
        {
            if (name == known)
            {
                return column;
            }
        }
        return null;
    }

    private static Table? Delimited(SourceText text, int headerLine)
    {
        var lines = text.Lines;
        var (kind, header) = Split(text, lines[headerLine]);
        var columns = Columns(text, header);
        if (columns is null)
        {
            return null;
        }
        var rows = new List<object>();
        var last = headerLine;
        for (var i = headerLine + 1; i < lines.Count; i++)
        {
            var (rowKind, cells) = Split(text, lines[i]);
            if (rowKind == kind && cells.Count >= 2)
            {
                last = i;
                if (cells.All(c => IsRule(text, c)))
                {
                    continue;
                }
                var filled = cells.Where(c => c.Length > 0).ToList();
                if (filled.Count == 1 && !char.IsAsciiDigit(text[filled[0].Start]))
                {
                    rows.Add(new TableGroup(i, filled[0]));
                    continue;
                }
                rows.Add(Row(text, i, columns, cells));
            }
            else if (Headings.Read(text, lines[i]) is { } heading && heading.Content.Length is > 0 and <= 24)
            {
                last = i;
                rows.Add(new TableGroup(i, heading.Content));
            }
            else
            {
                break;
            }
        }
        return rows.Count > 0 ? new Table(headerLine, last, rows) : null;
    }

    private static Table? OneCellPerLine(SourceText text, int headerLine)
    {
        var lines = text.Lines;
        var columns = new List<Column>();
        var i = headerLine;
        while (i < lines.Count && lines[i].Length <= 12 && ColumnOf(text.Slice(lines[i])) is { } column)
        {
            columns.Add(column);
            i++;
        }
        if (columns.Count < 3 || !(columns.Contains(Column.Name) || columns.Contains(Column.Target)))
        {
            return null;
        }
        var numbered = columns[0] == Column.Number;
        var dataColumns = numbered ? columns.Skip(1).ToList() : columns;
        var rows = new List<object>();
        var cells = new List<Span>();
        var rowLine = -1;
        var expected = 1;
        var last = i - 1;
        void Flush()
        {
            if (rowLine >= 0 && cells.Count > 0)
            {
                rows.Add(Row(text, rowLine, dataColumns, cells));
            }
            cells = [];
            rowLine = -1;
        }
        for (; i < lines.Count; i++)
        {
            var line = lines[i];
            var content = text.Slice(line);
            if (LayoutReader.IsClosingRemark(content) || LayoutReader.IsBoilerplate(content))
            {
                break;
            }
            var rowComplete = cells.Count >= Math.Max(1, dataColumns.Count / 2);
            if (numbered && content == expected.ToString(System.Globalization.CultureInfo.InvariantCulture) && (rowLine < 0 || rowComplete))
            {
                Flush();
                rowLine = i;
                expected++;
            }
            else if ((rowLine < 0 || rowComplete) && Headings.Read(text, line) is { Style: NumberingStyle.Chinese or NumberingStyle.ParenChinese } group
                     && group.Content.Length is > 0 and <= 24)
            {
                Flush();
                rows.Add(new TableGroup(i, group.Content));
            }
            else if (numbered && rowLine < 0)
            {
                break; // text after the table
            }
            else
            {
                if (rowLine < 0)
                {
                    rowLine = i;
                }
                cells.Add(line);
                if (!numbered && cells.Count == dataColumns.Count)
                {
                    Flush();
                }
                if (cells.Count > dataColumns.Count * 2)
                {
                    break;
                }
            }
            last = i;
        }
        Flush();
        return rows.Count > 0 ? new Table(headerLine, last, rows) : null;
    }

    private static List<Column>? Columns(SourceText text, List<Span> header)
    {
        if (header.Count < 2)
        {
            return null;
        }
        var columns = header.Select(c => ColumnOf(text.Slice(c))).ToList();
        var known = columns.Count(c => c is not null);
        if (known < 2 || known * 5 < header.Count * 3 || !columns.Any(c => c is Column.Name or Column.Target))
        {
            return null;
        }
        return columns.Select(c => c ?? Column.Note).ToList();
    }

    private static TableRow Row(SourceText text, int line, List<Column> columns, List<Span> cells)
    {
        var map = new Dictionary<Column, Span>();
        if (cells.Count == columns.Count)
        {
            for (var k = 0; k < cells.Count; k++)
            {
                Put(map, columns[k], cells[k]);
            }
            return new TableRow(line, map, false);
        }
        // Cells were lost or merged when the table was flattened: place each by what it looks like.
        var open = new List<Column>(columns);
        foreach (var cell in cells.Where(c => c.Length > 0))
        {
            var column = Guess(text.Slice(cell), open) ?? open.FirstOrDefault(c => c is Column.Name or Column.Target or Column.Progress, Column.Note);
            open.Remove(column);
            Put(map, column, cell);
        }
        return new TableRow(line, map, true);
    }

    private static void Put(Dictionary<Column, Span> map, Column column, Span cell)
    {
        if (cell.Length == 0)
        {
            return;
        }
        map[column] = map.TryGetValue(column, out var before) ? before.Union(cell) : cell;
    }

    private static Column? Guess(string cell, List<Column> open)
    {
        Column? Want(Column c) => open.Contains(c) ? c : null;
        if (cell.TrimEnd('%').All(ch => char.IsAsciiDigit(ch) || ch == '.') && cell.EndsWith('%'))
        {
            return Want(Column.Percent);
        }
        if (cell.Length <= 12 && StatusPhrases.OfCell(cell) is not null && !cell.Any(char.IsAsciiDigit))
        {
            return Want(Column.Status);
        }
        if (cell.Length <= 14 && (cell.Contains("月底") || cell.Contains("年底") || cell.EndsWith('月') || cell.Contains("月前")))
        {
            return Want(Column.Deadline);
        }
        if (cell.Length <= 40 && LooksLikeUnits(cell))
        {
            return Want(Column.Lead) ?? Want(Column.Cooperating);
        }
        return null;
    }

    /// <summary>"区教育局", "区住建委、各街镇": names of government units.</summary>
    private static bool LooksLikeUnits(string cell) =>
        cell.Split('、', '，', ',', ' ').All(u => u.Length is > 1 and <= 16
            && (u.EndsWith('局') || u.EndsWith('委') || u.EndsWith('办') || u.EndsWith("中心") || u.EndsWith("政府") || u.EndsWith("街道")
                || u.EndsWith('镇') || u.EndsWith("街镇") || u.EndsWith("公司") || u.EndsWith("集团") || u.EndsWith('会') || u.EndsWith('院')
                || u.EndsWith("供销社") || u.EndsWith('队') || u.EndsWith('所')));

    /// <summary>Cells of a row: split by |, else by tabs, else by runs of two or more spaces (then at least three cells).</summary>
    private static (char Kind, List<Span> Cells) Split(SourceText text, Span line)
    {
        var s = text.Normalized;
        if (s.AsSpan(line.Start, line.Length).Contains('|'))
        {
            var cells = SplitOn(text, line, c => c == '|');
            if (cells.Count > 0 && cells[0].Length == 0 && s[line.Start] == '|')
            {
                cells.RemoveAt(0);
            }
            if (cells.Count > 0 && cells[^1].Length == 0 && s[line.End - 1] == '|')
            {
                cells.RemoveAt(cells.Count - 1);
            }
            return ('|', cells);
        }
        if (s.AsSpan(line.Start, line.Length).Contains('\t'))
        {
            return ('\t', SplitOn(text, line, c => c == '\t'));
        }
        var spaced = new List<Span>();
        var start = line.Start;
        for (var i = line.Start; i < line.End; i++)
        {
            if (s[i] == ' ' && i + 1 < line.End && s[i + 1] == ' ')
            {
                spaced.Add(text.Trim(Span.FromTo(start, i)));
                while (i < line.End && s[i] == ' ')
                {
                    i++;
                }
                start = i;
            }
        }
        spaced.Add(text.Trim(Span.FromTo(start, line.End)));
        return spaced.Count >= 3 ? (' ', spaced) : ('\0', []);
    }

    private static List<Span> SplitOn(SourceText text, Span line, Func<char, bool> separator)
    {
        var cells = new List<Span>();
        var start = line.Start;
        for (var i = line.Start; i <= line.End; i++)
        {
            if (i == line.End || separator(text[i]))
            {
                cells.Add(text.Trim(Span.FromTo(start, i)));
                start = i + 1;
            }
        }
        return cells;
    }

    private static bool IsRule(SourceText text, Span cell) =>
        text.Slice(cell).All(c => c is '-' or ':' or '—' or '=' or ' ');
}
