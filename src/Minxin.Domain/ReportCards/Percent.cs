namespace Minxin.Domain.ReportCards;

/// <summary>
/// 完成率, one rule everywhere (bar, prose, API, article): actual / target, exact in data, floored for display
/// (5119/6000 → 85%), over 100 % kept as is. A percentage a report states itself is shown only where there is no
/// target to compute one from ("进度超90%"); where there is, the data file refuses a stated percent that disagrees with
/// the computed one by more than rounding.
/// </summary>
public static class Percent
{
    public static decimal? Of(decimal? actual, decimal? target) =>
        actual is { } a && target is { } t && t > 0 ? a * 100m / t : null;

    public static int Floor(decimal percent) => (int)decimal.Floor(percent);

    /// <summary>The exact percent of a figure: computed from the target when there is one, else as stated.</summary>
    public static decimal? Exact(decimal? actual, decimal? target, decimal? stated) => Of(actual, target) ?? stated;

    /// <summary>The percent as written for readers: the computed one floored, or the stated one as given.</summary>
    public static decimal? Shown(decimal? actual, decimal? target, decimal? stated) =>
        Of(actual, target) is { } computed ? Floor(computed) : stated;

    /// <summary>Whether a stated percent is the computed one, rounded or floored (85 and 86 both agree with 85.6).</summary>
    public static bool Agrees(decimal stated, decimal actual, decimal target) =>
        target <= 0 || Math.Abs(stated - actual * 100m / target) < 1m;
}
