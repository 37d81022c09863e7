namespace Minxin.Domain.ReportCards;

/// <summary>完成率: actual / target, exact in data, floored for display (5119/6000 → 85%), over 100 % kept as is.</summary>
public static class Percent
{
    public static decimal? Of(decimal? actual, decimal? target) =>
        actual is { } a && target is { } t && t > 0 ? a * 100m / t : null;

    public static int Floor(decimal percent) => (int)decimal.Floor(percent);
}
