using Minxin.Domain.Progress;
using Minxin.Domain.ReportCards;

namespace Minxin.Domain.Editions;

/// <summary>
/// What changed between two editions (成绩单) of one program. Each edition is a frozen copy loaded on its own, so
/// items match by code ("07-1"), indicators and sites by key, never by reference or database id.
/// </summary>
public static class EditionComparison
{
    /// <summary>
    /// The changes, items in the order of the current card and, within an item: completed, each indicator's figure and
    /// target (in indicator order), the item's expected date, the sites' dates, new sites, no new report. The first
    /// edition (no previous) has none. Items, indicators and sites that are gone from the plan are not reported; an
    /// item new to the plan is compared with an empty one, without its sites counted as new.
    /// </summary>
    public static IReadOnlyList<EditionChange> Compare(ReportCard? previous, ReportCard current)
    {
        if (previous is null)
        {
            return [];
        }
        if (previous.Program.Code != current.Program.Code)
        {
            throw new ArgumentException($"Editions of different programs: {previous.Program.Code} and {current.Program.Code}.", nameof(previous));
        }
        var previousItems = previous.Items.ToDictionary(i => i.Item.Code);
        return current.Items
            .SelectMany(item => CompareItem(previousItems.GetValueOrDefault(item.Item.Code), item))
            .ToList();
    }

    private static IEnumerable<EditionChange> CompareItem(ItemCard? before, ItemCard now)
    {
        var code = now.Item.Code;
        if (now.Status == ItemStatus.Completed && before?.Status != ItemStatus.Completed)
        {
            yield return new EditionChange(code, EditionChangeKind.Completed);
        }

        var indicatorsBefore = before?.Indicators.ToDictionary(i => i.Indicator.Key) ?? [];
        foreach (var indicator in now.Indicators)
        {
            var was = indicatorsBefore.GetValueOrDefault(indicator.Indicator.Key);
            if (Figure(code, was, indicator, now) is { } figure)
            {
                yield return figure;
            }
            // A new indicator's target is part of a new plan line, not a revision.
            if (was is not null && was.Indicator.Target != indicator.Indicator.Target)
            {
                yield return Named(new EditionChange(code, EditionChangeKind.TargetRevised), indicator) with
                {
                    FromValue = was.Indicator.Target,
                    ToValue = indicator.Indicator.Target,
                };
            }
        }

        if (before is not null)
        {
            if (DateMove(code, before.ExpectedCompletion, now.ExpectedCompletion, now.LatestReport) is { } itemMove)
            {
                yield return itemMove;
            }
            var sitesBefore = before.Sites.ToDictionary(s => s.Site.Key);
            foreach (var site in now.Sites)
            {
                if (sitesBefore.GetValueOrDefault(site.Site.Key) is { } was
                    && DateMove(code, was.Latest?.ExpectedCompletion, site.Latest?.ExpectedCompletion, site.Latest?.Report) is { } siteMove)
                {
                    yield return siteMove with { SiteKey = site.Site.Key, SiteName = site.Site.Name };
                }
            }
            foreach (var site in now.Sites.Where(s => !sitesBefore.ContainsKey(s.Site.Key)))
            {
                yield return new EditionChange(code, EditionChangeKind.NewSite) { SiteKey = site.Site.Key, SiteName = site.Site.Name, ToText = site.Site.Name };
            }
        }

        if (SameLatestReport(before?.LatestReport, now.LatestReport))
        {
            yield return new EditionChange(code, EditionChangeKind.NoNewReport);
        }
    }

    private static EditionChange? Figure(string code, IndicatorProgress? was, IndicatorProgress now, ItemCard item)
    {
        if (now.ActualValue is not { } value || was?.ActualValue == value)
        {
            return null;
        }
        var fell = was?.ActualValue is { } before && value < before;
        var change = Named(new EditionChange(code, fell ? EditionChangeKind.Fell : EditionChangeKind.Rose), now) with
        {
            FromValue = was?.ActualValue,
            ToValue = value,
            FromPercent = was?.DisplayPercent,
            ToPercent = now.DisplayPercent,
        };
        // A figure that went down must say why; a correction does (its note), a plain later report has no reason field.
        var report = now.Report ?? item.LatestReport;
        return fell ? change with { Reason = report is { Version: > 1 } ? report.CorrectionNote : null } : change;
    }

    // Moves compare the last day each date still holds: "2025-09" and "2025-09-30" are the same expectation.
    private static EditionChange? DateMove(string code, Quantities.ExpectedDate? before, Quantities.ExpectedDate? now, ProgressReport? report) =>
        before is { } from && now is { } to && from.LatestDay != to.LatestDay
            ? new EditionChange(code, EditionChangeKind.DateMoved)
            {
                FromText = from.ToString(),
                ToText = to.ToString(),
                Reason = report?.ExpectedCompletionReason,
            }
            : null;

    private static EditionChange Named(EditionChange change, IndicatorProgress indicator) => change with
    {
        IndicatorKey = indicator.Indicator.Key,
        IndicatorName = indicator.Indicator.Name,
        Unit = indicator.Indicator.Unit,
    };

    // The same report in two frozen copies is the same date and version, not the same object.
    private static bool SameLatestReport(ProgressReport? before, ProgressReport? now) =>
        (before, now) switch
        {
            (null, null) => true,
            ({ } b, { } n) => b.AsOf == n.AsOf && b.Version == n.Version,
            _ => false,
        };
}
