using System.Text.RegularExpressions;
using Minxin.Domain.ProgramFiles;
using Minxin.Importer.Drafts;
using Minxin.Importer.Text;

namespace Minxin.Importer.Reading;

/// <summary>
/// Splits an item into its official wording (the first sentence), its progress text (the rest), and the unit fields
/// written into it ("（牵头单位：区教育局；配合单位：各区（市）县政府）") or given as table cells, which go straight onto the item.
/// </summary>
internal sealed class WordingReader(SourceText text, Evidence evidence, int year)
{
    private const RegexOptions Linear = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    private static readonly Regex UnitFieldPattern = new(
        @"[（(]?\s*(牵头单位|责任单位|牵头部门|责任部门|主责单位|配合单位|配合部门|协办单位|完成时限|完成时间|时间节点|完成期限)\s*[:：]\s*((?:[^；;。（(）)\n|，]|[（(][^（(）)\n]{1,10}[）)]){1,80})[）)]?",
        Linear);

    private static readonly Regex ProgressLabel = new(@"^(?:进展情况|完成情况|工作进展|推进情况|目前进展|进展)\s*[:：]\s*", Linear);

    /// <summary>Where progress starts in a line without 。: "新增托位460个，目前已新增300个".</summary>
    private static readonly string[] ProgressOpenings = ["，目前", "，截至", "，截止", "，进展情况"];

    private static readonly System.Buffers.SearchValues<char> Punctuation = System.Buffers.SearchValues.Create("（）()；;，,。：: 、");

    private readonly string _normalized = text.Normalized;

    public (Span Wording, List<Span> Progress) FromLines(RawItem raw, DraftItem item)
    {
        var fields = new List<Span>();
        foreach (var line in raw.Lines)
        {
            for (var m = UnitFieldPattern.Match(_normalized, line.Start, line.Length); m.Success; m = m.NextMatch())
            {
                fields.Add(new Span(m.Index, m.Length));
                UnitField(item, m.Groups[1].Value, new Span(m.Groups[2].Index, m.Groups[2].Length));
            }
        }
        // What is left around the fields may be only their punctuation: "（牵头单位：…；配合单位：…）" leaves "；".
        var pieces = raw.Lines.SelectMany(l => Without(l, fields)).Select(text.Trim)
            .Where(p => _normalized.AsSpan(p.Start, p.Length).ContainsAnyExcept(Punctuation)).ToList();
        if (pieces.Count == 0)
        {
            return (default, []);
        }
        var first = pieces[0];
        var stop = Sentences.FirstSentenceEnd(_normalized, first);
        var progress = new List<Span>();
        Span wording;
        if (stop >= 0)
        {
            wording = Span.FromTo(first.Start, stop);
            progress.Add(Span.FromTo(stop + 1, first.End));
        }
        else if (ProgressStart(first) is var at and > 0)
        {
            wording = Span.FromTo(first.Start, at);
            progress.Add(Span.FromTo(at, first.End));
        }
        else
        {
            wording = first;
        }
        progress.AddRange(pieces.Skip(1));
        return (text.Trim(wording), progress.Select(WithoutLabel).Where(p => p.Length > 0).ToList());
    }

    public (Span Wording, List<Span> Progress) FromCells(IReadOnlyDictionary<Column, Span> cells, DraftItem item)
    {
        foreach (var (column, field) in new[] { (Column.Lead, "牵头单位"), (Column.Cooperating, "配合单位"), (Column.Deadline, "完成时限") })
        {
            if (cells.TryGetValue(column, out var cell))
            {
                UnitField(item, field, cell);
            }
        }
        var wording = cells.TryGetValue(Column.Target, out var target) ? target : cells.GetValueOrDefault(Column.Name);
        var progress = cells.TryGetValue(Column.Progress, out var p) ? new List<Span> { WithoutLabel(p) } : [];
        return (wording, progress);
    }

    private void UnitField(DraftItem item, string field, Span value)
    {
        var content = text.Clean(value).Trim('：', ':', ' ', '，');
        if (content.Length == 0)
        {
            return;
        }
        if (field.StartsWith("配合") || field.StartsWith("协办"))
        {
            foreach (var unit in content.Split('、', '，', ',', '；', ' ').Select(u => u.Trim()).Where(u => u.Length > 0))
            {
                item.CooperatingUnits.Add(DraftWriter.Fit(unit, FieldLimits.Name));
            }
            evidence.Found(item, "cooperatingUnits", value, 0.85m);
        }
        else if (field.Contains('时') || field.Contains("期限"))
        {
            if (DateReader.Deadline(_normalized, value, year) is { } deadline)
            {
                item.Deadline = deadline;
                evidence.Found(item, "deadline", value, 0.8m);
            }
            else
            {
                evidence.Ask(item, "deadline", value, $"完成时限“{content}”没能读成日期，请填写 deadline。");
            }
        }
        else
        {
            item.LeadUnit = DraftWriter.Fit(content, FieldLimits.Name);
            evidence.Found(item, "leadUnit", value, 0.9m);
        }
    }

    private int ProgressStart(Span line)
    {
        foreach (var opening in ProgressOpenings)
        {
            var at = _normalized.IndexOf(opening, line.Start, line.Length, StringComparison.Ordinal);
            if (at > line.Start + 3)
            {
                return at + 1;
            }
        }
        return -1;
    }

    /// <summary>"进展情况：已新增…" reads as "已新增…".</summary>
    private Span WithoutLabel(Span piece)
    {
        var m = ProgressLabel.Match(_normalized, piece.Start, piece.Length);
        return m.Success ? text.Trim(Span.FromTo(m.Index + m.Length, piece.End)) : piece;
    }

    /// <summary>The parts of the line outside the unit fields found in it.</summary>
    private static IEnumerable<Span> Without(Span line, List<Span> fields)
    {
        var start = line.Start;
        foreach (var field in fields.Where(h => h.Start >= line.Start && h.End <= line.End).OrderBy(h => h.Start))
        {
            yield return Span.FromTo(start, field.Start);
            start = field.End;
        }
        yield return Span.FromTo(start, line.End);
    }
}
