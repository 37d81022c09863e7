using Minxin.Domain.Programs;

namespace Minxin.Domain.Progress;

/// <summary>Where one item stands in a round.</summary>
public enum TaskState
{
    /// <summary>Nothing reported yet.</summary>
    Missing,
    Draft,
    Submitted,
    Returned,
    Approved,
}

/// <summary>One unit's items in a round: how many are approved, submitted, returned, in draft, missing, late.</summary>
public sealed record UnitRoundProgress(ResponsibleUnit? Unit, int Items, int Approved, int Submitted, int Returned, int Draft, int Missing, int Late);

/// <summary>How far a round has got, item by item and unit by unit (the round overview of 民心办).</summary>
public static class RoundProgress
{
    /// <summary>
    /// The item's state in the round: approved once any version as of the round's date is approved (a correction
    /// in progress does not undo that); otherwise the state of its latest version.
    /// </summary>
    public static TaskState StateOf(Item item, ReportingRound round)
    {
        var reports = item.Reports.Where(r => r.AsOf == round.AsOf).ToList();
        if (reports.Count == 0)
        {
            return TaskState.Missing;
        }
        if (reports.Any(r => r.Review == ReviewState.Approved))
        {
            return TaskState.Approved;
        }
        return reports.MaxBy(r => r.Version)!.Review switch
        {
            ReviewState.Draft => TaskState.Draft,
            ReviewState.Submitted => TaskState.Submitted,
            ReviewState.Returned => TaskState.Returned,
            _ => TaskState.Approved,
        };
    }

    /// <summary>Late (逾期未报): past the due date and not yet in the coordinator's hands.</summary>
    public static bool IsLate(TaskState state, ReportingRound round, DateOnly today) =>
        state is TaskState.Missing or TaskState.Draft or TaskState.Returned && today > round.DueDate;

    /// <summary>
    /// Whether the round asks for this item: every item except those already reported completed or cancelled before
    /// the round's date (an approved report says so; nothing is inferred from 100 %).
    /// </summary>
    public static bool MustReport(Item item, ReportingRound round)
    {
        var before = item.Reports.Where(r => r.Review == ReviewState.Approved && r.AsOf < round.AsOf)
            .OrderBy(r => r.AsOf).ThenBy(r => r.Version).LastOrDefault();
        return before?.Status is not (ItemStatus.Completed or ItemStatus.Cancelled);
    }

    /// <summary>Per lead unit (the unit that answers for the item), items without a lead unit last under null.</summary>
    public static IReadOnlyList<UnitRoundProgress> ByUnit(IEnumerable<Item> items, ReportingRound round, DateOnly today) =>
        items.Where(i => MustReport(i, round))
            .GroupBy(i => i.LeadUnit)
            .Select(g =>
            {
                var states = g.Select(i => StateOf(i, round)).ToList();
                int Count(TaskState s) => states.Count(x => x == s);
                return new UnitRoundProgress(g.Key, states.Count, Count(TaskState.Approved), Count(TaskState.Submitted),
                    Count(TaskState.Returned), Count(TaskState.Draft), Count(TaskState.Missing), states.Count(s => IsLate(s, round, today)));
            })
            .OrderBy(p => p.Unit is null).ThenBy(p => p.Unit?.Code, StringComparer.Ordinal)
            .ToList();
}
