using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;

namespace Minxin.Domain.ReportCards;

/// <summary>成绩单: the program as of a date, computed from the reports approved for dates up to it.</summary>
public sealed record ReportCard(
    LivelihoodProgram Program,
    DateOnly AsOf,
    StatusTotals Totals,
    IReadOnlyList<CategoryCard> Categories)
{
    /// <summary>"截至2025年6月底，4个子项已完成，其余22个子项正在加快推进".</summary>
    public string Headline => Headlines.For(AsOf, Totals);

    public IEnumerable<ItemCard> Items => Categories.SelectMany(c => c.Items);

    /// <summary>The as-of dates of the public reports: the dates at which the card changes.</summary>
    public IReadOnlyList<DateOnly> ReportDates { get; init; } = [];
}

public sealed record StatusTotals(int Items, int Completed, int InProgress, int NotStarted, int Delayed, int Cancelled)
{
    public static StatusTotals Count(IEnumerable<ItemStatus> statuses)
    {
        var list = statuses.ToList();
        int Of(ItemStatus s) => list.Count(x => x == s);
        return new StatusTotals(list.Count, Of(ItemStatus.Completed), Of(ItemStatus.InProgress),
            Of(ItemStatus.NotStarted), Of(ItemStatus.Delayed), Of(ItemStatus.Cancelled));
    }
}

public sealed record CategoryCard(Category Category, IReadOnlyList<ItemCard> Items)
{
    public int Number => Category.Number;

    public string Name => Category.Name;

    public StatusTotals Totals => StatusTotals.Count(Items.Select(i => i.Status));
}

public sealed record ItemCard(
    Item Item,
    ItemStatus Status,
    ProgressReport? LatestReport,
    IReadOnlyList<IndicatorProgress> Indicators,
    IReadOnlyList<SiteProgress> Sites,
    int? DaysSinceLastUpdate)
{
    public ExpectedDate? ExpectedCompletion => LatestReport?.ExpectedCompletion;
}

/// <summary>One indicator as of the card's date: the latest figure, the report that gave it, and the percent of target.</summary>
public sealed record IndicatorProgress(Indicator Indicator, IndicatorValue? Actual, decimal? ActualValue, Period? ActualPeriod)
{
    /// <summary>Exact: 5119/6000 is 85.3166…; null without a target or a figure.</summary>
    public decimal? Percent => ReportCards.Percent.Of(ActualValue, Indicator.Target);

    /// <summary>What to display (<see cref="ReportCards.Percent.Shown"/>): the floored computed percent, or the stated one without a target.</summary>
    public decimal? DisplayPercent => ReportCards.Percent.Shown(ActualValue, Indicator.Target, Actual?.StatedPercent);

    public ProgressReport? Report => Actual?.Report;
}

public sealed record SiteProgress(Site Site, SiteUpdate? Latest);
