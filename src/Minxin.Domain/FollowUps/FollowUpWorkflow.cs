using System.Globalization;
using System.Text.RegularExpressions;
using Minxin.Domain.Programs;
using Minxin.Domain.Staff;

namespace Minxin.Domain.FollowUps;

/// <summary>A step the follow-up's state (or the actor) does not allow, such as answering a closed one: a 409.</summary>
public sealed class FollowUpRuleException(string message) : Exception(message);

/// <summary>What was given wrong for a step, field by field (number, requirement, deadline, unit, text, reason): a 400.</summary>
public sealed class FollowUpInputException(IReadOnlyList<(string Field, string Message)> errors)
    : Exception(string.Join("；", errors.Select(e => e.Message)))
{
    public IReadOnlyList<(string Field, string Message)> Errors { get; } = errors;
}

/// <summary>What a coordinator gives when issuing a 督办.</summary>
public sealed record FollowUpOrder(string Number, string? Requirement, DateOnly Deadline);

/// <summary>
/// The life of a 督办: issued (待办理) → answered by the unit (已答复) → sent back (已退回) and answered again, or closed
/// (已办结). Every step appends an entry, bumps the revision and is refused here when the state or the actor does not
/// allow it, without a database.
/// A coordinator may also close one that was never answered (Issued or SentBack), but only with a reason — the matter
/// was settled another way or the order was issued by mistake — so that the record says why it ended unanswered.
/// </summary>
public static partial class FollowUpWorkflow
{
    public const string NumberExample = "津南民心督〔2025〕3号";

    [GeneratedRegex(@"^(?<prefix>\p{IsCJKUnifiedIdeographs}{1,12})民心督〔(?<year>\d{4})〕(?<n>[1-9]\d{0,4})号$")]
    private static partial Regex NumberPattern();

    /// <summary>The number's year and sequence ("津南民心督〔2025〕3号" → 津南, 2025, 3), or null when it is not of the form.</summary>
    public static (string Prefix, int Year, int Sequence)? ParseNumber(string? number)
    {
        var match = NumberPattern().Match(number?.Trim() ?? "");
        return match.Success
            ? (match.Groups["prefix"].Value, int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>
    /// The next free number of the program in <paramref name="year"/>: the region's short name + 民心督〔year〕 + one
    /// more than the highest sequence already used that year (gaps are not refilled: a number once given stays
    /// that letter's) + 号.
    /// </summary>
    public static string SuggestNumber(Region region, int year, IEnumerable<string> numbersInProgram)
    {
        var prefix = region.ShortName;
        var used = numbersInProgram.Select(ParseNumber).Where(n => n is { } p && p.Prefix == prefix && p.Year == year).Select(n => n!.Value.Sequence);
        var next = used.DefaultIfEmpty(0).Max() + 1;
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}民心督〔{year}〕{next}号");
    }

    /// <summary>What is wrong with an order, field by field; empty when it may be issued.</summary>
    public static IReadOnlyList<(string Field, string Message)> Check(Item item, ResponsibleUnit? unit, FollowUpOrder order, IEnumerable<string> numbersInProgram, DateOnly today)
    {
        var errors = new List<(string, string)>();
        var number = order.Number.Trim();
        if (ParseNumber(number) is null)
        {
            errors.Add(("number", $"督办编号“{number}”的格式不对，应为“地区简称民心督〔年份〕序号号”，例如 {NumberExample}。"));
        }
        else if (numbersInProgram.Any(n => string.Equals(n.Trim(), number, StringComparison.Ordinal)))
        {
            errors.Add(("number", $"督办编号“{number}”已经用过，请换一个编号。"));
        }
        CheckText(errors, "requirement", order.Requirement, "督办要求", "请写明要求责任单位做什么。");
        if (order.Deadline < today)
        {
            errors.Add(("deadline", $"办理时限 {Quantities.IsoDate.Format(order.Deadline)} 早于今天（{Quantities.IsoDate.Format(today)}），请选今天或以后的日期。"));
        }
        if (unit is null)
        {
            errors.Add(("unit", $"请选择被督办单位：子项 {item.Code} 的牵头或配合单位之一。"));
        }
        else if (!item.Involves(unit.Id))
        {
            errors.Add(("unit", $"“{unit.Name}”不是子项 {item.Code} 的牵头或配合单位，不能向它督办这个子项。"));
        }
        return errors;
    }

    /// <summary>A coordinator issues the order to a unit of the item; the first entry holds the requirement.</summary>
    public static FollowUp Issue(Item item, ResponsibleUnit unit, FollowUpOrder order, IEnumerable<string> numbersInProgram, StaffActor by, DateTimeOffset at, DateOnly today)
    {
        RequireCoordinator(by, "下发督办");
        var errors = Check(item, unit, order, numbersInProgram, today);
        if (errors.Count > 0)
        {
            throw new FollowUpInputException(errors);
        }
        var (name, userId) = Author(by);
        var followUp = new FollowUp
        {
            ProgramId = item.Category.ProgramId,
            ItemId = item.Id,
            Item = item,
            UnitId = unit.Id,
            Unit = unit,
            Number = order.Number.Trim(),
            Requirement = order.Requirement!.Trim(),
            Deadline = order.Deadline,
            State = FollowUpState.Issued,
            IssuedAt = at,
            IssuedBy = name,
            IssuedByUserId = userId,
        };
        followUp.Entries.Add(Entry(FollowUpAction.Issued, followUp.Requirement, by, at));
        return followUp;
    }

    /// <summary>The unit answers what was done; only while it is waiting for the unit (issued or sent back).</summary>
    public static FollowUpEntry Answer(FollowUp followUp, StaffActor by, string? text, DateTimeOffset at, IEnumerable<FollowUpAttachment>? files = null)
    {
        if (by.UnitId != followUp.UnitId || !by.May(StaffAction.AnswerFollowUps))
        {
            throw new FollowUpRuleException("只有被督办单位的填报员可以答复这件督办。");
        }
        if (followUp.State is not (FollowUpState.Issued or FollowUpState.SentBack))
        {
            throw new FollowUpRuleException(followUp.State == FollowUpState.Answered
                ? "这件督办已经答复，正在等待民心办审核；民心办退回后才能再次答复。"
                : "这件督办已经办结，不能再答复。");
        }
        RequireText("text", text, "答复内容", "请写明办理情况。");
        var attached = files?.ToList() ?? [];
        if (attached.Count > MaxFilesPerAnswer)
        {
            throw new FollowUpInputException([("file", $"一次答复最多附 {MaxFilesPerAnswer} 个文件。")]);
        }
        var entry = Entry(FollowUpAction.Answered, text!.Trim(), by, at);
        entry.Attachments.AddRange(attached);
        return Step(followUp, FollowUpState.Answered, entry);
    }

    /// <summary>The coordinator sends an answer back with the reason; the unit answers again.</summary>
    public static FollowUpEntry SendBack(FollowUp followUp, StaffActor by, string? reason, DateTimeOffset at)
    {
        RequireCoordinator(by, "退回答复");
        if (followUp.State != FollowUpState.Answered)
        {
            throw new FollowUpRuleException(followUp.State == FollowUpState.Closed
                ? "这件督办已经办结，不能退回。"
                : "责任单位还没有答复，没有可以退回的答复。");
        }
        RequireText("reason", reason, "退回原因", "请写明答复哪里不足、还要做什么，责任单位会看到这段话。");
        return Step(followUp, FollowUpState.SentBack, Entry(FollowUpAction.SentBack, reason!.Trim(), by, at));
    }

    /// <summary>
    /// The coordinator closes it (办结): after an answer, with an optional note; before any (accepted) answer only with
    /// the reason it ends unanswered.
    /// </summary>
    public static FollowUpEntry Close(FollowUp followUp, StaffActor by, string? note, DateTimeOffset at)
    {
        RequireCoordinator(by, "办结督办");
        if (followUp.State == FollowUpState.Closed)
        {
            throw new FollowUpRuleException("这件督办已经办结。");
        }
        if (followUp.State != FollowUpState.Answered)
        {
            RequireText("note", note, "办结说明", "责任单位还没有答复（或答复已被退回），直接办结须说明原因。");
        }
        else if (note is { Length: > FollowUp.MaxTextLength })
        {
            throw new FollowUpInputException([("note", $"办结说明最多 {FollowUp.MaxTextLength} 字。")]);
        }
        var entry = Step(followUp, FollowUpState.Closed, Entry(FollowUpAction.Closed, note?.Trim() ?? "", by, at));
        followUp.ClosedAt = at;
        return entry;
    }

    /// <summary>The answer that awaits the coordinator, to which files may still be added; null when there is none.</summary>
    public static FollowUpEntry? PendingAnswer(FollowUp followUp) =>
        followUp.State == FollowUpState.Answered ? followUp.Entries.LastOrDefault(e => e.Action == FollowUpAction.Answered) : null;

    /// <summary>
    /// The unit adds a file to its answer while the coordinator has not yet decided on it (files go with an answer,
    /// never with the order or a decision).
    /// </summary>
    public static void Attach(FollowUp followUp, StaffActor by, FollowUpAttachment file, int filesOfAnswer)
    {
        if (by.UnitId != followUp.UnitId || !by.May(StaffAction.AnswerFollowUps))
        {
            throw new FollowUpRuleException("只有被督办单位的填报员可以为答复附上文件。");
        }
        var answer = PendingAnswer(followUp)
            ?? throw new FollowUpRuleException("附件随答复提交：请先答复（或在答复表单里一并上传），民心办审核之前可以补充附件。");
        if (filesOfAnswer + 1 > MaxFilesPerAnswer)
        {
            throw new FollowUpInputException([("file", $"一次答复最多附 {MaxFilesPerAnswer} 个文件，这次答复已有 {filesOfAnswer} 个。")]);
        }
        answer.Attachments.Add(file);
        followUp.Revision++;
    }

    public const int MaxFilesPerAnswer = 20;

    /// <summary>Whether the unit is expected to act: issued or sent back, not answered and not closed.</summary>
    public static bool AwaitsUnit(FollowUp followUp) => followUp.State is FollowUpState.Issued or FollowUpState.SentBack;

    private static FollowUpEntry Step(FollowUp followUp, FollowUpState next, FollowUpEntry entry)
    {
        entry.FollowUpId = followUp.Id;
        followUp.Entries.Add(entry);
        followUp.State = next;
        followUp.Revision++;
        return entry;
    }

    private static void RequireCoordinator(StaffActor by, string what)
    {
        if (!by.May(StaffAction.IssueFollowUps))
        {
            throw new FollowUpRuleException($"只有民心办可以{what}。");
        }
    }

    private static void RequireText(string field, string? text, string name, string whenEmpty)
    {
        var errors = new List<(string, string)>();
        CheckText(errors, field, text, name, whenEmpty);
        if (errors.Count > 0)
        {
            throw new FollowUpInputException(errors);
        }
    }

    private static void CheckText(List<(string, string)> errors, string field, string? text, string name, string whenEmpty)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add((field, $"{name}不能为空：{whenEmpty}"));
        }
        else if (text.Trim().Length > FollowUp.MaxTextLength)
        {
            errors.Add((field, $"{name}有 {text.Trim().Length} 字，最多 {FollowUp.MaxTextLength} 字。"));
        }
    }

    private static FollowUpEntry Entry(FollowUpAction action, string text, StaffActor by, DateTimeOffset at)
    {
        var (name, userId) = Author(by);
        return new FollowUpEntry { Action = action, Text = text, At = at, By = name, ByUserId = userId };
    }

    // "区住建委 王丽" for a unit's reporter, the name alone for the office: as the record of reports names people.
    private static (string Name, int UserId) Author(StaffActor by) => (by.AsReportActor().Name, by.UserId);
}
