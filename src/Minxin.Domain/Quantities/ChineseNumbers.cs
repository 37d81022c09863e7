using System.Globalization;

namespace Minxin.Domain.Quantities;

/// <summary>Writes figures the way the published reports do: 27.91万人次, 3822万元, 2万余份, 约137米, 5119个.</summary>
public static class ChineseNumbers
{
    private const decimal Wan = 10_000m;
    private const decimal Yi = 100_000_000m;

    /// <summary>A bare number with 万 or 亿 where that stays exact to two decimals: 279100 → "27.91万", 15254 → "15254".</summary>
    public static string Number(decimal value)
    {
        foreach (var (scale, suffix) in new[] { (Yi, "亿"), (Wan, "万") })
        {
            if (Math.Abs(value) >= scale)
            {
                var scaled = value / scale;
                if (decimal.Round(scaled, 2) == scaled)
                {
                    return Plain(scaled) + suffix;
                }
            }
        }
        return Plain(value);
    }

    /// <summary>A figure with its unit and qualifier: "2万余份", "约137米", "5119个", "62.5%".</summary>
    public static string Figure(decimal value, string unit, Comparator qualifier = Comparator.Exactly) => qualifier switch
    {
        Comparator.Over => Number(value) + "余" + unit,
        Comparator.About => "约" + Number(value) + unit,
        Comparator.AtLeast => "不少于" + Number(value) + unit,
        _ => Number(value) + unit,
    };

    /// <summary>A target as the plans write it: "不少于100人", "200场以上", "约137米", "6000个".</summary>
    public static string Target(decimal value, string unit, Comparator comparator) => comparator switch
    {
        Comparator.Over => Number(value) + unit + "以上",
        _ => Figure(value, unit, comparator),
    };

    /// <summary>Invariant digits without trailing zeros: 85.50 → "85.5".</summary>
    public static string Plain(decimal value) =>
        value.ToString("0.############################", CultureInfo.InvariantCulture);
}
