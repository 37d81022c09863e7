using Minxin.Domain.Messages;
using static Minxin.Domain.Tests.Messages.MessageTestData;

namespace Minxin.Domain.Tests.Messages;

/// <summary>The service level in working days on the official calendar, counted from the day received in Beijing; and the public counters.</summary>
public class ServiceLevelTests
{
    [Fact]
    public void Five_working_days_from_a_friday_are_the_next_friday()
    {
        Assert.Equal(new DateOnly(2025, 8, 8), ServiceLevel.DueOn(Beijing(2025, 8, 1, 15), 5, Bundled));
    }

    [Fact]
    public void The_national_day_holiday_does_not_count_and_the_sunday_worked_instead_does()
    {
        // Friday 26 September: Sunday the 28th is worked (调休), 1–8 October are off.
        Assert.Equal(new DateOnly(2025, 10, 10), ServiceLevel.DueOn(Beijing(2025, 9, 26, 10), 5, Bundled));
        Assert.Equal(4, ServiceLevel.WorkingDaysTaken(Beijing(2025, 9, 26, 10), Beijing(2025, 10, 9, 16), Bundled));
    }

    [Fact]
    public void The_day_received_is_beijings_not_utcs()
    {
        // 17:00 UTC on Thursday 31 July is 01:00 on Friday 1 August in Beijing.
        var at = new DateTimeOffset(2025, 7, 31, 17, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2025, 8, 8), ServiceLevel.DueOn(at, 5, Bundled));
    }

    [Fact]
    public void Answered_the_same_day_is_zero_working_days_and_in_time()
    {
        var message = Received(Beijing(2025, 8, 4, 9));
        Assert.Equal(0, ServiceLevel.WorkingDaysTaken(message.ReceivedAt, Beijing(2025, 8, 4, 18), Bundled));
        message.AnsweredAt = Beijing(2025, 8, 11, 23, 59);
        Assert.True(ServiceLevel.AnsweredInTime(message));
        message.AnsweredAt = Beijing(2025, 8, 12, 0, 1);
        Assert.False(ServiceLevel.AnsweredInTime(message));
        Assert.Equal("5个工作日内答复", ServiceLevel.Promise(5));
    }

    [Fact]
    public void Counters_count_hidden_messages_as_received_and_average_the_answered()
    {
        var quick = Received(Beijing(2025, 8, 4, 9));
        quick.AnsweredAt = Beijing(2025, 8, 4, 17);
        var late = Received(Beijing(2025, 8, 4, 9));
        late.AnsweredAt = Beijing(2025, 8, 13, 10); // 7 working days
        var waiting = Received(Beijing(2025, 8, 5, 9));
        var hidden = Received(Beijing(2025, 8, 5, 9));
        hidden.Visibility = MessageVisibility.Hidden;

        var counters = MessageCounters.Of([quick, late, waiting, hidden], Bundled);
        Assert.Equal(new MessageCounters(4, 2, 1, 3.5m), counters);
        Assert.Equal("收到留言4条，已答复2条，其中1条在5个工作日内答复，平均用时3.5个工作日", counters.Sentence("留言", 5));
        Assert.Equal("暂无留言", MessageCounters.Of([], Bundled).Sentence("留言", 5));
    }
}
