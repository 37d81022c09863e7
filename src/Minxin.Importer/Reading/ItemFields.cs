using Minxin.Importer.Text;

namespace Minxin.Importer.Reading;

/// <summary>What a labelled field of an item says.</summary>
internal enum FieldKind
{
    /// <summary>牵头单位, 责任单位.</summary>
    Lead,

    /// <summary>配合单位.</summary>
    Cooperating,

    /// <summary>牵头领导.</summary>
    LeadOfficial,

    /// <summary>项目责任人.</summary>
    ResponsiblePerson,

    /// <summary>完成时限.</summary>
    Deadline,

    /// <summary>实际完成情况, 进展情况: the report's prose.</summary>
    Progress,

    /// <summary>目标任务, 建设内容: the official wording, as a table's column gives it.</summary>
    Wording,

    /// <summary>项目名称: the item's name, its wording when no 目标任务 is given.</summary>
    Name,
}

/// <summary>A field written into an item's text: "责任单位：区住建委". <see cref="Value"/> may be empty ("配合单位：；").</summary>
internal sealed record ItemField(FieldKind Kind, Span Whole, Span Value);

/// <summary>
/// Fields written inline in an item, in any order: "牵头领导：副区长 李某某；责任单位：区住建委；配合单位：各街镇；项目责任人：
/// 王某某；实际完成情况：已完成改造15个小区", also in brackets ("（牵头单位：市教育局）", "【责任单位】区住建委"), one a line,
/// or separated only by spaces as a flattened table row leaves them. A label counts only after a break (start,
/// punctuation, space) and with a colon; its value runs to the next label, a report's to the end, a wording's to the end
/// of its sentence, and a unit's or a person's to the next separator.
/// </summary>
internal static class ItemFields
{
    /// <summary>A unit's or a person's value is a name; a longer run is prose the field did not end before.</summary>
    private const int MaxNameLength = 80;

    // Longest first where one label ends another (项目责任人 before 责任人, 实际完成情况 before 完成情况).
    private static readonly (string Label, FieldKind Kind)[] Labels =
    [
        ("实际完成情况", FieldKind.Progress), ("计划完成时间", FieldKind.Deadline), ("牵头区领导", FieldKind.LeadOfficial),
        ("牵头市领导", FieldKind.LeadOfficial), ("牵头县领导", FieldKind.LeadOfficial), ("项目责任人", FieldKind.ResponsiblePerson),
        ("具体责任人", FieldKind.ResponsiblePerson), ("项目负责人", FieldKind.ResponsiblePerson),
        ("牵头单位", FieldKind.Lead), ("责任单位", FieldKind.Lead), ("牵头部门", FieldKind.Lead), ("责任部门", FieldKind.Lead),
        ("主责单位", FieldKind.Lead), ("实施单位", FieldKind.Lead),
        ("配合单位", FieldKind.Cooperating), ("配合部门", FieldKind.Cooperating), ("协办单位", FieldKind.Cooperating), ("参与单位", FieldKind.Cooperating),
        ("牵头领导", FieldKind.LeadOfficial), ("分管领导", FieldKind.LeadOfficial), ("责任领导", FieldKind.LeadOfficial), ("包联领导", FieldKind.LeadOfficial),
        ("完成时限", FieldKind.Deadline), ("完成时间", FieldKind.Deadline), ("时间节点", FieldKind.Deadline), ("完成期限", FieldKind.Deadline),
        ("完成情况", FieldKind.Progress), ("进展情况", FieldKind.Progress), ("工作进展", FieldKind.Progress), ("推进情况", FieldKind.Progress),
        ("目前进展", FieldKind.Progress), ("进度情况", FieldKind.Progress), ("当前进展", FieldKind.Progress),
        ("项目名称", FieldKind.Name), ("实事名称", FieldKind.Name), ("子项名称", FieldKind.Name),
        ("目标任务", FieldKind.Wording), ("建设内容", FieldKind.Wording), ("年度目标", FieldKind.Wording), ("工作目标", FieldKind.Wording),
        ("主要内容", FieldKind.Wording), ("建设任务", FieldKind.Wording), ("年度任务", FieldKind.Wording), ("项目内容", FieldKind.Wording),
        ("实施内容", FieldKind.Wording), ("具体内容", FieldKind.Wording), ("主要目标", FieldKind.Wording),
        ("责任人", FieldKind.ResponsiblePerson), ("负责人", FieldKind.ResponsiblePerson), ("进展", FieldKind.Progress),
    ];

    private static readonly System.Buffers.SearchValues<char> Marks = System.Buffers.SearchValues.Create("。；;，,、：:（）() \t");

    /// <summary>How an official's title ends: "副区长 李某某" keeps its space, "李某某 已完成…" does not.</summary>
    private static readonly string[] TitleEnds = ["长", "书记", "主任", "常委", "主席", "助理", "委员", "巡视员", "调研员", "部长"];

    public static List<ItemField> Find(SourceText text, Span range)
    {
        var fields = new List<ItemField>();
        var s = text.Normalized;
        var at = range.Start;
        while (LabelAt(s, range, ref at) is { } found)
        {
            var (kind, labelStart, valueStart) = found;
            var end = ValueEnd(s, kind, valueStart, range.End, out var closing);
            var value = text.Trim(Span.FromTo(valueStart, end));
            while (kind != FieldKind.Progress && value.Length > 0 && s[value.End - 1] is '，' or '、' or '：' or ':')
            {
                value = text.Trim(Span.FromTo(value.Start, value.End - 1));
            }
            if (!s.AsSpan(value.Start, value.Length).ContainsAnyExcept(Marks))
            {
                value = new Span(valueStart, 0); // "实际完成情况：。" says nothing
            }
            var opening = labelStart > range.Start && (s[labelStart - 1] is '（' or '(' && closing || s[labelStart - 1] == '【') ? labelStart - 1 : labelStart;
            fields.Add(new ItemField(kind, Span.FromTo(opening, closing ? end + 1 : end), value));
            at = Math.Max(end, valueStart);
        }
        return fields;
    }

    /// <summary>"牵头领导：…", "实际完成情况：…": a line that is a field of the item before it.</summary>
    public static bool StartsWithLabel(string line) => LabelHere(line, 0, new Span(0, line.Length)) is not null;

    /// <summary>A label at a break that has no colon after it ("责任单位区民政局："): the reader cannot tell where its value ends.</summary>
    public static Span? UnreadLabel(SourceText text, Span range)
    {
        var s = text.Normalized;
        for (var i = range.Start; i < range.End; i++)
        {
            if (!IsBreakBefore(s, i, range.Start))
            {
                continue;
            }
            foreach (var (label, kind) in Labels)
            {
                if (kind is FieldKind.Lead or FieldKind.Cooperating or FieldKind.LeadOfficial or FieldKind.ResponsiblePerson
                    && label.Length >= 4 && i + label.Length < range.End && string.CompareOrdinal(s, i, label, 0, label.Length) == 0)
                {
                    return Sentences.ClauseAround(s, i) is var clause && clause.Start >= range.Start && clause.End <= range.End
                        ? clause : Span.FromTo(i, Math.Min(range.End, i + label.Length + 12));
                }
            }
        }
        return null;
    }

    /// <summary>The value as published: white space kept as one space ("副区长 李某某"), none at the ends.</summary>
    public static string Published(SourceText text, Span value)
    {
        var result = new System.Text.StringBuilder(value.Length);
        foreach (var c in text.Slice(value))
        {
            if (!char.IsWhiteSpace(c))
            {
                result.Append(c);
            }
            else if (result.Length > 0 && result[^1] != ' ')
            {
                result.Append(' ');
            }
        }
        return result.ToString().Trim();
    }

    private static (FieldKind Kind, int LabelStart, int ValueStart)? LabelAt(string s, Span range, ref int at)
    {
        for (; at < range.End; at++)
        {
            if (LabelHere(s, at, range) is { } found)
            {
                return (found.Kind, at, found.ValueStart);
            }
        }
        return null;
    }

    /// <summary>A label with its colon at <paramref name="at"/>, and where its value starts.</summary>
    private static (FieldKind Kind, int ValueStart)? LabelHere(string s, int at, Span range)
    {
        if (!IsBreakBefore(s, at, range.Start))
        {
            return null;
        }
        foreach (var (label, kind) in Labels)
        {
            if (at + label.Length > range.End || string.CompareOrdinal(s, at, label, 0, label.Length) != 0)
            {
                continue;
            }
            var colon = at + label.Length;
            while (colon < range.End && colon - at - label.Length < 2 && s[colon] == ' ')
            {
                colon++;
            }
            var bracketed = at > range.Start && s[at - 1] == '【' && colon < range.End && s[colon] == '】'; // 【责任单位】区住建委
            if (colon >= range.End || !bracketed && s[colon] is not ('：' or ':'))
            {
                return null;
            }
            var value = colon + 1;
            while (value < range.End && s[value] is '：' or ':' or ' ')
            {
                value++; // "牵头领导：：副区长": a colon typed twice
            }
            return (kind, value);
        }
        return null;
    }

    private static bool IsBreakBefore(string s, int at, int start) =>
        at == start || char.IsWhiteSpace(s[at - 1]) || s[at - 1] is '。' or '；' or ';' or '，' or ',' or '、' or '（' or '(' or '）' or ')' or '|' or '：' or ':' or '【' or '】';

    /// <summary>
    /// Where a value ends: at the next label; a wording's also at the end of its sentence; a unit's, a person's or a date's also at a separator, at a closing bracket
    /// it did not open (<paramref name="closing"/>), or at a space (but "副区长 李某某" is one value).
    /// </summary>
    private static int ValueEnd(string s, FieldKind kind, int start, int end, out bool closing)
    {
        closing = false;
        var depth = 0;
        var range = Span.FromTo(start, end);
        for (var i = start; i < end; i++)
        {
            if (i > start && (LabelHere(s, i, range) is not null || s[i] == '【' && i + 1 < end && LabelHere(s, i + 1, range) is not null))
            {
                return i;
            }
            var c = s[i];
            if (kind == FieldKind.Progress || kind is FieldKind.Wording or FieldKind.Name && c is not ('。' or '\n'))
            {
                continue;
            }
            if (c is '（' or '(')
            {
                depth++;
            }
            else if (c is '）' or ')')
            {
                if (depth == 0)
                {
                    closing = true;
                    return i;
                }
                depth--;
            }
            else if (c is '；' or ';' or '。' or '\n' or '\r' or '|' or '，' or ',' || i - start >= MaxNameLength)
            {
                return i;
            }
            else if (char.IsWhiteSpace(c) && !(kind is FieldKind.LeadOfficial or FieldKind.ResponsiblePerson
                && TitleEnds.Any(t => s.AsSpan(start, i - start).TrimEnd().EndsWith(t, StringComparison.Ordinal))))
            {
                return i;
            }
        }
        return end;
    }
}
