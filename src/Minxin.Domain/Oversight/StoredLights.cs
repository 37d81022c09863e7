namespace Minxin.Domain.Oversight;

/// <summary>
/// One version of a program's light rule, as a coordinator set it. Versions are kept, never rewritten: the rule page
/// shows the history, and an edition names the version it was lit by. Without any, <see cref="LightRule.Default"/> holds.
/// </summary>
public class ProgramLightRule
{
    public const int MaxReasonLength = 500;

    public int Id { get; set; }

    public int ProgramId { get; set; }

    public int Version { get; set; }

    public int GreenWithinPoints { get; set; }

    public int YellowWithinPoints { get; set; }

    public bool RedWhenPastDeadline { get; set; }

    public IndicatorAggregation Aggregation { get; set; }

    /// <summary>Why the rule changed, as the coordinator said it.</summary>
    public string? Reason { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    public required string ChangedBy { get; set; }

    public int? ChangedByUserId { get; set; }

    public LightRule ToRule() => new()
    {
        Version = Version,
        GreenWithinPoints = GreenWithinPoints,
        YellowWithinPoints = YellowWithinPoints,
        RedWhenPastDeadline = RedWhenPastDeadline,
        Aggregation = Aggregation,
    };

    /// <summary>The rule in force: the newest version, or the default.</summary>
    public static LightRule Current(IEnumerable<ProgramLightRule> versions) =>
        versions.MaxBy(v => v.Version)?.ToRule() ?? LightRule.Default;
}

/// <summary>
/// A coordinator's override of an item's light, with its reason. It holds for the item as its latest report stood
/// (<see cref="ReportAsOf"/>): the next approved report is judged by the rule again. Overrides are kept, never rewritten;
/// one without a colour lifts the previous one.
/// </summary>
public class ItemLightOverride
{
    public const int MaxReasonLength = 500;

    public int Id { get; set; }

    public int ItemId { get; set; }

    /// <summary>The colour shown instead of the rule's; null when this lifts an earlier override.</summary>
    public LightColor? Color { get; set; }

    public required string Reason { get; set; }

    /// <summary>The as-of date of the item's latest public report when the override was made; null when it had none.</summary>
    public DateOnly? ReportAsOf { get; set; }

    public DateTimeOffset At { get; set; }

    public required string By { get; set; }

    public int? ByUserId { get; set; }

    /// <summary>The override in force for an item whose latest public report is dated <paramref name="latestReportAsOf"/>.</summary>
    public static ItemLightOverride? InForce(IEnumerable<ItemLightOverride> overrides, DateOnly? latestReportAsOf)
    {
        var latest = overrides.MaxBy(o => (o.At, o.Id));
        return latest is { Color: not null } && latest.ReportAsOf == latestReportAsOf ? latest : null;
    }
}
