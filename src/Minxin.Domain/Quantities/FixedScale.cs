namespace Minxin.Domain.Quantities;

/// <summary>
/// Quantities and money are stored as integers of 1/10000 of the base unit: exact, summable by any database,
/// and fine enough for 分 (0.01 元) and for percentages such as 62.5.
/// </summary>
public static class FixedScale
{
    public const int Decimals = 4;
    public const decimal Factor = 10_000m;
    public const decimal MaxValue = 900_000_000_000_000m;

    public static long ToScaled(decimal value) => (long)(value * Factor);

    public static decimal FromScaled(long scaled) => scaled / Factor;
}
