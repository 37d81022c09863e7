using Minxin.Domain.Quantities;

namespace Minxin.Domain.Progress;

/// <summary>One figure of a report beside the same indicator's figure in the report before it.</summary>
public sealed record FigureChange(string IndicatorKey, string IndicatorName, string Unit, decimal? Before, decimal? After, bool Cumulative)
{
    /// <summary>A cumulative figure that went down is suspect: the reviewer sees it flagged.</summary>
    public bool WentDown => Cumulative && Before is { } b && After is { } a && a < b;

    public bool Changed => Before != After;
}

/// <summary>What a submitted report changes against the last approved report of its item (审核对照).</summary>
public sealed record ReportComparison(
    ProgressReport Report,
    ProgressReport? Previous,
    IReadOnlyList<FigureChange> Figures,
    bool StatusChanged,
    bool ExpectedCompletionChanged,
    bool NarrativeChanged)
{
    public bool AnyFigureWentDown => Figures.Any(f => f.WentDown);

    /// <summary>
    /// The report against the latest approved report of the same item dated before it, or, for a correction, the
    /// approved version it corrects.
    /// </summary>
    public static ReportComparison Of(ProgressReport report, IEnumerable<ProgressReport> itemReports)
    {
        var previous = itemReports
            .Where(r => r.Review == ReviewState.Approved && r != report
                && (r.AsOf < report.AsOf || (r.AsOf == report.AsOf && r.Version < report.Version)))
            .OrderBy(r => r.AsOf).ThenBy(r => r.Version)
            .LastOrDefault();
        var indicators = report.Values.Select(v => v.Indicator)
            .Concat(previous?.Values.Select(v => v.Indicator) ?? [])
            .DistinctBy(i => i.Key)
            .OrderBy(i => i.Position);
        var figures = indicators.Select(i => new FigureChange(i.Key, i.Name, i.Unit,
                previous?.Values.FirstOrDefault(v => v.Indicator.Key == i.Key)?.Value,
                report.Values.FirstOrDefault(v => v.Indicator.Key == i.Key)?.Value,
                i.Accumulation == Accumulation.Cumulative))
            .ToList();
        return new ReportComparison(report, previous, figures,
            previous is not null && previous.Status != report.Status,
            previous is not null && previous.ExpectedCompletion != report.ExpectedCompletion,
            previous is not null && previous.Narrative != report.Narrative);
    }

    /// <summary>
    /// A unit that moves its expected completion says why (预计9月 → 预计10月, and the reason): the date-slip history
    /// is published later. Returns the problem, or null.
    /// </summary>
    public static string? MissingSlipReason(ProgressReport report, IEnumerable<ProgressReport> itemReports)
    {
        var previous = Of(report, itemReports).Previous;
        return previous?.ExpectedCompletion is { } before && report.ExpectedCompletion != before && string.IsNullOrWhiteSpace(report.ExpectedCompletionReason)
            ? $"预计完成时间由“{before.ToChinese()}”改为“{report.ExpectedCompletion?.ToChinese() ?? "未填"}”，请说明原因"
            : null;
    }
}
