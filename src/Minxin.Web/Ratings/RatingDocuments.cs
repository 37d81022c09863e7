using Minxin.Domain.Quantities;
using Minxin.Domain.Ratings;

namespace Minxin.Web.Ratings;

// The open-data shape of a satisfaction rating. Field names are a contract: add, never rename.

/// <summary>
/// An item's (or a program's) rating in its current window. <c>count</c> is always given; the split
/// (<c>satisfied</c>, <c>basicallySatisfied</c>, <c>dissatisfied</c>) and <c>rate</c> only once <c>published</c>
/// (count ≥ minimum), null before, so the API never says more than the page. No comment is ever in it.
/// </summary>
public sealed record RatingDocument(
    int WindowId,
    string Window,
    DateOnly OpensOn,
    DateOnly ClosesOn,
    bool Open,
    string State,
    int Count,
    int Minimum,
    bool Published,
    int? Satisfied,
    int? BasicallySatisfied,
    int? Dissatisfied,
    decimal? Rate,
    string Text,
    string Rule,
    DeputiesDocument? Deputies);

/// <summary>人大代表测评: a tally entered by the coordinator, published as entered, labelled apart from readers' ratings.</summary>
public sealed record DeputiesDocument(int Satisfied, int BasicallySatisfied, int Dissatisfied, int Count, decimal? Rate, string Source, DateOnly EnteredOn, string Label);

public static class RatingDocuments
{
    public const string DeputiesLabel = "人大代表测评（录入）";

    /// <summary>The item's rating as its page shows it, or null when no window covers it.</summary>
    public static RatingDocument? Item(ProgramRatings ratings, int itemId, DateOnly today) =>
        ratings.CurrentFor(itemId, today) is { } w ? Of(w, w.ItemResult(itemId), w.Deputies(itemId), today) : null;

    /// <summary>The program's rating (every rating of its current window), or null when it has no window.</summary>
    public static RatingDocument? Program(ProgramRatings ratings, DateOnly today) =>
        ratings.Current(today) is { } w ? Of(w, w.Program, null, today) : null;

    public static RatingDocument Of(WindowResults w, RatingResult result, DeputyTally? deputies, DateOnly today)
    {
        var published = result.IsPublished;
        return new RatingDocument(
            w.Window.Id, w.Window.Title, w.Window.OpensOn, w.Window.ClosesOn, w.IsOpenOn(today), State(w, today),
            result.Count, w.Window.MinimumRatings, published,
            published ? result.Satisfied : null, published ? result.BasicallySatisfied : null, published ? result.Dissatisfied : null,
            result.Rate, result.Sentence(), RatingText.Rule,
            deputies is null ? null : Deputies(deputies));
    }

    public static DeputiesDocument Deputies(DeputyTally t)
    {
        var result = RatingResult.Of(t);
        return new DeputiesDocument(t.Satisfied, t.BasicallySatisfied, t.Dissatisfied, result.Count, result.Rate, t.Source, ChinaTime.Date(t.EnteredAt), DeputiesLabel);
    }

    /// <summary>"open", "upcoming" or "closed".</summary>
    public static string State(WindowResults w, DateOnly today) =>
        w.IsOpenOn(today) ? "open" : w.Window.EndedAt is null && today < w.Window.OpensOn ? "upcoming" : "closed";
}
