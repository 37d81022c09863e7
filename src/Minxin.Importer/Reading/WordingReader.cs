using System.Text.RegularExpressions;
using Minxin.Domain.ProgramFiles;
using Minxin.Importer.Drafts;
using Minxin.Importer.Text;

namespace Minxin.Importer.Reading;

/// <summary>
/// Splits an item into its official wording (the first sentence, or all that comes before a labelled report), its
/// progress text (the rest, and what "实际完成情况：" or "进展情况：" say), and the fields written into it or given as
/// table cells (units, officials, deadline; see <see cref="ItemFields"/>), which go straight onto the item.
/// </summary>
internal sealed class WordingReader(SourceText text, Evidence evidence, int year)
{
    private const RegexOptions Linear = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    private static readonly Regex ProgressLabel = new(@"^(?:进展情况|完成情况|工作进展|推进情况|目前进展|进展)\s*[:：]\s*", Linear);

    /// <summary>Where progress starts inside the first sentence: "新增托位460个，目前已新增300个", "计划建成30家，实际建成30家".</summary>
    private static readonly string[] ProgressOpenings =
        ["，目前", "，截至", "，截止", "，进展情况", "，已", "，累计", "，现已", "，正在", "，该项目", "，实际完成", "，实际建成", "，实际新增", "，实际发放", "，实际开展"];

    private static readonly string[] LeadMarks = ["（牵头）", "(牵头)"];

    private static readonly System.Buffers.SearchValues<char> Punctuation = System.Buffers.SearchValues.Create("（）()；;，,。：: 、");

    private readonly string _normalized = text.Normalized;

    public (Span Wording, List<Span> Progress) FromLines(RawItem raw, DraftItem item)
    {
        var fields = raw.Lines.SelectMany(l => ItemFields.Find(text, l)).ToList();
        Apply(item, fields.Where(f => f.Kind is not (FieldKind.Progress or FieldKind.Wording or FieldKind.Name)).Select(f => (f.Kind, f.Value)).ToList());
        // What is left around the fields may be only their punctuation: "（牵头单位：…；配合单位：…）" leaves "；".
        var pieces = raw.Lines.SelectMany(l => Without(l, fields)).Select(WithoutFieldMarks)
            .Where(p => _normalized.AsSpan(p.Start, p.Length).ContainsAnyExcept(Punctuation)).ToList();
        AskAboutUnreadLabels(item, pieces);
        var reported = fields.Where(f => f.Kind == FieldKind.Progress && f.Value.Length > 0).Select(f => f.Value).ToList();
        // A 目标任务 after the report began ("进展情况：年度目标：8个，…") is what the report says, not the wording.
        var reportStart = fields.Where(f => f.Kind == FieldKind.Progress).Select(f => f.Whole.Start).DefaultIfEmpty(int.MaxValue).Min();
        var named = fields.Where(f => f.Kind is FieldKind.Wording or FieldKind.Name && f.Value.Length > 0).ToList();
        reported.AddRange(named.Where(f => f.Whole.Start > reportStart).Select(f => f.Whole));
        named.RemoveAll(f => f.Whole.Start > reportStart);
        var (wording, progress) = (named.FirstOrDefault(f => f.Kind == FieldKind.Wording) ?? named.FirstOrDefault()) is { } worded
            ? ByField(worded, pieces)
            : ByText(pieces, reportFollows: pieces.Count > 0 && reported.Any(r => r.Start >= pieces[0].End));
        return (text.Trim(wording), progress.Concat(reported).OrderBy(p => p.Start).Select(WithoutLabel).Where(p => p.Length > 0).ToList());
    }

    /// <summary>
    /// "托育服务扩容。目标任务：新增托位500个；完成情况：…": the wording is the field's, as a table's 目标任务 column is (else
    /// its 项目名称), up to where it turns to progress ("年度目标：8个，截至目前完成5个"); a bare name before it is no progress.
    /// </summary>
    private (Span Wording, List<Span> Progress) ByField(ItemField worded, List<Span> pieces)
    {
        var progress = pieces.Where(p => !(p.End <= worded.Whole.Start && FigureScanner.Scan(_normalized, p).Count == 0)).ToList();
        var at = ProgressStart(worded.Value);
        if (at < 0)
        {
            return (worded.Value, progress);
        }
        progress.Add(Span.FromTo(at, worded.Value.End));
        return (Span.FromTo(worded.Value.Start, at), progress);
    }

    /// <summary>
    /// The wording is the first sentence, or, before a labelled report ("老旧小区改造。完成改造老旧小区20个。…实际完成情况：
    /// …"), all of the first piece; either up to where it turns to progress ("…42个，截至目前完成改造30个").
    /// </summary>
    private (Span Wording, List<Span> Progress) ByText(List<Span> pieces, bool reportFollows)
    {
        if (pieces.Count == 0)
        {
            return (default, []);
        }
        var first = pieces[0];
        var progress = pieces.Skip(1).ToList();
        var stop = reportFollows ? -1 : Sentences.FirstSentenceEnd(_normalized, first);
        var at = ProgressStart(Span.FromTo(first.Start, stop >= 0 ? stop : first.End));
        if (at > 0)
        {
            progress.Add(Span.FromTo(at, first.End));
            return (Span.FromTo(first.Start, at), progress);
        }
        if (stop >= 0)
        {
            progress.Add(Span.FromTo(stop + 1, first.End));
            return (Span.FromTo(first.Start, stop), progress);
        }
        return (first, progress);
    }

    public (Span Wording, List<Span> Progress) FromCells(IReadOnlyDictionary<Column, Span> cells, DraftItem item)
    {
        var fields = new List<(FieldKind, Span)>();
        foreach (var (column, kind) in new[]
        {
            (Column.Lead, FieldKind.Lead), (Column.Cooperating, FieldKind.Cooperating), (Column.Deadline, FieldKind.Deadline),
            (Column.LeadOfficial, FieldKind.LeadOfficial), (Column.ResponsiblePerson, FieldKind.ResponsiblePerson),
        })
        {
            if (cells.TryGetValue(column, out var cell))
            {
                fields.Add((kind, cell));
            }
        }
        Apply(item, fields);
        var wording = cells.TryGetValue(Column.Target, out var target) ? target : cells.GetValueOrDefault(Column.Name);
        var progress = cells.TryGetValue(Column.Progress, out var p) ? new List<Span> { WithoutLabel(p) } : [];
        return (wording, progress);
    }

    private void Apply(DraftItem item, List<(FieldKind Kind, Span Value)> fields)
    {
        var cooperatingGiven = fields.Any(f => f.Kind == FieldKind.Cooperating && f.Value.Length > 0);
        foreach (var (kind, value) in fields.Where(f => f.Value.Length > 0))
        {
            switch (kind)
            {
                case FieldKind.Lead:
                    Lead(item, value, cooperatingGiven);
                    break;
                case FieldKind.Cooperating:
                    AddCooperating(item, Units(value));
                    evidence.Found(item, "cooperatingUnits", value, 0.85m);
                    break;
                case FieldKind.Deadline:
                    Deadline(item, value);
                    break;
                case FieldKind.LeadOfficial when item.LeadOfficial is null:
                    item.LeadOfficial = DraftWriter.Fit(ItemFields.Published(text, value), FieldLimits.Name);
                    evidence.Found(item, "leadOfficial", value, 0.85m);
                    break;
                case FieldKind.ResponsiblePerson when item.ResponsiblePerson is null:
                    item.ResponsiblePerson = DraftWriter.Fit(ItemFields.Published(text, value), FieldLimits.Name);
                    evidence.Found(item, "responsiblePerson", value, 0.85m);
                    break;
            }
        }
    }

    /// <summary>
    /// "责任单位：区住建委、区城管委": the first unit leads and the others co-operate, unless 配合单位 are listed too; then
    /// the others are neither, and the reviewer says what they are.
    /// </summary>
    private void Lead(DraftItem item, Span value, bool cooperatingGiven)
    {
        var units = Units(value);
        if (units.Count == 0)
        {
            return;
        }
        if (item.LeadUnit is { } lead)
        {
            if (lead != units[0])
            {
                evidence.Ask(item, "leadUnit", value, $"原文另有牵头（责任）单位“{text.Clean(value)}”，与“{lead}”不同，暂取“{lead}”，请核对。");
            }
            return;
        }
        item.LeadUnit = units[0];
        evidence.Found(item, "leadUnit", value, units.Count == 1 ? 0.9m : 0.75m);
        if (units.Count == 1)
        {
            return;
        }
        if (cooperatingGiven)
        {
            evidence.Ask(item, "leadUnit", value,
                $"责任单位有 {units.Count} 个（{text.Clean(value)}），已取第一个“{units[0]}”为牵头单位；原文另列有配合单位，“{string.Join("、", units.Skip(1))}”没有记入，请核对。");
            return;
        }
        AddCooperating(item, units.Skip(1));
        evidence.Found(item, "cooperatingUnits", value, 0.7m);
    }

    private static void AddCooperating(DraftItem item, IEnumerable<string> units)
    {
        foreach (var unit in units.Where(u => !item.CooperatingUnits.Contains(u) && u != item.LeadUnit))
        {
            item.CooperatingUnits.Add(unit);
        }
    }

    /// <summary>"区住建委、区城管委（牵头）": the units in order, a unit marked （牵头） first and without its mark.</summary>
    private List<string> Units(Span value)
    {
        var units = text.Clean(value).Split('、', '，', ',', '；', ' ', '/').Select(u => u.Trim('：', ':', ' ')).Where(u => u.Length > 0).ToList();
        var marked = units.FindIndex(u => LeadMarks.Any(m => u.EndsWith(m, StringComparison.Ordinal) && u.Length > m.Length));
        if (marked >= 0)
        {
            var lead = units[marked];
            units.RemoveAt(marked);
            units.Insert(0, lead[..^LeadMarks.First(m => lead.EndsWith(m, StringComparison.Ordinal)).Length]);
        }
        return units.Select(u => DraftWriter.Fit(u, FieldLimits.Name)).Distinct().ToList();
    }

    private void Deadline(DraftItem item, Span value)
    {
        if (DateReader.Deadline(_normalized, value, year) is { } deadline)
        {
            item.Deadline = deadline;
            evidence.Found(item, "deadline", value, 0.8m);
        }
        else
        {
            evidence.Ask(item, "deadline", value, $"完成时限“{text.Clean(value)}”没能读成日期，请填写 deadline。");
        }
    }

    /// <summary>"责任单位区民政局：" has a label but no colon after it: not read, so the reviewer is told.</summary>
    private void AskAboutUnreadLabels(DraftItem item, List<Span> pieces)
    {
        foreach (var piece in pieces)
        {
            if (ItemFields.UnreadLabel(text, piece) is { } unread)
            {
                evidence.Ask(item, "title", unread, $"“{text.Clean(unread)}”像是一栏（责任单位、牵头领导等），但标签后没有冒号，没有读出，请核对并填写。");
                return;
            }
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

    /// <summary>
    /// A piece between fields without the marks that belonged to them: "。新建幼儿园3所…" after a field that opened the
    /// line, "…300个。（" before a bracket of fields.
    /// </summary>
    private Span WithoutFieldMarks(Span piece)
    {
        piece = text.Trim(piece);
        int start = piece.Start, end = piece.End;
        while (start < end && _normalized[start] is '。' or '；' or ';' or '，' or ',' or '、' or ' ')
        {
            start++;
        }
        while (end > start && _normalized[end - 1] is '（' or '(' or '；' or ';' or '，' or ',' or '、' or ' ')
        {
            end--;
        }
        return Span.FromTo(start, end);
    }

    /// <summary>The parts of the line outside the fields found in it.</summary>
    private static IEnumerable<Span> Without(Span line, List<ItemField> fields)
    {
        var start = line.Start;
        foreach (var field in fields.Where(h => h.Whole.Start >= line.Start && h.Whole.End <= line.End).OrderBy(h => h.Whole.Start))
        {
            yield return Span.FromTo(start, field.Whole.Start);
            start = field.Whole.End;
        }
        yield return Span.FromTo(start, line.End);
    }
}
