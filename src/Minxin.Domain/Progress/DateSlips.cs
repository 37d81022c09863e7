using Minxin.Domain.Programs;
using Minxin.Domain.Quantities;
using Minxin.Domain.ReportCards;

namespace Minxin.Domain.Progress;

/// <summary>
/// One move of an expected completion (预计9月 → 预计10月) between consecutive public reports: of the item when
/// <see cref="SiteKey"/> is null, else of that site. <see cref="ReportedOn"/> is the as-of date of the report that moved it.
/// </summary>
public sealed record DateSlip(string? SiteKey, string? SiteName, ExpectedDate From, ExpectedDate To, DateOnly ReportedOn, string? Reason)
{
    /// <summary>推迟 rather than 提前: the new date holds until a later day.</summary>
    public bool IsDelay => To.LatestDay > From.LatestDay;

    /// <summary>"2025年7月31日报送：预计完成时间由2025年9月推迟至2025年10月（原因：…）".</summary>
    public string Sentence =>
        $"{ChineseDates.Full(ReportedOn)}报送：{SiteName}预计完成时间由{ChineseDates.Expected(From)}{(IsDelay ? "推迟至" : "提前至")}{ChineseDates.Expected(To)}{WithReason(Reason)}";

    private static string WithReason(string? reason) => string.IsNullOrWhiteSpace(reason) ? "" : $"（原因：{reason.Trim()}）";
}

/// <summary>The expected completion of an item or of one site over its reports: the first ever given, the latest, and each move.</summary>
public sealed record DateSlipHistory(string? SiteKey, string? SiteName, ExpectedDate? Original, ExpectedDate? Current, IReadOnlyList<DateSlip> Slips)
{
    public int Count => Slips.Count;

    /// <summary>
    /// "原定2025年9月 → 现预计2025年10月（原因：…），已调整1次" (the reason of the latest move, when it gave one);
    /// "预计2025年9月，未调整" when the date never moved; null when no date was ever reported. A site's sentence starts
    /// with its name and "：".
    /// </summary>
    public string? Summary
    {
        get
        {
            if (Original is not { } original || Current is not { } current)
            {
                return null;
            }
            var site = SiteName is null ? "" : SiteName + "：";
            if (Slips.Count == 0)
            {
                return $"{site}预计{ChineseDates.Expected(current)}，未调整";
            }
            var reason = Slips[^1].Reason is { } r && !string.IsNullOrWhiteSpace(r) ? $"（原因：{r.Trim()}）" : "";
            return $"{site}原定{ChineseDates.Expected(original)} → 现预计{ChineseDates.Expected(current)}{reason}，已调整{Slips.Count}次";
        }
    }
}

/// <summary>An item's date-slip history (预计完成时间的调整记录): its own, and each site's.</summary>
public sealed record ItemDateSlips(string ItemCode, DateSlipHistory Item, IReadOnlyList<DateSlipHistory> Sites)
{
    /// <summary>Every move, the item's and the sites', by report date (the item's first on one date), then site order.</summary>
    public IReadOnlyList<DateSlip> All => Item.Slips.Concat(Sites.SelectMany(s => s.Slips))
        .OrderBy(s => s.ReportedOn).ThenBy(s => s.SiteKey is null ? 0 : 1).ToList();

    public DateSlipHistory? Site(string siteKey) => Sites.FirstOrDefault(s => s.SiteKey == siteKey);
}

/// <summary>
/// Computes date slips from an item's public reports, one per as-of date (the latest version), oldest first, as the
/// card sees them (<see cref="ReportCardCalculator.CurrentReports"/>). A report that gives no date leaves the last one
/// standing; a move is a change of the last day the date holds, so "2025-09" → "2025-09-30" only restates it.
/// </summary>
public static class DateSlips
{
    /// <summary>The history as of <paramref name="asOf"/> (reports dated up to it), or from all public reports.</summary>
    public static ItemDateSlips Of(Item item, DateOnly? asOf = null)
    {
        var reports = ReportCardCalculator.CurrentReports(item.Reports, asOf ?? DateOnly.MaxValue);
        var itemHistory = History(null, null, reports.Select(r => (r.AsOf, r.ExpectedCompletion, r.ExpectedCompletionReason)));
        var sites = item.Sites.OrderBy(s => s.Position)
            .Select(site => History(site.Key, site.Name, reports.SelectMany(r => r.SiteUpdates
                .Where(u => SiteKeyOf(u, item) == site.Key)
                .Select(u => (r.AsOf, u.ExpectedCompletion, r.ExpectedCompletionReason)))))
            .ToList();
        return new ItemDateSlips(item.Code, itemHistory, sites);
    }

    private static DateSlipHistory History(string? siteKey, string? siteName,
        IEnumerable<(DateOnly ReportedOn, ExpectedDate? Expected, string? Reason)> reportsOldestFirst)
    {
        ExpectedDate? original = null;
        ExpectedDate? current = null;
        var slips = new List<DateSlip>();
        foreach (var (reportedOn, expected, reason) in reportsOldestFirst)
        {
            if (expected is not { } date)
            {
                continue;
            }
            original ??= date;
            if (current is { } last && last.LatestDay != date.LatestDay)
            {
                slips.Add(new DateSlip(siteKey, siteName, last, date, reportedOn, reason));
            }
            current = date;
        }
        return new DateSlipHistory(siteKey, siteName, original, current, slips);
    }

    // In memory a site update points at its site; loaded rows may carry only the id.
    private static string? SiteKeyOf(SiteUpdate update, Item item) =>
        update.Site?.Key ?? item.Sites.FirstOrDefault(s => s.Id != 0 && s.Id == update.SiteId)?.Key;
}
