using Minxin.Domain.Progress;
using Minxin.Importer.Text;

namespace Minxin.Importer.Reading;

/// <summary>An item as the layout found it: its lines (numbering removed), or its table cells, and the group it was under.</summary>
internal sealed class RawItem
{
    public List<Span> Lines { get; } = [];

    public IReadOnlyDictionary<Column, Span>? Cells { get; init; }

    public bool Misaligned { get; init; }

    public ItemStatus? GroupStatus { get; init; }

    public Span GroupHeading { get; init; }

    public bool GroupSuspended { get; init; }
}

internal sealed class RawCategory
{
    public int? Number { get; init; }

    /// <summary>Null for the group the reader made up because the text had none.</summary>
    public Span? Name { get; init; }

    public List<RawItem> Items { get; } = [];
}

/// <summary>The parts of a text: what comes before the program (title, source line, lead), and the categories with their items.</summary>
internal sealed class Layout
{
    public List<Span> Preamble { get; } = [];

    public List<RawCategory> Categories { get; } = [];

    /// <summary>The text stops in the middle of a sentence: its last item may be incomplete.</summary>
    public Span? CutOff { get; set; }

    /// <summary>Lines too long to read whole; only their beginning was read.</summary>
    public List<Span> Shortened { get; } = [];
}

/// <summary>
/// Reads the shape of a text: which numbered lines are categories (工程) and which are items (子项), which lines are
/// status groups ("2项提前超额完成全年任务"), tables, the title and lead, and what is page furniture to skip.
/// Numbering styles are ranked as official documents nest them (一、 above （一） above 1.); a style whose lines are
/// short names is a category level, a style whose lines carry targets and figures is the item level.
/// </summary>
internal static class LayoutReader
{
    /// <summary>Longer lines are read only this far, so that one enormous line cannot hold the reader up.</summary>
    public const int MaxLineLength = 20_000;

    private static readonly string[] Furniture =
    [
        "适老版", "关爱版", "分享到", "新媒体矩阵", "政务邮箱", "帮办平台", "返回顶部", "打印本页", "关闭窗口", "【打印】", "字体：", "字号：",
        "扫一扫", "责任编辑", "编辑：", "审核：", "上一篇", "下一篇", "相关链接", "浏览次数", "阅读次数", "视力保护色", "当前位置", "无障碍",
        "【大】", "【中】", "【小】", "收藏本页", "分享：",
    ];

    private static readonly string[] RemarkWords = ["下一步", "接下来", "将继续", "始终以", "今后", "下阶段", "持续为", "让民生", "获得感", "幸福感"];

    private static readonly string[] ContinuationStarts =
        ["目前", "截至", "截止", "进展情况", "完成情况", "工作进展", "推进情况", "进展：", "该项目", "该项", "本项目", "已完成", "正在"];

    public static Layout Read(SourceText text)
    {
        var layout = new Layout();
        var lines = text.Lines.Select(l => Shorten(layout, l)).ToList();
        var tables = TableReader.Find(text).ToDictionary(t => t.FirstLine);
        var kinds = Classify(text, lines, tables);
        var roles = Roles(text, kinds);

        RawCategory? category = null;
        RawItem? item = null;
        (ItemStatus Status, Span Heading, bool Suspended)? group = null;
        var started = false;

        RawCategory Current()
        {
            if (category is null)
            {
                category = new RawCategory();
                layout.Categories.Add(category);
            }
            return category;
        }

        void Add(RawItem raw)
        {
            Current().Items.Add(raw);
            item = raw;
            started = true;
        }

        RawItem NewItem() => new()
        {
            GroupStatus = group?.Status,
            GroupHeading = group?.Heading ?? default,
            GroupSuspended = group?.Suspended ?? false,
        };

        Span last = default;
        for (var i = 0; i < lines.Count; i++)
        {
            var kind = kinds[i];
            var line = kind.Line;
            if (kind.Role != LineRole.Skip)
            {
                last = kind.Table is null ? line : lines[kind.Table.LastLine];
            }
            if (kind.Table is { } table)
            {
                foreach (var row in table.Rows)
                {
                    if (row is TableGroup tableGroup)
                    {
                        category = new RawCategory { Name = StripNumber(text, tableGroup.Name), Number = Headings.Read(text, tableGroup.Name)?.Number };
                        layout.Categories.Add(category);
                        item = null;
                    }
                    else if (row is TableRow tableRow)
                    {
                        if (tableRow.Cells.TryGetValue(Column.Category, out var name) && (category?.Name is not { } current || text.Slice(current) != text.Slice(name)))
                        {
                            category = new RawCategory { Name = StripNumber(text, name), Number = Headings.Read(text, name)?.Number };
                            layout.Categories.Add(category);
                        }
                        var raw = new RawItem { Cells = tableRow.Cells, Misaligned = tableRow.Misaligned, GroupStatus = group?.Status, GroupHeading = group?.Heading ?? default };
                        raw.Lines.Add(lines[tableRow.Line]);
                        Add(raw);
                    }
                }
                i = table.LastLine;
                item = null;
                continue;
            }
            switch (kind.Role)
            {
                case LineRole.Skip:
                    continue;
                case LineRole.Preamble when !started:
                    layout.Preamble.Add(line);
                    continue;
                case LineRole.Status:
                    group = (kind.Status!.Value, line, kind.Suspended);
                    item = null;
                    started = true;
                    continue;
            }
            var heading = kind.Heading;
            var role = heading is null ? HeadingRole.None : roles.GetValueOrDefault(heading.Style, HeadingRole.Below);
            switch (role)
            {
                case HeadingRole.Category:
                    category = new RawCategory { Number = heading!.Number, Name = heading.Content };
                    layout.Categories.Add(category);
                    item = null;
                    group = null;
                    started = true;
                    break;
                case HeadingRole.Above:
                    item = null;
                    break;
                case HeadingRole.Item:
                    var numbered = NewItem();
                    if (heading!.Content.Length > 0)
                    {
                        numbered.Lines.Add(heading.Content);
                    }
                    Add(numbered);
                    break;
                case HeadingRole.Below:
                    if (item is not null)
                    {
                        item.Lines.Add(line);
                    }
                    break;
                default:
                    Paragraph(text, line, roles, ref item, started || category is not null || group is not null, NewItem, Add, layout);
                    break;
            }
        }
        if (item is not null && last.Length > 0 && !EndsSentence(text, last))
        {
            layout.CutOff = last;
        }
        foreach (var found in layout.Categories)
        {
            found.Items.RemoveAll(i => i.Lines.Count == 0 && i.Cells is null); // a number with nothing after it
        }
        layout.Categories.RemoveAll(c => c.Items.Count == 0);
        return layout;
    }

    private static void Paragraph(SourceText text, Span line, Dictionary<NumberingStyle, HeadingRole> roles, ref RawItem? item,
        bool inProgram, Func<RawItem> newItem, Action<RawItem> add, Layout layout)
    {
        var content = text.Slice(line);
        var itemsAreNumbered = roles.ContainsValue(HeadingRole.Item);
        if (item is not null && (itemsAreNumbered || StartsProgress(content)) && !IsClosingRemark(content))
        {
            item.Lines.Add(line);
            return;
        }
        if (itemsAreNumbered || IsClosingRemark(content))
        {
            return;
        }
        if (!inProgram && !LooksLikeItem(content))
        {
            layout.Preamble.Add(line);
            return;
        }
        var raw = newItem();
        raw.Lines.Add(line);
        add(raw);
    }

    private enum LineRole
    {
        Text,
        Skip,
        Preamble,
        Status,
    }

    private enum HeadingRole
    {
        None,
        Above,
        Category,
        Item,
        Below,
    }

    private sealed record LineKind(LineRole Role, Span Line = default, Heading? Heading = null, ItemStatus? Status = null, bool Suspended = false, Table? Table = null);

    private static List<LineKind> Classify(SourceText text, List<Span> lines, Dictionary<int, Table> tables)
    {
        var kinds = new List<LineKind>(lines.Count);
        var seenProgram = false;
        for (var i = 0; i < lines.Count; i++)
        {
            if (tables.TryGetValue(i, out var table))
            {
                kinds.Add(new LineKind(LineRole.Text, Table: table));
                for (var j = i + 1; j <= table.LastLine; j++)
                {
                    kinds.Add(new LineKind(LineRole.Skip));
                }
                i = table.LastLine;
                seenProgram = true;
                continue;
            }
            var line = WithoutMarkup(text, lines[i]);
            var content = text.Slice(line);
            if (line.Length == 0 || IsBoilerplate(content))
            {
                kinds.Add(new LineKind(LineRole.Skip));
                continue;
            }
            var heading = Headings.Read(text, line);
            var groupText = heading is null ? content : text.Slice(heading.Content);
            if (StatusPhrases.OfGroupHeading(groupText, out var suspended) is { } status)
            {
                kinds.Add(new LineKind(LineRole.Status, line, Status: status, Suspended: suspended));
                seenProgram = true;
                continue;
            }
            if (heading is null && !seenProgram && IsPreamble(content))
            {
                kinds.Add(new LineKind(LineRole.Preamble, line));
                continue;
            }
            if (heading is not null)
            {
                seenProgram = true;
            }
            kinds.Add(new LineKind(LineRole.Text, line, heading));
        }
        return kinds;
    }

    /// <summary>
    /// Decides, for each numbering style present, whether it numbers categories, items, levels above categories, or points
    /// inside an item. Styles are taken in document nesting order; short name-like lines make a category level.
    /// </summary>
    private static Dictionary<NumberingStyle, HeadingRole> Roles(SourceText text, List<LineKind> kinds)
    {
        var byStyle = kinds.Where(k => k.Role == LineRole.Text && k.Heading is { Content.Length: > 0 })
            .GroupBy(k => k.Heading!.Style)
            .ToDictionary(g => g.Key, g => g.Select(k => k.Heading!).ToList());
        var styles = byStyle.Keys.Order().ToList();
        bool IsNames(NumberingStyle s) => byStyle[s].Count(h => IsName(text, h.Content)) * 5 >= byStyle[s].Count * 3;
        NumberingStyle? itemStyle = styles.Where(s => !IsNames(s)).Select(s => (NumberingStyle?)s).FirstOrDefault();
        var above = itemStyle is null ? styles : styles.Where(s => s < itemStyle).ToList();
        NumberingStyle? categoryStyle = above.Where(IsNames).Select(s => (NumberingStyle?)s).LastOrDefault();
        var roles = new Dictionary<NumberingStyle, HeadingRole>();
        foreach (var style in styles)
        {
            roles[style] = style == itemStyle ? HeadingRole.Item
                : style == categoryStyle ? HeadingRole.Category
                : (categoryStyle is { } c && style < c) || (itemStyle is { } it && style < it) ? HeadingRole.Above
                : HeadingRole.Below;
        }
        return roles;
    }

    /// <summary>A category's name: short, no sentence punctuation, no figures ("护苗助老贴心工程", "教育提质工程").</summary>
    private static bool IsName(SourceText text, Span content)
    {
        if (content.Length is 0 or > 24)
        {
            return false;
        }
        var s = text.Slice(content).TrimEnd('。', '：', ':');
        return !s.Contains('。') && !s.Contains('，') && !s.Contains('；') && FigureScanner.Scan(s, new Span(0, s.Length)).Count == 0;
    }

    private static Span Shorten(Layout layout, Span line)
    {
        if (line.Length <= MaxLineLength)
        {
            return line;
        }
        layout.Shortened.Add(line);
        return new Span(line.Start, MaxLineLength);
    }

    /// <summary>Markdown headings (##), block quotes and list bullets around a line's text.</summary>
    private static Span WithoutMarkup(SourceText text, Span line)
    {
        var start = line.Start;
        while (start < line.End && text[start] is '#' or '>' or '*' or '•' or '●' or '■' or '◆' or '▪' or '·')
        {
            start++;
        }
        if (start > line.Start && start < line.End && text[start] == ' ' || start == line.Start && line.Length > 1 && text[start] == '-' && text[start + 1] == ' ')
        {
            start++;
        }
        return text.Trim(Span.FromTo(start, line.End));
    }

    private static Span StripNumber(SourceText text, Span cell) =>
        Headings.Read(text, cell) is { Content.Length: > 0 } heading ? heading.Content : cell;

    public static bool IsBoilerplate(string line) => line.Length <= 40 && Furniture.Any(f => line.Contains(f, StringComparison.Ordinal));

    /// <summary>"津南区始终以人民群众满意度为标准…": the closing words of an article, not an item.</summary>
    public static bool IsClosingRemark(string line) =>
        !line.Any(char.IsAsciiDigit) && RemarkWords.Any(w => line.Contains(w, StringComparison.Ordinal)) && !StartsProgress(line);

    private static bool StartsProgress(string line) =>
        ContinuationStarts.Any(w => line.StartsWith(w, StringComparison.Ordinal)) || DateReader.LeadingPeriod(line, new Span(0, line.Length), 2000) is not null;

    /// <summary>Before the first heading: the title, the source line, the lead ("截至…，4个子项已完成…").</summary>
    private static bool IsPreamble(string line) =>
        line.Contains("来源") || line.Contains("发布时间") || line.Contains("发布日期") || line.Contains("截至") || line.Contains("截止")
        || line.Contains("成绩单") || line.Length <= 40 && !line.Contains('。') && !line.Contains('，');

    private static bool LooksLikeItem(string line) =>
        FigureScanner.Scan(line, new Span(0, Math.Min(line.Length, 400))).Count > 0 && (line.Contains('。') || line.Contains('，'));

    private static bool EndsSentence(SourceText text, Span line) =>
        text[line.End - 1] is '。' or '！' or '？' or '!' or '?' or '”' or '）' or ')' or '；' or '…' or '|' || text.Slice(line).Length <= 24;
}
