using Minxin.Domain.Programs;
using Minxin.Domain.Quantities;

namespace Minxin.Domain.Progress;

/// <summary>An actual figure for one indicator, over its own period (1—5月份 is not the report's 6月底).</summary>
public class IndicatorValue
{
    public int Id { get; set; }

    public int ReportId { get; set; }

    public ProgressReport Report { get; set; } = null!;

    public int IndicatorId { get; set; }

    public Indicator Indicator { get; set; } = null!;

    /// <summary>In the indicator's base unit.</summary>
    public decimal Value { get; set; }

    /// <summary>余 / 约 as the report said it ("2万余份" is Over, "约137米" is About).</summary>
    public Comparator Qualifier { get; set; }

    public Period Period { get; set; }

    /// <summary>A percentage the report states itself ("进度超90%"), kept even when no target exists to compute one.</summary>
    public decimal? StatedPercent { get; set; }
}
