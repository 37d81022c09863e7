using Minxin.Domain.Calendar;
using Minxin.Domain.Quantities;

namespace Minxin.Domain.Messages;

/// <summary>
/// The published promise (服务时限): an answer within N working days of the day a message arrived, counted on the
/// working-day calendar (holidays off, 调休 days on). A message received on a Friday with 5 days is due the next Friday.
/// </summary>
public static class ServiceLevel
{
    public const int DefaultWorkingDays = 5;

    public const int MaxWorkingDays = 60;

    public static DateOnly DueOn(DateTimeOffset receivedAt, int workingDays, WorkingCalendar calendar) =>
        calendar.AddWorkingDays(ChinaTime.Date(receivedAt), workingDays);

    /// <summary>Working days from the day received to the day answered: 0 when answered the same day.</summary>
    public static int WorkingDaysTaken(DateTimeOffset receivedAt, DateTimeOffset answeredAt, WorkingCalendar calendar)
    {
        var from = ChinaTime.Date(receivedAt);
        var to = ChinaTime.Date(answeredAt);
        var days = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (calendar.IsWorkingDay(date))
            {
                days++;
            }
        }
        return days;
    }

    public static bool AnsweredInTime(CitizenMessage message) =>
        message.AnsweredAt is { } answered && ChinaTime.Date(answered) <= message.DueOn;

    /// <summary>"5个工作日内答复" as the public pages state the promise.</summary>
    public static string Promise(int workingDays) => $"{workingDays}个工作日内答复";
}

/// <summary>
/// The public counters of messages (or help requests, or objections): how many came, how many were answered, how
/// many within the service level, and the average working days to an answer. Hidden messages still count as
/// received (moderation does not make a message disappear from the tally), and as answered when they were answered
/// before a coordinator hid them: the sender did get the answer.
/// </summary>
public sealed record MessageCounters(int Received, int Answered, int AnsweredInTime, decimal? AverageWorkingDays)
{
    public static MessageCounters Of(IEnumerable<CitizenMessage> messages, WorkingCalendar calendar)
    {
        var list = messages.ToList();
        var answered = list.Where(m => m.AnsweredAt is not null).ToList();
        decimal? average = answered.Count == 0 ? null
            : Math.Round((decimal)answered.Sum(m => ServiceLevel.WorkingDaysTaken(m.ReceivedAt, m.AnsweredAt!.Value, calendar)) / answered.Count, 1,
                MidpointRounding.AwayFromZero);
        return new MessageCounters(list.Count, answered.Count, answered.Count(ServiceLevel.AnsweredInTime), average);
    }

    /// <summary>"收到留言12条，已答复10条，其中9条在5个工作日内答复，平均用时2.3个工作日".</summary>
    public string Sentence(string noun, int workingDays) =>
        Received == 0 ? $"暂无{noun}"
        : $"收到{noun}{Received}条，已答复{Answered}条，其中{AnsweredInTime}条在{workingDays}个工作日内答复"
          + (AverageWorkingDays is { } average ? $"，平均用时{average:0.#}个工作日" : "");
}
