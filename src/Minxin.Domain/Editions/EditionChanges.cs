using Minxin.Domain.ReportCards;

namespace Minxin.Domain.Editions;

/// <summary>
/// An edition's changes against the previous one, with their summary and a lookup by item, so a page can mark each
/// item ("较上期：…" at the top, a mark beside every item that changed).
/// </summary>
public sealed class EditionChanges
{
    private readonly ILookup<string, EditionChange> _byItem;

    private EditionChanges(DateOnly? previousAsOf, DateOnly currentAsOf, IReadOnlyList<EditionChange> all)
    {
        PreviousAsOf = previousAsOf;
        CurrentAsOf = currentAsOf;
        All = all;
        _byItem = all.ToLookup(c => c.ItemCode);
        Summary = new EditionSummary(previousAsOf is null, all);
    }

    /// <summary>The changes of <paramref name="current"/> against <paramref name="previous"/>; null previous is the first edition.</summary>
    public static EditionChanges Between(ReportCard? previous, ReportCard current) =>
        new(previous?.AsOf, current.AsOf, EditionComparison.Compare(previous, current));

    /// <summary>The previous edition's date; null for the first edition.</summary>
    public DateOnly? PreviousAsOf { get; }

    public DateOnly CurrentAsOf { get; }

    public bool IsFirstEdition => PreviousAsOf is null;

    public IReadOnlyList<EditionChange> All { get; }

    public EditionSummary Summary { get; }

    /// <summary>One item's changes, in the order <see cref="EditionComparison.Compare"/> gives; empty when it has none.</summary>
    public IReadOnlyList<EditionChange> ForItem(string itemCode) => _byItem[itemCode].ToList();

    /// <summary>The kinds of change an item shows, each once, in the enum's order: what a mark beside the item needs.</summary>
    public IReadOnlyList<EditionChangeKind> KindsFor(string itemCode) => _byItem[itemCode].Select(c => c.Kind).Distinct().Order().ToList();
}
