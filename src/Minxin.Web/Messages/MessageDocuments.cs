using Minxin.Domain.Messages;

namespace Minxin.Web.Messages;

// The open data of citizens' messages. Add, never rename. Never a name or a contact, not even masked.

/// <summary>Counters of messages, help requests or objections: <c>averageWorkingDays</c> is null until one is answered.</summary>
public sealed record CountersDocument(int Received, int Answered, int AnsweredInTime, decimal? AverageWorkingDays)
{
    public static CountersDocument Of(MessageCounters c) => new(c.Received, c.Answered, c.AnsweredInTime, c.AverageWorkingDays);
}

/// <summary>An item's messages (留言): the counters and every published question with its reply.</summary>
public sealed record MessagesDocument(int Received, int Answered, int AnsweredInTime, decimal? AverageWorkingDays, IReadOnlyList<PublishedMessageDocument> Published)
{
    public static MessagesDocument Of(ItemBoard board)
    {
        var c = board.Messages;
        return new(c.Received, c.Answered, c.AnsweredInTime, c.AverageWorkingDays,
            board.Published.Select(a => new PublishedMessageDocument(a.Question, a.Reply, a.AskedOn, a.AnsweredOn)).ToList());
    }
}

public sealed record PublishedMessageDocument(string Question, string Reply, DateOnly AskedOn, DateOnly AnsweredOn);
