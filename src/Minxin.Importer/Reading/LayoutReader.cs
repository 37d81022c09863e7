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

    /// <summary>Tables of the item's figures per town that follow its text.</summary>
    public List<Breakdown> Breakdowns { get; } = [];
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

    /// <summary>What follows the program: signatures, the page's source line, links to other articles.</summary>
    public List<Span> Postscript { get; } = [];

    /// <summary>Lines with numbers inside that do not run on ("1.…。3.…。2.…"): not split into items.</summary>
    public List<Span> BrokenNumbering { get; } = [];

    /// <summary>Per-town tables outside any item: not read.</summary>
    public List<Span> Unattached { get; } = [];

    /// <summary>Lines whose "一是、二是" were read as items (they may be points of one item); one per run.</summary>
    public List<Span> Enumerated { get; } = [];
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
        "【大】", "【中】", "【小】", "收藏本页", "分享：", "点击蓝字", "关注我们", "长按识别", "长按二维码", "扫码关注", "微信扫一扫",
        "预览时标签不可点", "轻点两下取消", "喜欢此内容的人还喜欢",
    ];

    /// <summary>Buttons of a pasted WeChat or news page, each a line of its own; as words inside a line they mean something.</summary>
    private static readonly string[] FurnitureLines = ["分享", "收藏", "点赞", "在看", "赞", "留言", "写留言", "转发", "推荐", "打印", "关闭", "返回"];

    /// <summary>Where an article ends and its page's links begin: nothing after these lines belongs to the program.</summary>
    private static readonly string[] ArticleEnds = ["往期推荐", "往期回顾", "推荐阅读", "相关阅读", "延伸阅读", "相关新闻", "相关文章", "阅读原文", "END", "-END-", "—END—"];

    /// <summary>How a signature line ends: the unit that signs ("区人民政府办公室", "县民生实事办").</summary>
    private static readonly string[] SignerEnds = ["办公室", "人民政府", "委员会", "领导小组", "指挥部", "融媒体中心", "民心办", "实事办", "督查室", "局", "委"];

    private static readonly string[] RemarkWords = ["下一步", "接下来", "将继续", "始终以", "今后", "下阶段", "持续为", "让民生", "获得感", "幸福感"];

    private static readonly string[] ContinuationStarts =
        ["目前", "截至", "截止", "进展情况", "完成情况", "工作进展", "推进情况", "进展：", "该项目", "该项", "本项目", "已完成", "正在"];

    public static Layout Read(SourceText text)
    {
        var layout = new Layout();
        var lines = text.Lines.Select(l => Shorten(layout, l)).ToList();
        var tables = TableReader.Find(text).ToDictionary(t => t.FirstLine);
        var kinds = Classify(text, layout, lines, tables, BreakdownReader.Find(text, lines, tables));
        var builder = new Builder(text, layout, Roles(text, kinds));
        Span last = default;
        foreach (var kind in kinds)
        {
            if (kind.Table is { } table)
            {
                builder.Table(table, lines);
                last = lines[table.LastLine];
                continue;
            }
            if (kind.Breakdown is { } breakdown)
            {
                builder.Breakdown(breakdown);
                last = default; // a table ends what it is in
                continue;
            }
            if (kind.Role is LineRole.Text or LineRole.Preamble or LineRole.Status)
            {
                last = kind.Line;
            }
            builder.Line(kind);
        }
        if (builder.HasOpenItem && last.Length > 0 && !EndsSentence(text, last))
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

    /// <summary>Puts the classified lines together: the category and item being filled, and the status group they are under.</summary>
    private sealed class Builder(SourceText text, Layout layout, Dictionary<NumberingStyle, HeadingRole> roles)
    {
        private readonly bool _itemsAreNumbered = roles.ContainsValue(HeadingRole.Item);
        private RawCategory? _category;
        private RawItem? _item;
        private (ItemStatus Status, Span Heading, bool Suspended)? _group;

        /// <summary>Whether the last item was one of a run numbered 一是、二是.</summary>
        private bool _enumerating;

        /// <summary>A style below the items' that numbers the items of the current category all the same.</summary>
        private NumberingStyle? _promoted;

        /// <summary>Whether the program has begun: a heading, a status group or an item has been seen.</summary>
        private bool _started;

        public bool HasOpenItem => _item is not null;

        public void Table(Table table, List<Span> lines)
        {
            foreach (var row in table.Rows)
            {
                if (row is TableGroup group)
                {
                    NewCategory(StripNumber(text, group.Name), Headings.Read(text, group.Name)?.Number);
                }
                else if (row is TableRow tableRow)
                {
                    if (tableRow.Cells.TryGetValue(Column.Category, out var name) && (_category?.Name is not { } current || text.Slice(current) != text.Slice(name)))
                    {
                        NewCategory(StripNumber(text, name), Headings.Read(text, name)?.Number);
                    }
                    var raw = NewItem(tableRow.Cells, tableRow.Misaligned);
                    raw.Lines.Add(lines[tableRow.Line]);
                    Add(raw);
                }
            }
            _item = null;
        }

        public void Breakdown(Breakdown breakdown)
        {
            if (_item is null)
            {
                layout.Unattached.Add(breakdown.Whole);
                return;
            }
            _item.Breakdowns.Add(breakdown);
        }

        public void Line(LineKind kind)
        {
            var line = kind.Line;
            switch (kind.Role)
            {
                case LineRole.Postscript:
                    layout.Postscript.Add(line);
                    return;
                case LineRole.Signature:
                    (_started ? layout.Postscript : layout.Preamble).Add(line);
                    return;
                case LineRole.Preamble when !_started:
                    layout.Preamble.Add(line);
                    return;
                case LineRole.Status:
                    _group = (kind.Status!.Value, line, kind.Suspended);
                    _item = null;
                    _started = true;
                    return;
            }
            if (kind.Heading is not { } heading)
            {
                Paragraph(line);
                return;
            }
            var role = roles.GetValueOrDefault(heading.Style, HeadingRole.Below);
            if (role == HeadingRole.Below && _category is not null && (_item is null || heading.Style == _promoted))
            {
                // "三、城市更新" then "①…②…" where the other groups number items （1）: no item is open, so these are items.
                _promoted = heading.Style;
                role = HeadingRole.Item;
            }
            switch (role)
            {
                case HeadingRole.Category:
                    NewCategory(heading.Content, heading.Number);
                    _group = null;
                    _started = true;
                    break;
                case HeadingRole.Above:
                    _item = null;
                    break;
                case HeadingRole.Item:
                    var numbered = NewItem();
                    if (heading.Content.Length > 0)
                    {
                        numbered.Lines.Add(heading.Content);
                    }
                    var enumerated = heading.Style == NumberingStyle.Enumerated;
                    if (enumerated && !_enumerating)
                    {
                        layout.Enumerated.Add(kind.Whole);
                    }
                    Add(numbered);
                    _enumerating = enumerated;
                    break;
                default:
                    Point(kind);
                    break;
            }
        }

        /// <summary>A point inside the item (1. under （一）); a point of the same line stays one piece of text with it.</summary>
        private void Point(LineKind kind)
        {
            if (_item is not { Lines: var lines })
            {
                return;
            }
            if (kind.Continues && lines.Count > 0 && lines[^1].End <= kind.Line.Start && text.Trim(Span.FromTo(lines[^1].End, kind.Line.Start)).Length == 0)
            {
                lines[^1] = lines[^1].Union(kind.Line);
                return;
            }
            lines.Add(kind.Line);
        }

        /// <summary>
        /// An unnumbered line: more of the item it follows (when items are numbered, or it reads as progress), an item
        /// of its own (when items are paragraphs), or, before the program, part of the lead.
        /// </summary>
        private void Paragraph(Span line)
        {
            var content = text.Slice(line);
            if (_item is not null && (_itemsAreNumbered || StartsProgress(content)) && !IsClosingRemark(content))
            {
                _item.Lines.Add(line);
                return;
            }
            if (_itemsAreNumbered || IsClosingRemark(content))
            {
                return;
            }
            var inProgram = _started || _category is not null || _group is not null;
            if (!inProgram && !LooksLikeItem(content))
            {
                layout.Preamble.Add(line);
                return;
            }
            var raw = NewItem();
            raw.Lines.Add(line);
            Add(raw);
        }

        private void NewCategory(Span? name, int? number)
        {
            _promoted = null;
            _category = new RawCategory { Name = name, Number = number };
            layout.Categories.Add(_category);
            _item = null;
            _started = true;
        }

        private RawItem NewItem(IReadOnlyDictionary<Column, Span>? cells = null, bool misaligned = false) => new()
        {
            Cells = cells,
            Misaligned = misaligned,
            GroupStatus = _group?.Status,
            GroupHeading = _group?.Heading ?? default,
            GroupSuspended = _group?.Suspended ?? false,
        };

        private void Add(RawItem raw)
        {
            if (_category is null)
            {
                _category = new RawCategory();
                layout.Categories.Add(_category);
            }
            _category.Items.Add(raw);
            _item = raw;
            _enumerating = false;
            _started = true;
        }
    }

    private enum LineRole
    {
        Text,
        Preamble,
        Status,

        /// <summary>A by-line or signature ("区人民政府办公室", "2025年1月10日"): before the program, lead; after it, postscript.</summary>
        Signature,

        /// <summary>After the article's end ("往期推荐", "阅读原文"): nothing there belongs to the program.</summary>
        Postscript,
    }

    private enum HeadingRole
    {
        Above,
        Category,
        Item,
        Below,
    }

    /// <param name="Continues">A part of a line after the first, opened by a number inside the line.</param>
    /// <param name="Whole">The line the part is of.</param>
    private sealed record LineKind(
        LineRole Role, Span Line = default, Heading? Heading = null, ItemStatus? Status = null, bool Suspended = false, Table? Table = null,
        bool Continues = false, Span Whole = default, Breakdown? Breakdown = null);

    private static List<LineKind> Classify(SourceText text, Layout layout, List<Span> lines, Dictionary<int, Table> tables, Dictionary<int, Breakdown> breakdowns)
    {
        var kinds = new List<LineKind>(lines.Count);
        var numbering = new InlineNumbering(text);
        var seenProgram = false;
        var ended = false;
        for (var i = 0; i < lines.Count; i++)
        {
            if (!ended && tables.TryGetValue(i, out var table))
            {
                kinds.Add(new LineKind(LineRole.Text, Table: table));
                i = table.LastLine;
                seenProgram = true;
                continue;
            }
            if (!ended && breakdowns.TryGetValue(i, out var breakdown))
            {
                kinds.Add(new LineKind(LineRole.Text, Breakdown: breakdown));
                i = breakdown.LastLine;
                continue;
            }
            var whole = WithoutMarkup(text, lines[i]);
            var content = text.Slice(whole);
            ended = ended || seenProgram && IsArticleEnd(content);
            if (ended)
            {
                kinds.Add(new LineKind(LineRole.Postscript, whole));
                continue;
            }
            if (whole.Length == 0 || IsBoilerplate(content) || IsRule(content))
            {
                continue;
            }
            var parts = numbering.Split(whole);
            for (var k = 0; k < parts.Count; k++)
            {
                kinds.Add(Kind(text, parts[k], ref seenProgram) with { Continues = k > 0, Whole = whole });
            }
        }
        layout.BrokenNumbering.AddRange(numbering.Broken.Distinct());
        return kinds;
    }

    private static LineKind Kind(SourceText text, Span line, ref bool seenProgram)
    {
        var content = text.Slice(line);
        var heading = Headings.Read(text, line);
        var groupText = heading is null ? content : text.Slice(heading.Content);
        // "实际完成情况：已建成2个。" is an item's field, however much it reads like "2项已完成".
        if (!ItemFields.StartsWithLabel(groupText) && StatusPhrases.OfGroupHeading(groupText, out var suspended) is { } status)
        {
            seenProgram = true;
            return new LineKind(LineRole.Status, line, Status: status, Suspended: suspended);
        }
        if (heading is null && IsSignature(text, line))
        {
            return new LineKind(LineRole.Signature, line);
        }
        if (heading is null && !seenProgram && IsPreamble(content))
        {
            return new LineKind(LineRole.Preamble, line);
        }
        seenProgram |= heading is not null;
        return new LineKind(LineRole.Text, line, heading);
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

    /// <summary>A category's name: short, no sentence punctuation, no figures, no field ("护苗助老贴心工程"; not "项目名称：老年助餐").</summary>
    private static bool IsName(SourceText text, Span content)
    {
        if (content.Length is 0 or > 24)
        {
            return false;
        }
        var s = text.Slice(content).TrimEnd('。', '：', ':');
        return !ItemFields.StartsWithLabel(s) && !s.Contains('。') && !s.Contains('，') && !s.Contains('；') && FigureScanner.Scan(s, new Span(0, s.Length)).Count == 0;
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

    public static bool IsBoilerplate(string line) =>
        line.Length <= 40 && (Furniture.Any(f => line.Contains(f, StringComparison.Ordinal)) || FurnitureLines.Contains(line.Trim(' ', '|')));

    /// <summary>"---", "———", "====": a drawn line between parts of a page.</summary>
    private static bool IsRule(string line) => line.Length >= 3 && line.All(c => c is '-' or '—' or '=' or '_' or '*' or '·' or ' ');

    private static bool IsArticleEnd(string line)
    {
        var bare = line.Trim(' ', '-', '—', '▼', '▶', '●', '|', '：', ':');
        return bare.Length <= 8 && ArticleEnds.Any(e => bare.Equals(e, StringComparison.OrdinalIgnoreCase) || e.Trim('-', '—') == bare);
    }

    /// <summary>
    /// A line that only names who published or signed and when: "成都发布　2025-10-16", "2025年1月10日",
    /// "南山区人民政府办公室". Such lines say nothing of the program's items.
    /// </summary>
    private static bool IsSignature(SourceText text, Span line)
    {
        var content = text.Slice(line);
        if (content.Length > 40 || content.IndexOfAny(['。', '，', '；', '：', '、', '！', '？', '（', '(']) >= 0)
        {
            return false;
        }
        return DateReader.Byline(text.Normalized, line) is not null || IsSigner(content);
    }

    /// <summary>A line that names only the unit that signs: "区人民政府办公室", "区发展改革委".</summary>
    public static bool IsSigner(string line) =>
        line.Length <= 20 && line.IndexOfAny(['。', '，', '；', '：', '、']) < 0 && SignerEnds.Any(e => line.EndsWith(e, StringComparison.Ordinal))
        && FigureScanner.Scan(line, new Span(0, line.Length)).Count == 0;

    /// <summary>"津南区始终以人民群众满意度为标准…": the closing words of an article, not an item.</summary>
    public static bool IsClosingRemark(string line) =>
        !line.Any(char.IsAsciiDigit) && RemarkWords.Any(w => line.Contains(w, StringComparison.Ordinal)) && !StartsProgress(line);

    private static bool StartsProgress(string line) =>
        ContinuationStarts.Any(w => line.StartsWith(w, StringComparison.Ordinal)) || ItemFields.StartsWithLabel(line)
        || DateReader.LeadingPeriod(line, new Span(0, line.Length), 2000) is not null;

    /// <summary>Before the first heading: the title, the source line, the lead ("截至…，4个子项已完成…", anything about the program as a whole).</summary>
    private static bool IsPreamble(string line) =>
        line.Contains("来源") || line.Contains("发布时间") || line.Contains("发布日期") || line.Contains("截至") || line.Contains("截止")
        || line.Contains("成绩单") || line.Length <= 40 && !line.Contains('。') && !line.Contains('，')
        || ProgramReader.Kinds.Any(k => line.Contains(k, StringComparison.Ordinal)); // "…票决产生民生实事项目10项，现予公布。"

    private static bool LooksLikeItem(string line) =>
        FigureScanner.Scan(line, new Span(0, Math.Min(line.Length, 400))).Count > 0 && (line.Contains('。') || line.Contains('，'));

    private static bool EndsSentence(SourceText text, Span line) =>
        text[line.End - 1] is '。' or '！' or '？' or '!' or '?' or '”' or '）' or ')' or '；' or '…' or '|' || text.Slice(line).Length <= 24;
}
