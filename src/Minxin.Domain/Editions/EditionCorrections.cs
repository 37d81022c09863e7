using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;

namespace Minxin.Domain.Editions;

/// <summary>更正: a figure of a published edition corrected afterwards, with what, when and why.</summary>
public sealed record EditionCorrection(string ItemCode, string ItemTitle, DateOnly ReportAsOf, int Version, DateTimeOffset CorrectedAt, string? Reason)
{
    /// <summary>"07-1 截至2025年6月30日的进展已更正为第2版".</summary>
    public string What => $"{ItemCode} 截至{ChineseDates.Full(ReportAsOf)}的进展已更正为第{Version}版";
}

public static class EditionCorrections
{
    /// <summary>
    /// The corrections approved after <paramref name="edition"/> was published of reports it showed (dated up to its
    /// as-of date), from the live public program. The edition keeps its figures; readers see that they were corrected.
    /// </summary>
    public static IReadOnlyList<EditionCorrection> Since(Edition edition, LivelihoodProgram liveProgram) =>
        liveProgram.Items
            .SelectMany(item => item.Reports.Select(report => (item, report)))
            .Where(x => x.report.IsPublic && x.report.Version > 1 && x.report.AsOf <= edition.AsOf
                && x.report.ReviewedAt is { } at && at > edition.PublishedAt)
            .OrderBy(x => x.report.ReviewedAt)
            .Select(x => new EditionCorrection(x.item.Code, x.item.Title, x.report.AsOf, x.report.Version, x.report.ReviewedAt!.Value, x.report.CorrectionNote))
            .ToList();
}
