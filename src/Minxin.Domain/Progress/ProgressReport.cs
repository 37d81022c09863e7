using Minxin.Domain.Programs;
using Minxin.Domain.Quantities;

namespace Minxin.Domain.Progress;

/// <summary>
/// 进展 / 月报: what a unit reported for one item as of a date. A report is filled in as a draft, submitted, and then
/// approved or returned; only approved reports are public. What was submitted is never rewritten: while a report is
/// under review or approved its content is fixed (the database refuses otherwise), and a correction of an approved
/// report is a new report with the same <see cref="AsOf"/>, a higher <see cref="Version"/> and a reason. The rules
/// of that life live in <see cref="ReviewWorkflow"/>.
/// </summary>
public class ProgressReport
{
    public int Id { get; set; }

    public int ItemId { get; set; }

    public Item Item { get; set; } = null!;

    /// <summary>The reporting round (月报) this report answers, when it was made in one.</summary>
    public int? RoundId { get; set; }

    public ReportingRound? Round { get; set; }

    public DateOnly AsOf { get; set; }

    /// <summary>1 for the first report as of a date; each correction adds one.</summary>
    public int Version { get; set; } = 1;

    /// <summary>Why this version replaces the previous one; required for corrections.</summary>
    public string? CorrectionNote { get; set; }

    public ItemStatus Status { get; set; }

    /// <summary>Plain text; {key} stands for the value of the item's indicator with that key.</summary>
    public string Narrative { get; set; } = "";

    public ExpectedDate? ExpectedCompletion { get; set; }

    /// <summary>Why the expected completion moved from what was last reported (预计9月 → 预计10月, and why).</summary>
    public string? ExpectedCompletionReason { get; set; }

    public List<IndicatorValue> Values { get; set; } = [];

    public List<SiteUpdate> SiteUpdates { get; set; } = [];

    public int? SourceId { get; set; }

    public Source? Source { get; set; }

    /// <summary>The person or unit that gave the figures, as the public reads it ("区住建委 王丽", "津南好").</summary>
    public required string SubmittedBy { get; set; }

    /// <summary>The staff account behind <see cref="SubmittedBy"/>, when the report came through the workspace.</summary>
    public int? SubmittedByUserId { get; set; }

    /// <summary>The unit the reporter reported for.</summary>
    public int? UnitId { get; set; }

    /// <summary>When it was submitted for review; for a draft, when it was started.</summary>
    public DateTimeOffset SubmittedAt { get; set; }

    public ReviewState Review { get; set; }

    public string? ReviewedBy { get; set; }

    public int? ReviewedByUserId { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    /// <summary>The approver's note, or the reason the report was returned.</summary>
    public string? ReviewNote { get; set; }

    /// <summary>What happened to the report, oldest first: saved, submitted, returned, approved.</summary>
    public List<ReportEvent> Events { get; set; } = [];

    /// <summary>Photos and documents given as evidence; staff only.</summary>
    public List<Attachment> Attachments { get; set; } = [];

    /// <summary>Concurrency token: bumped by every save, so a stale editor is refused (HTTP 412).</summary>
    public int Revision { get; set; }

    public bool IsPublic => Review == ReviewState.Approved;

    /// <summary>Whether the unit may still change what it reports: a draft, or a report sent back to it.</summary>
    public bool IsEditable => Review is ReviewState.Draft or ReviewState.Returned;
}

/// <summary>One step in a report's life, kept for ever: who did what, when, and why.</summary>
public class ReportEvent
{
    public int Id { get; set; }

    public int ReportId { get; set; }

    public ReportAction Action { get; set; }

    public DateTimeOffset At { get; set; }

    public required string By { get; set; }

    public int? ByUserId { get; set; }

    public string? Note { get; set; }
}

public enum ReportAction
{
    /// <summary>Started, as a first report or as a correction of an approved one.</summary>
    Created,
    Saved,
    Submitted,
    Returned,
    Approved,
    /// <summary>Recorded as it stood in a data file or a published text.</summary>
    Imported,
}
