using Minxin.Importer.Text;

namespace Minxin.Importer.Reading;

/// <summary>
/// Items numbered inside one paragraph: "…具体情况如下：1.新增托位600个。…。 2.新建…", "（1）…；（2）…", "①…。②…",
/// "一是…；二是…". A number after a sentence or clause mark starts a part of its own when the numbers of its style in the
/// part form one unbroken run: on from the number before it (the line's own, or the last one of that style, which a
/// higher heading such as "二、" resets), or from 1 where that style has not begun. Numbers that are no items stay text:
/// 1.5万人次 and 3、4号楼 are no numbering, a list that restarts under "实际完成情况：" or follows an item's own wording or
/// progress ("新建社区医院2家，目前：一是…；二是…") holds points of one item, and a run with gaps is left for the reviewer.
/// </summary>
internal sealed class InlineNumbering(SourceText text)
{
    /// <summary>The widest number a part can open with ("（十二）", "12、"), so that a number is looked for only this far.</summary>
    private const int MarkerWidth = 12;

    // The styles a paragraph numbers within itself, outermost first; "01  " and "第一项" only open lines.
    private static readonly NumberingStyle[] Styles =
        [NumberingStyle.Chinese, NumberingStyle.ParenChinese, NumberingStyle.Arabic, NumberingStyle.ParenArabic, NumberingStyle.Circled, NumberingStyle.Enumerated];

    /// <summary>Words a line of progress or a field opens with: numbers after them are points, not items.</summary>
    private static readonly string[] PointsFollow = ["目前", "进展", "完成情况", "工作进展", "推进情况", "该项目", "该项", "本项目", "已完成", "正在", "其中"];

    /// <summary>The last number seen of each style, since the last heading of a style above it.</summary>
    private readonly Dictionary<NumberingStyle, int> _last = [];

    /// <summary>Lines whose numbers inside did not run on ("1.…。3.…。2.…"): left whole.</summary>
    public List<Span> Broken { get; } = [];

    /// <summary>The line's parts, each opening with its number (the first with whatever the line opens with).</summary>
    public List<Span> Split(Span line)
    {
        var parts = new List<Span> { line };
        var candidates = Candidates(line);
        var opening = Headings.Read(text, line);
        if (candidates.Count == 0)
        {
            Note(opening);
            return parts;
        }
        var before = new Dictionary<NumberingStyle, int>(_last);
        Note(opening);
        foreach (var style in Styles)
        {
            var ofStyle = candidates.Where(c => c.Heading.Style == style).ToList();
            var split = new List<Span>();
            var next = 0; // parts and numbers are both in text order
            foreach (var part in parts)
            {
                var own = Headings.Read(text, part);
                while (next < ofStyle.Count && ofStyle[next].At <= part.Start)
                {
                    next++;
                }
                var inside = new List<(int At, Heading Heading)>();
                for (; next < ofStyle.Count && ofStyle[next].At < part.End; next++)
                {
                    inside.Add(ofStyle[next]);
                }
                if (inside.Count == 0 || !Opens(line, part, own, inside, before))
                {
                    split.Add(part);
                    continue;
                }
                var start = part.Start;
                foreach (var (at, heading) in inside)
                {
                    split.Add(text.Trim(Span.FromTo(start, at)));
                    start = at;
                    Note(heading);
                }
                split.Add(Span.FromTo(start, part.End));
            }
            parts = split;
        }
        return parts;
    }

    /// <summary>A heading seen: the last of its style, and the styles below it start again.</summary>
    private void Note(Heading? heading)
    {
        if (heading is null)
        {
            return;
        }
        foreach (var style in _last.Keys.Where(s => s > heading.Style).ToList())
        {
            _last.Remove(style);
        }
        _last[heading.Style] = heading.Number;
    }

    /// <summary>Numbers after a sentence or clause mark (。；！？：, then perhaps spaces), with what they open.</summary>
    private List<(int At, Heading Heading)> Candidates(Span line)
    {
        var found = new List<(int, Heading)>();
        var s = text.Normalized;
        for (var i = line.Start + 1; i < line.End; i++)
        {
            if (!(char.IsAsciiDigit(s[i]) || s[i] is '（' or '(' || s[i] is >= '①' and <= '⑳' || Numerals.IsChineseNumeralChar(s[i])) || !AfterStop(s, i, line.Start))
            {
                continue;
            }
            var heading = Headings.Read(text, Span.FromTo(i, Math.Min(line.End, i + MarkerWidth)));
            if (heading is not null && Styles.Contains(heading.Style) && heading.Content.Length > 0)
            {
                found.Add((i, heading));
            }
        }
        return found;
    }

    private static bool AfterStop(string s, int at, int start)
    {
        var j = at - 1;
        while (j > start && s[j] == ' ')
        {
            j--;
        }
        return s[j] is '。' or '；' or '！' or '？' or '：';
    }

    /// <summary>
    /// Whether the numbers inside the part open items: they run on unbroken from the number before them (siblings: "1.…。
    /// 2.…", a paragraph wrapped after "…。" whose "3." continues the last line's "2.", a group's "4." after the last
    /// group's "3."), or from 1 where the style has not begun (or under the part's own higher heading); after a heading,
    /// only when what comes before them is a lead, a name or nothing — not an item's wording.
    /// </summary>
    /// <param name="last">The last numbers as they were before this line.</param>
    private bool Opens(Span line, Span part, Heading? own, List<(int At, Heading Heading)> inside, Dictionary<NumberingStyle, int> last)
    {
        var style = inside[0].Heading.Style;
        var first = inside[0].Heading.Number;
        for (var k = 1; k < inside.Count; k++)
        {
            if (inside[k].Heading.Number != first + k)
            {
                Broken.Add(line);
                return false;
            }
        }
        if (own?.Style == style)
        {
            return first == own.Number + 1;
        }
        var lead = text.Slice(text.Trim(Span.FromTo(own?.Content.Start ?? part.Start, inside[0].At)));
        if (last.TryGetValue(style, out var previous) && first == previous + 1)
        {
            return own is null || OpensList(lead); // "二、城市环境改善工程。4.…5.…": numbered on through the groups
        }
        var fresh = !last.ContainsKey(style) || own is not null && own.Style < style;
        return first == 1 && inside.Count >= 2 && fresh && OpensList(lead);
    }

    private static bool OpensList(string before)
    {
        if (before.Length == 0)
        {
            return true;
        }
        if (PointsFollow.Any(w => before.StartsWith(w, StringComparison.Ordinal)) || ItemFields.StartsWithLabel(before))
        {
            return false;
        }
        if (ProgramReader.Kinds.Any(k => before.Contains(k, StringComparison.Ordinal)) || before.Contains("如下", StringComparison.Ordinal) || before.EndsWith('：'))
        {
            return true; // "…民生实事项目中，已完成2项…，具体情况如下：", "养老托育类实事进展顺利："
        }
        return FigureScanner.Scan(before, new Span(0, before.Length)).Count == 0; // "教育。": a name; "新建社区医院2家，目前，": an item
    }
}
