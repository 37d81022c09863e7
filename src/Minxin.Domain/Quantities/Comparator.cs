namespace Minxin.Domain.Quantities;

/// <summary>How a target or a figure relates to its number: 不少于 / 以上 / 约, or exactly.</summary>
public enum Comparator
{
    Exactly,

    /// <summary>不少于 N.</summary>
    AtLeast,

    /// <summary>N以上 for targets, N余 for figures.</summary>
    Over,

    /// <summary>约 N.</summary>
    About,
}

/// <summary>Whether a figure counts from the start of the program (cumulative) or only its own period.</summary>
public enum Accumulation
{
    Cumulative,
    PerPeriod,
}
