using Minxin.Domain.Calendar;
using Minxin.Domain.Oversight;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;

namespace Minxin.Domain.Tests;

public class ReminderTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Bundled;

    private static DateTimeOffset Beijing(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, ChinaTime.Offset);

    private static readonly UnitFacts Lagging = new(3, "区住建委", Items: 5, NotSubmitted: 2);
    private static readonly UnitFacts Done = new(4, "区教育局", Items: 3, NotSubmitted: 0);

    /// <summary>2025年7月月报: data as of July 31, due Tuesday August 5; due soon from Friday August 1, 09:00.</summary>
    private static RoundFacts JulyRound(bool isOpen = true, params UnitFacts[] units) => new(12, "2025年7月月报",
        new DateOnly(2025, 7, 31), new DateOnly(2025, 8, 5), Beijing(2025, 7, 25, 10), isOpen, units.Length == 0 ? [Lagging, Done] : units);

    /// <summary>Due Thursday 2025-10-09, right after National Day: due soon from Monday 2025-09-29, 09:00.</summary>
    private static RoundFacts SeptemberRound() => new(13, "2025年9月月报",
        new DateOnly(2025, 9, 30), new DateOnly(2025, 10, 9), Beijing(2025, 9, 20, 9), true, [Lagging]);

    private static readonly ReturnedReportFacts Returned = new(55, 3, 21, "0102", "新增婴幼儿托位", "托位数与附件不符",
        Beijing(2025, 8, 2, 14, 30));

    private static readonly FollowUpFacts FollowUp = new(7, "津南民心督〔2025〕3号", 3, "0102", "新增婴幼儿托位",
        new DateOnly(2025, 8, 15), Beijing(2025, 8, 8, 16), IsClosed: false);

    private static IReadOnlyList<Reminder> Due(DateTimeOffset now, IEnumerable<RoundFacts>? rounds = null,
        IEnumerable<ReturnedReportFacts>? returned = null, IEnumerable<FollowUpFacts>? followUps = null) =>
        Reminders.Due(now, Calendar, rounds ?? [], returned ?? [], followUps ?? []);

    private static IEnumerable<string> Keys(IEnumerable<Reminder> reminders) => reminders.Select(r => r.Key);

    [Fact]
    public void Nothing_is_due_before_a_round_opens()
    {
        Assert.Empty(Due(Beijing(2025, 7, 25, 9, 59), [JulyRound()]));
    }

    [Fact]
    public void A_round_that_opened_is_announced_once_to_every_unit()
    {
        var reminder = Assert.Single(Due(Beijing(2025, 7, 25, 10), [JulyRound()]));
        Assert.Equal("round:12:opened", reminder.Key);
        Assert.Equal(ReminderKind.RoundOpened, reminder.Kind);
        Assert.Null(reminder.UnitId);
        Assert.Null(reminder.UserId);
        Assert.Equal("【民心工程】2025年7月月报开始报送，8月5日截止", reminder.Subject);
        Assert.Contains("2025年7月底", reminder.Body, StringComparison.Ordinal);
        Assert.Contains("2025年8月5日", reminder.Body, StringComparison.Ordinal);
        Assert.Equal("/workspace/tasks", reminder.Link);
    }

    [Fact]
    public void Due_soon_starts_at_nine_two_working_days_before_the_due_date()
    {
        Assert.Equal(Beijing(2025, 8, 1, 9), Reminders.DueSoonMoment(new DateOnly(2025, 8, 5), Calendar));
        Assert.DoesNotContain(Due(Beijing(2025, 8, 1, 8, 59, 59), [JulyRound()]), r => r.Kind == ReminderKind.RoundDueSoon);

        var reminder = Assert.Single(Due(Beijing(2025, 8, 1, 9), [JulyRound()]), r => r.Kind == ReminderKind.RoundDueSoon);
        Assert.Equal("round:12:due-soon:unit:3", reminder.Key);
        Assert.Equal(3, reminder.UnitId);
        Assert.Null(reminder.UserId);
        Assert.Equal("【民心工程】2025年7月月报将于8月5日截止", reminder.Subject);
        Assert.Contains("区住建委", reminder.Body, StringComparison.Ordinal);
        Assert.Contains("2025年7月底", reminder.Body, StringComparison.Ordinal);
        Assert.Contains("2025年8月5日", reminder.Body, StringComparison.Ordinal);
        Assert.Contains("2个子项", reminder.Body, StringComparison.Ordinal);
        Assert.Contains("/workspace/tasks", reminder.Body, StringComparison.Ordinal);
        Assert.Equal("/workspace/tasks", reminder.Link);
    }

    [Fact]
    public void Due_soon_skips_National_Day()
    {
        // 2025-10-01..08 are off: two working days before 10-09 are 09-30 and 09-29.
        Assert.Equal(Beijing(2025, 9, 29, 9), Reminders.DueSoonMoment(new DateOnly(2025, 10, 9), Calendar));
        Assert.DoesNotContain(Due(Beijing(2025, 9, 29, 8, 59), [SeptemberRound()]), r => r.Kind == ReminderKind.RoundDueSoon);
        Assert.Contains(Due(Beijing(2025, 9, 29, 9), [SeptemberRound()]), r => r.Key == "round:13:due-soon:unit:3");
    }

    [Fact]
    public void Due_soon_may_fall_on_a_working_Sunday()
    {
        // Due Tuesday 2025-09-30: Monday 09-29, then Sunday 09-28, worked for National Day.
        Assert.Equal(Beijing(2025, 9, 28, 9), Reminders.DueSoonMoment(new DateOnly(2025, 9, 30), Calendar));
    }

    [Fact]
    public void Due_soon_across_the_Spring_Festival_2026()
    {
        // Due Wednesday 2026-02-25: Tuesday 02-24, then Saturday 02-14 (02-15..23 are off).
        Assert.Equal(Beijing(2026, 2, 14, 9), Reminders.DueSoonMoment(new DateOnly(2026, 2, 25), Calendar));
    }

    [Fact]
    public void A_round_opened_after_its_due_soon_moment_warns_from_the_opening()
    {
        var late = JulyRound() with { OpenedAt = Beijing(2025, 8, 4, 15) };
        Assert.Empty(Due(Beijing(2025, 8, 4, 14), [late]));
        // Same moment: ordered by key.
        Assert.Equal(["round:12:due-soon:unit:3", "round:12:opened"], Keys(Due(Beijing(2025, 8, 4, 15), [late])));
    }

    [Fact]
    public void Overdue_comes_the_day_after_the_due_date_and_due_soon_stops()
    {
        var lastMinute = Due(Beijing(2025, 8, 5, 23, 59, 59), [JulyRound()]);
        Assert.Contains(lastMinute, r => r.Kind == ReminderKind.RoundDueSoon);
        Assert.DoesNotContain(lastMinute, r => r.Kind == ReminderKind.RoundOverdue);

        var nextDay = Due(Beijing(2025, 8, 6), [JulyRound()]);
        Assert.DoesNotContain(nextDay, r => r.Kind == ReminderKind.RoundDueSoon);
        var overdue = Assert.Single(nextDay, r => r.Kind == ReminderKind.RoundOverdue);
        Assert.Equal("round:12:overdue:unit:3", overdue.Key);
        Assert.Equal(3, overdue.UnitId);
        Assert.Contains("逾期", overdue.Subject, StringComparison.Ordinal);
        Assert.Contains("2个子项", overdue.Body, StringComparison.Ordinal);
        Assert.Equal("/workspace/tasks", overdue.Link);
    }

    [Fact]
    public void Overdue_is_measured_in_Beijing_time_whatever_the_clock_offset()
    {
        // 2025-08-05T16:00Z is midnight on August 6 in Beijing.
        Assert.DoesNotContain(Due(new DateTimeOffset(2025, 8, 5, 15, 59, 59, TimeSpan.Zero), [JulyRound()]),
            r => r.Kind == ReminderKind.RoundOverdue);
        Assert.Contains(Due(new DateTimeOffset(2025, 8, 5, 16, 0, 0, TimeSpan.Zero), [JulyRound()]),
            r => r.Kind == ReminderKind.RoundOverdue);
    }

    [Fact]
    public void Units_that_have_submitted_everything_are_neither_warned_nor_overdue()
    {
        var all = Due(Beijing(2025, 8, 20), [JulyRound()]).Concat(Due(Beijing(2025, 8, 4), [JulyRound()])).ToList();
        Assert.DoesNotContain(all, r => r.UnitId == 4);
        Assert.Equal(["round:12:opened"], Keys(Due(Beijing(2025, 8, 20), [JulyRound(true, Done)])));
    }

    [Fact]
    public void A_closed_round_reminds_nobody()
    {
        Assert.Empty(Due(Beijing(2025, 8, 20), [JulyRound(isOpen: false)]));
    }

    [Fact]
    public void Older_reminders_stay_due_so_a_sender_that_was_down_catches_up()
    {
        Assert.Equal(["round:12:opened", "round:12:overdue:unit:3"], Keys(Due(Beijing(2025, 9, 1), [JulyRound()])));
    }

    [Fact]
    public void A_returned_report_goes_to_its_submitter_with_the_reason()
    {
        Assert.Empty(Due(Beijing(2025, 8, 2, 14, 29), returned: [Returned]));

        var reminder = Assert.Single(Due(Beijing(2025, 8, 2, 14, 30), returned: [Returned]));
        Assert.Equal(ReminderKind.ReportReturned, reminder.Kind);
        Assert.StartsWith("report:55:returned", reminder.Key, StringComparison.Ordinal);
        Assert.Equal(3, reminder.UnitId);
        Assert.Equal(21, reminder.UserId);
        Assert.Contains("0102 新增婴幼儿托位", reminder.Subject, StringComparison.Ordinal);
        Assert.Contains("托位数与附件不符", reminder.Body, StringComparison.Ordinal);
        Assert.Equal("/workspace/reports/55", reminder.Link);
    }

    [Fact]
    public void A_report_returned_twice_is_reminded_twice()
    {
        var again = Returned with { ReturnedAt = Beijing(2025, 8, 4, 9) };
        var first = Assert.Single(Due(Beijing(2025, 8, 3), returned: [Returned])).Key;
        var second = Assert.Single(Due(Beijing(2025, 8, 4, 9), returned: [again])).Key;
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void A_follow_up_is_announced_when_issued_and_again_when_past_its_deadline()
    {
        Assert.Empty(Due(Beijing(2025, 8, 8, 15), followUps: [FollowUp]));

        var issued = Assert.Single(Due(Beijing(2025, 8, 8, 16), followUps: [FollowUp]));
        Assert.Equal("followup:7:issued", issued.Key);
        Assert.Equal(ReminderKind.FollowUpIssued, issued.Kind);
        Assert.Equal(3, issued.UnitId);
        Assert.Contains("津南民心督〔2025〕3号", issued.Subject, StringComparison.Ordinal);
        Assert.Contains("2025年8月15日", issued.Body, StringComparison.Ordinal);
        Assert.Equal("/workspace/followups/7", issued.Link);

        // The deadline day itself is still in time.
        Assert.Equal(["followup:7:issued"], Keys(Due(Beijing(2025, 8, 15, 23, 59), followUps: [FollowUp])));

        var overdue = Assert.Single(Due(Beijing(2025, 8, 16), followUps: [FollowUp]), r => r.Kind == ReminderKind.FollowUpOverdue);
        Assert.Equal("followup:7:overdue", overdue.Key);
        Assert.Equal(3, overdue.UnitId);
        Assert.Contains("超期", overdue.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_follow_up_reminds_nobody()
    {
        Assert.Empty(Due(Beijing(2025, 9, 1), followUps: [FollowUp with { IsClosed = true }]));
    }

    [Fact]
    public void Keys_are_stable_across_runs_and_unique()
    {
        var rounds = new[]
        {
            JulyRound(true, Lagging, Done, new UnitFacts(5, "辛庄镇", 2, 1)),
            SeptemberRound(),
            // Due Tuesday 10-14: due soon from the working Saturday 10-11.
            JulyRound() with { RoundId = 14, DueDate = new DateOnly(2025, 10, 14) },
        };
        var returned = new[] { Returned, Returned with { ReportId = 56 }, Returned with { ReturnedAt = Beijing(2025, 8, 9) } };
        var followUps = new[] { FollowUp, FollowUp with { Id = 8 }, FollowUp with { Id = 9, IsClosed = true } };
        var now = Beijing(2025, 10, 12);

        var first = Due(now, rounds, returned, followUps);
        var second = Due(now, rounds.Reverse(), returned.Reverse(), followUps.Reverse());

        Assert.Equal(Keys(first), Keys(second));
        Assert.Equal(first.Count, first.Select(r => r.Key).Distinct().Count());
        Assert.Equal(
        [
            "round:12:opened",
            "round:14:opened",
            "report:55:returned:" + Beijing(2025, 8, 2, 14, 30).ToUnixTimeSeconds(),
            "report:56:returned:" + Beijing(2025, 8, 2, 14, 30).ToUnixTimeSeconds(),
            "round:12:overdue:unit:3",
            "round:12:overdue:unit:5",
            "followup:7:issued",
            "followup:8:issued",
            "report:55:returned:" + Beijing(2025, 8, 9).ToUnixTimeSeconds(),
            "followup:7:overdue",
            "followup:8:overdue",
            "round:13:opened",
            "round:13:overdue:unit:3",
            "round:14:due-soon:unit:3",
        ], Keys(first));
    }

    [Fact]
    public void Unit_facts_come_from_the_round_overview()
    {
        var unit = new ResponsibleUnit { Id = 3, Code = "zjw", Name = "区住建委" };
        var progress = new UnitRoundProgress(unit, Items: 6, Approved: 1, Submitted: 1, Returned: 1, Draft: 1, Missing: 2, Late: 0);
        Assert.Equal(new UnitFacts(3, "区住建委", 6, 4), UnitFacts.From(progress));
        Assert.Null(UnitFacts.From(progress with { Unit = null }));
    }
}
