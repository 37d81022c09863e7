using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;

namespace Minxin.Domain.ReportCards;

/// <summary>
/// Computes the card as of a date from approved reports dated up to it. A report dated after the date never
/// changes the card as of the date; of several versions for one date, the latest correction counts.
/// </summary>
public static class ReportCardCalculator
{
    public static ReportCard Compute(LivelihoodProgram program, DateOnly asOf)
    {
        var categories = program.Categories
            .OrderBy(c => c.Number)
            .Select(c => new CategoryCard(c, c.Items.OrderBy(i => i.Number).Select(i => ItemAsOf(i, asOf)).ToList()))
            .ToList();
        var totals = StatusTotals.Count(categories.SelectMany(c => c.Items).Select(i => i.Status));
        var reportDates = program.Categories.SelectMany(c => c.Items).SelectMany(i => i.Reports)
            .Where(r => r.IsPublic).Select(r => r.AsOf).Distinct().Order().ToList();
        return new ReportCard(program, asOf, totals, categories) { ReportDates = reportDates };
    }

    /// <summary>"The latest data": the date of the newest public report, or the program's first day before any.</summary>
    public static DateOnly LatestReportDate(LivelihoodProgram program) =>
        program.Categories.SelectMany(c => c.Items).SelectMany(i => i.Reports).Where(r => r.IsPublic)
            .Select(r => r.AsOf).DefaultIfEmpty(program.FirstDay).Max();

    public static ItemCard ItemAsOf(Item item, DateOnly asOf)
    {
        var reports = CurrentReports(item.Reports, asOf);
        var latest = reports.Count > 0 ? reports[^1] : null;
        var indicators = item.Indicators.OrderBy(i => i.Position).Select(i => IndicatorAsOf(i, reports)).ToList();
        var sites = item.Sites.OrderBy(s => s.Position)
            .Select(s => new SiteProgress(s, reports
                .SelectMany(r => r.SiteUpdates.Where(u => Same(u.Site, u.SiteId, s, s.Id)))
                .LastOrDefault()))
            .ToList();
        return new ItemCard(item, StatusOf(latest), latest, indicators, sites,
            latest is null ? null : asOf.DayNumber - latest.AsOf.DayNumber);
    }

    public static ItemStatus StatusAsOf(Item item, DateOnly asOf) => StatusOf(CurrentReports(item.Reports, asOf).LastOrDefault());

    private static ItemStatus StatusOf(ProgressReport? latest) => latest?.Status ?? ItemStatus.NotStarted;

    /// <summary>Public reports dated up to <paramref name="asOf"/>, one per date (the latest version), oldest first.</summary>
    public static List<ProgressReport> CurrentReports(IEnumerable<ProgressReport> reports, DateOnly asOf) =>
        reports.Where(r => r.IsPublic && r.AsOf <= asOf)
            .GroupBy(r => r.AsOf)
            .Select(g => g.MaxBy(r => r.Version)!)
            .OrderBy(r => r.AsOf)
            .ToList();

    /// <summary>Every public report of the item, newest first, each correction above the version it replaces.</summary>
    public static IReadOnlyList<ProgressReport> Timeline(Item item) =>
        item.Reports.Where(r => r.IsPublic).OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Version).ToList();

    // Loaded rows match by id; objects built in memory (a data file before it is saved) by reference.
    private static bool Same(object? navigation, int foreignKey, object entity, int id) =>
        ReferenceEquals(navigation, entity) || (id != 0 && foreignKey == id);

    private static IndicatorProgress IndicatorAsOf(Indicator indicator, List<ProgressReport> reportsOldestFirst)
    {
        var values = reportsOldestFirst
            .SelectMany(r => r.Values.Where(v => Same(v.Indicator, v.IndicatorId, indicator, indicator.Id)))
            .ToList();
        if (values.Count == 0)
        {
            return new IndicatorProgress(indicator, null, null, null);
        }
        var latest = values.OrderBy(v => v.Period.To).ThenBy(v => v.Report.AsOf).Last();
        if (indicator.Accumulation == Accumulation.Cumulative)
        {
            return new IndicatorProgress(indicator, latest, latest.Value, latest.Period);
        }
        // Per-period figures add up; a later report about the same period replaces the earlier one.
        var perPeriod = values.GroupBy(v => v.Period).Select(g => g.Last()).ToList();
        var span = new Period(perPeriod.Min(v => v.Period.From), perPeriod.Max(v => v.Period.To));
        return new IndicatorProgress(indicator, latest, perPeriod.Sum(v => v.Value), span);
    }
}
