using Minxin.Domain.Programs;

namespace Minxin.Domain.Oversight;

/// <summary>
/// An item's light with what decided it: the rule's version, the inputs and the one sentence that explains them.
/// Percents and points are the ones readers see (floored, as on the card), so the sentence's arithmetic adds up.
/// </summary>
public sealed record ItemLight
{
    /// <summary>The colour the rule gives, before any override.</summary>
    public required LightColor RuleColor { get; init; }

    /// <summary>Why the rule gives <see cref="RuleColor"/>: "进度85%，序时进度49%，快于序时36个百分点：绿灯".</summary>
    public required string RuleReason { get; init; }

    public required int RuleVersion { get; init; }

    /// <summary>Progress as shown, in percent (floored); null when nothing could be measured.</summary>
    public decimal? Progress { get; init; }

    /// <summary>序时进度 as shown, in percent (floored).</summary>
    public decimal? Scheduled { get; init; }

    /// <summary>Progress − 序时进度 in points; positive is ahead.</summary>
    public decimal? Gap { get; init; }

    /// <summary>The item's deadline, or the program's last day when it has none.</summary>
    public DateOnly? Deadline { get; init; }

    /// <summary>The indicator that decided the light, when the item has several with targets.</summary>
    public Indicator? DecidingIndicator { get; init; }

    /// <summary>A coordinator's override; the computed inputs stay beside it.</summary>
    public LightOverride? Override { get; init; }

    public bool IsOverridden => Override is not null;

    /// <summary>The colour shown: the override's, else the rule's.</summary>
    public LightColor Color => Override?.Color ?? RuleColor;

    /// <summary>The sentence shown: with an override, its reason and then what the rule says.</summary>
    public string Reason => Override is { } o
        ? $"人工调整为{o.Color.ToChinese()}（原因：{o.Reason}）；按规则为{RuleColor.ToChinese()}：{RuleReason}"
        : RuleReason;
}

/// <summary>人工调整: a coordinator's colour for an item, with the reason, who and when.</summary>
public sealed record LightOverride(LightColor Color, string Reason, string By, DateTimeOffset At);
