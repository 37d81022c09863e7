using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Quantities;

namespace Minxin.Web.Workspace.Reporting;

/// <summary>
/// What a unit reports for an item, from the report form or the staff API, in the data file's words (docs/data-file.md):
/// status, narrative with {key} figures, values per indicator with their periods, site phases, expected completion.
/// </summary>
public sealed record ReportRequest
{
    public int? RoundId { get; init; }

    /// <summary>YYYY-MM-DD; the round's date when absent.</summary>
    public string? AsOf { get; init; }

    /// <summary>notStarted, inProgress, completed, delayed, cancelled.</summary>
    public string? Status { get; init; }

    public string? Narrative { get; init; }

    /// <summary>YYYY, YYYY-MM or YYYY-MM-DD.</summary>
    public string? ExpectedCompletion { get; init; }

    /// <summary>Required when the expected completion differs from the one reported before.</summary>
    public string? ExpectedCompletionReason { get; init; }

    /// <summary>For a correction of an approved report of the same date: why.</summary>
    public string? CorrectionReason { get; init; }

    public List<ReportValue>? Values { get; init; }

    public List<ReportSite>? Sites { get; init; }

    /// <summary>The report in the data file's shape, to be checked by the same rules as a file.</summary>
    public ReportFile ToFile(DateOnly asOf, string submittedBy, DateTimeOffset now) => new()
    {
        AsOf = IsoDate.Format(asOf),
        Status = Status,
        Narrative = Narrative,
        ExpectedCompletion = string.IsNullOrWhiteSpace(ExpectedCompletion) ? null : ExpectedCompletion.Trim(),
        ExpectedCompletionReason = ExpectedCompletionReason,
        Values = Values?.Select(v => new ValueFile
        {
            Indicator = v.Indicator,
            Value = v.Value,
            Qualifier = string.IsNullOrEmpty(v.Qualifier) ? null : v.Qualifier,
            Period = string.IsNullOrEmpty(v.Period) ? null : v.Period,
            StatedPercent = v.StatedPercent,
        }).ToList(),
        Sites = Sites?.Select(s => new SiteUpdateFile
        {
            Site = s.Site,
            Phase = s.Phase,
            ExpectedCompletion = string.IsNullOrWhiteSpace(s.ExpectedCompletion) ? null : s.ExpectedCompletion.Trim(),
            Note = string.IsNullOrWhiteSpace(s.Note) ? null : s.Note,
        }).ToList(),
        SubmittedBy = submittedBy,
        SubmittedAt = ChinaTime.Format(now),
        Review = new ReviewFile { State = "draft" },
    };
}

/// <summary>A figure: the indicator's key, the value in its unit, 余/约 (over/about), the period it covers.</summary>
public sealed record ReportValue(string? Indicator, decimal? Value, string? Qualifier = null, string? Period = null, decimal? StatedPercent = null);

/// <summary>A site's phase (planning … inService), its expected completion and a note.</summary>
public sealed record ReportSite(string? Site, string? Phase, string? ExpectedCompletion = null, string? Note = null);
