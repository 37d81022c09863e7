using Minxin.Domain.Oversight;
using static Minxin.Domain.Tests.Messages.MessageTestData;

namespace Minxin.Domain.Tests.Messages;

/// <summary>
/// Message digests in <see cref="Reminders.Due"/>: one per unit (or region's coordinators) per China day at 09:00,
/// counting what arrived in the 24 hours before and still waits, and what is past its due day; keys stable within
/// the day, so a flood of messages is one mail.
/// </summary>
public class MessageReminderTests
{
    private const int Region = 1;

    private static MessageFacts Fact(int id, DateTimeOffset at, int? unit = 3, bool awaitsUnit = true) =>
        new(id, Region, unit, unit is null ? null : "区住建委", at, Domain.Messages.ServiceLevel.DueOn(at, 5, Bundled), awaitsUnit);

    private static IReadOnlyList<Reminder> Due(DateTimeOffset now, IEnumerable<MessageFacts> messages) =>
        Reminders.Due(now, Bundled, [], [], [], messages);

    private static readonly MessageFacts[] Flood = [.. Enumerable.Range(1, 30).Select(i => Fact(i, Beijing(2025, 8, 4, 10, i)))];

    [Fact]
    public void A_flood_is_one_digest_the_next_morning_at_nine()
    {
        Assert.Empty(Due(Beijing(2025, 8, 4, 23, 59), Flood));
        Assert.Empty(Due(Beijing(2025, 8, 5, 8, 59), Flood));
        var digest = Assert.Single(Due(Beijing(2025, 8, 5, 9), Flood));
        Assert.Equal(("messages:new:unit:3:2025-08-05", ReminderKind.MessagesNew, 3, (int?)null), (digest.Key, digest.Kind, digest.UnitId, digest.CoordinatorsOf));
        Assert.Equal("【民心工程】新留言30条待答复", digest.Subject);
        Assert.Contains("请登录工作台查看", digest.Body, StringComparison.Ordinal);
        Assert.Equal("/workspace/messages", digest.Link);
        // Later the same day: the same key, so the sender sends it once.
        Assert.Equal(digest.Key, Assert.Single(Due(Beijing(2025, 8, 5, 17), Flood)).Key);
    }

    [Fact]
    public void Program_level_messages_and_drafted_replies_go_to_the_regions_coordinators()
    {
        var facts = new[] { Fact(1, Beijing(2025, 8, 4, 10), unit: null), Fact(2, Beijing(2025, 8, 4, 11), awaitsUnit: false) };
        var digest = Assert.Single(Due(Beijing(2025, 8, 5, 9, 30), facts));
        Assert.Equal(("messages:new:region:1:2025-08-05", (int?)null, (int?)Region), (digest.Key, digest.UnitId, digest.CoordinatorsOf));
        Assert.Equal("【民心工程】新留言2条待答复", digest.Subject);
    }

    [Fact]
    public void Past_the_due_day_one_overdue_digest_a_day_and_no_new_one()
    {
        // Received Monday 4 August, due Monday 11 August.
        var overdue = Assert.Single(Due(Beijing(2025, 8, 12, 9), Flood));
        Assert.Equal(("messages:overdue:unit:3:2025-08-12", ReminderKind.MessagesOverdue), (overdue.Key, overdue.Kind));
        Assert.Equal("【民心工程】留言30条已超过答复期限", overdue.Subject);
        Assert.Equal("messages:overdue:unit:3:2025-08-13", Assert.Single(Due(Beijing(2025, 8, 13, 9), Flood)).Key);
        Assert.Empty(Due(Beijing(2025, 8, 11, 9), Flood.Where(f => f.Id > 30)));
    }
}
