using Minxin.Domain.Programs;
using Minxin.Domain.Quantities;

namespace Minxin.Domain.Progress;

/// <summary>Where one site stood in a report: its phase, when it is expected to finish, and a note.</summary>
public class SiteUpdate
{
    public int Id { get; set; }

    public int ReportId { get; set; }

    public ProgressReport Report { get; set; } = null!;

    public int SiteId { get; set; }

    public Site Site { get; set; } = null!;

    public SitePhase Phase { get; set; }

    public ExpectedDate? ExpectedCompletion { get; set; }

    public string? Note { get; set; }
}
