using Minxin.Domain.Calendar;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;

namespace Minxin.Domain.Oversight;

/// <summary>What a reminder is about.</summary>
public enum ReminderKind
{
    /// <summary>A reporting round opened (开始报送): to every unit of the round.</summary>
    RoundOpened,

    /// <summary>Two working days before the due date, from 09:00 Beijing time: to each unit with items not yet submitted.</summary>
    RoundDueSoon,

    /// <summary>逾期未报: the day after the due date, to each unit with items not yet submitted.</summary>
    RoundOverdue,

    /// <summary>A report was returned (退回) with a reason: to the person who submitted it, or its unit.</summary>
    ReportReturned,

    /// <summary>A follow-up order (督办) was issued to a unit.</summary>
    FollowUpIssued,

    /// <summary>A follow-up order is past its deadline and not closed.</summary>
    FollowUpOverdue,

    /// <summary>The daily digest of citizens' messages that arrived and wait for an answer: one per unit (or region's coordinators) per day.</summary>
    MessagesNew,

    /// <summary>The daily digest of citizens' messages past their service level, not answered: one per unit (or region's coordinators) per day.</summary>
    MessagesOverdue,
}

/// <summary>
/// One message to send. <see cref="Key"/> is stable (the same facts give the same key on every run) and unique, so a
/// sender that stores the keys it has sent sends each reminder exactly once. <see cref="UnitId"/> null means every unit
/// the fact concerns (a round's opening); <see cref="UserId"/> null means the unit's reporters. <see cref="Link"/> is a
/// path of the workspace; the sender makes it absolute.
/// </summary>
public sealed record Reminder(string Key, ReminderKind Kind, int? UnitId, int? UserId, string Subject, string Body, string Link)
{
    /// <summary>To the coordinators of this region instead of a unit's reporters (messages about a program as a whole, replies to approve).</summary>
    public int? CoordinatorsOf { get; init; }
}

/// <summary>
/// One unit's standing in a round. <paramref name="NotSubmitted"/> counts the items not yet in the coordinator's hands
/// (missing, draft or returned, as <see cref="RoundProgress.IsLate"/> counts them).
/// </summary>
public sealed record UnitFacts(int UnitId, string UnitName, int Items, int NotSubmitted)
{
    /// <summary>From the round overview's line of a unit; null for items without a lead unit (nobody to remind).</summary>
    public static UnitFacts? From(UnitRoundProgress progress) => progress.Unit is { } unit
        ? new UnitFacts(unit.Id, unit.Name, progress.Items, progress.Missing + progress.Draft + progress.Returned)
        : null;
}

/// <summary>A reporting round as reminders need it (see <see cref="ReportingRound"/>).</summary>
public sealed record RoundFacts(int RoundId, string Title, DateOnly AsOf, DateOnly DueDate, DateTimeOffset OpenedAt, bool IsOpen,
    IReadOnlyList<UnitFacts> Units);

/// <summary>
/// A report in the returned state (pass only reports still returned: once resubmitted there is nothing to remind of).
/// <paramref name="UserId"/> is the account that submitted it, when there is one.
/// </summary>
public sealed record ReturnedReportFacts(int ReportId, int UnitId, int? UserId, string ItemCode, string ItemTitle, string Reason,
    DateTimeOffset ReturnedAt);

/// <summary>A follow-up order (督办函, <paramref name="Number"/> such as 津南民心督〔2025〕3号) to a unit about an item.</summary>
public sealed record FollowUpFacts(int Id, string Number, int UnitId, string ItemCode, string ItemTitle, DateOnly Deadline,
    DateTimeOffset IssuedAt, bool IsClosed);

/// <summary>
/// A citizen's message that waits for an answer (not answered, not closed, not hidden), without anything the sender
/// wrote or is: reminders never carry the text, the name or the contact. <paramref name="UnitId"/> is the unit it is
/// routed to (null: about the program as a whole, for the coordinators); <paramref name="AwaitsUnit"/> is false once
/// a reply is drafted and waits for a coordinator's approval (then the coordinators are reminded, not the unit).
/// </summary>
public sealed record MessageFacts(int Id, int RegionId, int? UnitId, string? UnitName, DateTimeOffset ReceivedAt, DateOnly DueOn, bool AwaitsUnit);

/// <summary>
/// Which reminders are due, as pure functions of the facts and the time. Everything whose moment has come is returned,
/// old ones too, so a sender that was down catches up; the sender skips the keys it has sent. A reminder is returned
/// only while it is still true: nothing for a closed round or a closed follow-up, no "due soon" once the due date has
/// passed (the overdue reminder takes over), nothing for a unit that has submitted all its items.
/// </summary>
public static class Reminders
{
    public const string Brand = "【民心工程】";

    public const string TasksLink = "/workspace/tasks";

    /// <summary>How many working days before a round's due date the due-soon reminder goes out.</summary>
    public const int DueSoonWorkingDays = 2;

    /// <summary>The due-soon reminder waits for office hours rather than arriving at midnight.</summary>
    public static readonly TimeOnly DueSoonTime = new(9, 0);

    /// <summary>Every reminder due at <paramref name="now"/>, ordered by the moment it became due, then by key.</summary>
    public static IReadOnlyList<Reminder> Due(DateTimeOffset now, WorkingCalendar calendar, IEnumerable<RoundFacts> rounds,
        IEnumerable<ReturnedReportFacts> returnedReports, IEnumerable<FollowUpFacts> followUps, IEnumerable<MessageFacts>? messages = null)
    {
        var due = new List<(DateTimeOffset At, Reminder Reminder)>();
        foreach (var round in rounds)
        {
            due.AddRange(ForRound(now, calendar, round));
        }
        foreach (var report in returnedReports)
        {
            if (ForReturnedReport(now, report) is { } reminder)
            {
                due.Add(reminder);
            }
        }
        foreach (var followUp in followUps)
        {
            due.AddRange(ForFollowUp(now, followUp));
        }
        due.AddRange(ForMessages(now, messages ?? []));
        return due.OrderBy(d => d.At).ThenBy(d => d.Reminder.Key, StringComparer.Ordinal).Select(d => d.Reminder).ToList();
    }

    /// <summary>09:00 Beijing time, <see cref="DueSoonWorkingDays"/> working days before the due date.</summary>
    public static DateTimeOffset DueSoonMoment(DateOnly dueDate, WorkingCalendar calendar) =>
        new(calendar.WorkingDaysBefore(dueDate, DueSoonWorkingDays).ToDateTime(DueSoonTime), ChinaTime.Offset);

    /// <summary>Midnight Beijing time at the start of the day after the due date: from then the round is overdue.</summary>
    public static DateTimeOffset OverdueMoment(DateOnly dueDate) => ChinaTime.StartOf(dueDate.AddDays(1));

    private static IEnumerable<(DateTimeOffset, Reminder)> ForRound(DateTimeOffset now, WorkingCalendar calendar, RoundFacts round)
    {
        if (!round.IsOpen)
        {
            yield break;
        }
        var key = $"round:{round.RoundId}:";
        var dueText = DueDateText(round);
        var asOfText = ChineseDates.AsOf(round.AsOf);
        if (round.OpenedAt <= now)
        {
            yield return (round.OpenedAt, new Reminder(key + "opened", ReminderKind.RoundOpened, null, null,
                $"{Brand}{round.Title}开始报送，{dueText}截止",
                $"{round.Title}已开始报送，请填报截至{asOfText}的进展，报送时限为{ChineseDates.Full(round.DueDate)}。" +
                $"请登录工作台查看本单位的待办：{TasksLink}",
                TasksLink));
        }
        var overdueAt = OverdueMoment(round.DueDate);
        var dueSoonAt = DueSoonMoment(round.DueDate, calendar);
        // A due date that is itself within two working days of the opening gets its due-soon notice no earlier than the opening.
        if (dueSoonAt < round.OpenedAt)
        {
            dueSoonAt = round.OpenedAt;
        }
        foreach (var unit in round.Units.Where(u => u.NotSubmitted > 0))
        {
            var unitKey = $":unit:{unit.UnitId}";
            if (dueSoonAt <= now && now < overdueAt)
            {
                yield return (dueSoonAt, new Reminder(key + "due-soon" + unitKey, ReminderKind.RoundDueSoon, unit.UnitId, null,
                    $"{Brand}{round.Title}将于{dueText}截止",
                    $"{unit.UnitName}：{round.Title}（数据截至{asOfText}）将于{ChineseDates.Full(round.DueDate)}截止报送，" +
                    $"贵单位还有{unit.NotSubmitted}个子项（共{unit.Items}个）未提交，请在截止前完成填报并提交审核。" +
                    $"待办：{TasksLink}",
                    TasksLink));
            }
            if (overdueAt <= now)
            {
                yield return (overdueAt, new Reminder(key + "overdue" + unitKey, ReminderKind.RoundOverdue, unit.UnitId, null,
                    $"{Brand}{round.Title}已逾期，贵单位尚有{unit.NotSubmitted}个子项未报",
                    $"{unit.UnitName}：{round.Title}（数据截至{asOfText}）的报送时限{ChineseDates.Full(round.DueDate)}已过，" +
                    $"贵单位还有{unit.NotSubmitted}个子项（共{unit.Items}个）未提交，已记为逾期未报，请尽快补报。" +
                    $"待办：{TasksLink}",
                    TasksLink));
            }
        }
    }

    private static (DateTimeOffset, Reminder)? ForReturnedReport(DateTimeOffset now, ReturnedReportFacts report)
    {
        if (report.ReturnedAt > now)
        {
            return null;
        }
        var link = $"/workspace/reports/{report.ReportId}";
        // A report may be returned, resubmitted and returned again; each return is its own reminder.
        var key = $"report:{report.ReportId}:returned:{report.ReturnedAt.ToUnixTimeSeconds()}";
        return (report.ReturnedAt, new Reminder(key, ReminderKind.ReportReturned, report.UnitId, report.UserId,
            $"{Brand}{report.ItemCode} {report.ItemTitle}的报告被退回",
            $"{report.ItemCode} {report.ItemTitle}的进展报告已于{ChineseDates.Full(ChinaTime.Date(report.ReturnedAt))}被退回，" +
            $"退回原因：{report.Reason}。请修改后重新提交：{link}",
            link));
    }

    private static IEnumerable<(DateTimeOffset, Reminder)> ForFollowUp(DateTimeOffset now, FollowUpFacts followUp)
    {
        if (followUp.IsClosed)
        {
            yield break;
        }
        var key = $"followup:{followUp.Id}:";
        var link = $"/workspace/followups/{followUp.Id}";
        var item = $"{followUp.ItemCode} {followUp.ItemTitle}";
        if (followUp.IssuedAt <= now)
        {
            yield return (followUp.IssuedAt, new Reminder(key + "issued", ReminderKind.FollowUpIssued, followUp.UnitId, null,
                $"{Brand}督办：{followUp.Number}",
                $"关于{item}的督办函（{followUp.Number}）已下发，请于{ChineseDates.Full(followUp.Deadline)}前办结并反馈：{link}",
                link));
        }
        var overdueAt = OverdueMoment(followUp.Deadline);
        if (overdueAt <= now)
        {
            yield return (overdueAt, new Reminder(key + "overdue", ReminderKind.FollowUpOverdue, followUp.UnitId, null,
                $"{Brand}督办已超期：{followUp.Number}",
                $"关于{item}的督办函（{followUp.Number}）办理期限{ChineseDates.Full(followUp.Deadline)}已过，尚未办结，" +
                $"请尽快办理并反馈：{link}",
                link));
        }
    }

    public const string MessagesLink = "/workspace/messages";

    /// <summary>
    /// The day's digests of citizens' messages, at <see cref="DueSoonTime"/> Beijing time: to each unit, "新留言N条待答复"
    /// for those that arrived in the 24 hours before and still wait for it, and the count past their due day; to each
    /// region's coordinators the same for messages about a program as a whole and for drafted replies to approve.
    /// One key per recipient per China date, however many messages arrive, so a flood never floods an inbox. Only
    /// today's digests are returned: yesterday's is replaced by today's, which counts what still waits.
    /// </summary>
    private static IEnumerable<(DateTimeOffset, Reminder)> ForMessages(DateTimeOffset now, IEnumerable<MessageFacts> messages)
    {
        var today = ChinaTime.Date(now);
        var at = new DateTimeOffset(today.ToDateTime(DueSoonTime), ChinaTime.Offset);
        if (now < at)
        {
            yield break;
        }
        var since = at.AddDays(-1);
        var date = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var waiting = messages.Where(m => m.ReceivedAt < at).ToList();
        var groups = waiting
            .GroupBy(m => m.AwaitsUnit && m.UnitId is not null ? (Unit: m.UnitId, Region: (int?)null, Name: m.UnitName) : (Unit: null, Region: m.RegionId, Name: null))
            .OrderBy(g => g.Key.Unit ?? 0).ThenBy(g => g.Key.Region ?? 0);
        foreach (var group in groups)
        {
            var fresh = group.Count(m => m.ReceivedAt >= since);
            var overdue = group.Count(m => m.DueOn < today);
            var (target, who) = group.Key.Unit is { } unit ? ($"unit:{unit}", $"{group.Key.Name}：") : ($"region:{group.Key.Region}", "民心办：");
            if (fresh > 0)
            {
                yield return (at, new Reminder($"messages:new:{target}:{date}", ReminderKind.MessagesNew, group.Key.Unit, null,
                    $"{Brand}新留言{fresh}条待答复",
                    $"{who}过去24小时新收到群众留言（含帮办、公示异议）{fresh}条，" +
                    $"{(group.Key.Unit is null ? "待民心办答复或审核" : "待贵单位答复")}；目前共{group.Count()}条待处理。" +
                    $"为保护个人信息，提醒中不含留言内容和留言人信息，请登录工作台查看：{MessagesLink}",
                    MessagesLink) { CoordinatorsOf = group.Key.Region });
            }
            if (overdue > 0)
            {
                yield return (at, new Reminder($"messages:overdue:{target}:{date}", ReminderKind.MessagesOverdue, group.Key.Unit, null,
                    $"{Brand}留言{overdue}条已超过答复期限",
                    $"{who}有{overdue}条群众留言已超过答复期限仍未答复，请尽快办理。" +
                    $"为保护个人信息，提醒中不含留言内容和留言人信息，请登录工作台查看：{MessagesLink}?overdue=true",
                    MessagesLink + "?overdue=true") { CoordinatorsOf = group.Key.Region });
            }
        }
    }

    /// <summary>"7月5日", or "2026年1月5日" when the due date is in a later year than the round's data.</summary>
    private static string DueDateText(RoundFacts round) =>
        round.DueDate.Year == round.AsOf.Year ? ChineseDates.MonthDay(round.DueDate) : ChineseDates.Full(round.DueDate);
}
