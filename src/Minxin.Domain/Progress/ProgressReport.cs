using Minxin.Domain.Programs;
using Minxin.Domain.Quantities;

namespace Minxin.Domain.Progress;

/// <summary>
/// 进展 / 月报: what a unit reported for one item as of a date. Append-only: a correction is a new
/// report with the same <see cref="AsOf"/> and a higher <see cref="Version"/>.
/// </summary>
public class ProgressReport
{
    public int Id { get; set; }

    public int ItemId { get; set; }

    public Item Item { get; set; } = null!;

    public DateOnly AsOf { get; set; }

    /// <summary>1 for the first report as of a date; each correction adds one.</summary>
    public int Version { get; set; } = 1;

    /// <summary>Why this version replaces the previous one; required for corrections.</summary>
    public string? CorrectionNote { get; set; }

    public ItemStatus Status { get; set; }

    /// <summary>Plain text; {key} stands for the value of the item's indicator with that key.</summary>
    public string Narrative { get; set; } = "";

    public ExpectedDate? ExpectedCompletion { get; set; }

    public List<IndicatorValue> Values { get; set; } = [];

    public List<SiteUpdate> SiteUpdates { get; set; } = [];

    public int? SourceId { get; set; }

    public Source? Source { get; set; }

    /// <summary>The person or unit that gave the figures.</summary>
    public required string SubmittedBy { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public ReviewState Review { get; set; }

    public string? ReviewedBy { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public string? ReviewNote { get; set; }

    public bool IsPublic => Review == ReviewState.Approved;
}
