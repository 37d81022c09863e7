using Minxin.Domain.Quantities;

namespace Minxin.Domain.Editions;

/// <summary>What kind of change an item shows against the previous edition (较上期).</summary>
public enum EditionChangeKind
{
    /// <summary>新完成: completed now, not completed before.</summary>
    Completed,
    /// <summary>进度提高: an indicator's figure went up (or was reported for the first time).</summary>
    Rose,
    /// <summary>数据下降: an indicator's figure went down; flagged, with the correction's reason when there is one.</summary>
    Fell,
    /// <summary>目标调整: an indicator's target differs from the previous edition's.</summary>
    TargetRevised,
    /// <summary>预计时间推迟/提前: the item's (or a site's) expected completion moved.</summary>
    DateMoved,
    /// <summary>新增点位: a site that was not on the previous edition.</summary>
    NewSite,
    /// <summary>本期无新报送: the item's latest report is the one the previous edition showed, or there is none in both.</summary>
    NoNewReport,
}

public static class EditionChangeKinds
{
    /// <summary>The API's spelling: "completed", "rose", "fell", "targetRevised", "dateMoved", "newSite", "noNewReport".</summary>
    public static string Code(this EditionChangeKind kind) => EnumCodes.ToCode(kind);

    public static bool TryParse(string? code, out EditionChangeKind kind) => EnumCodes.TryParse(code, out kind);
}

/// <summary>
/// One change of one item between two editions, display-neutral: values in the indicator's base unit, dates in their
/// canonical form ("2025-09"), percents as displayed (floored); <see cref="Sentence"/> writes it for readers.
/// </summary>
public sealed record EditionChange(string ItemCode, EditionChangeKind Kind)
{
    public string? IndicatorKey { get; init; }

    public string? IndicatorName { get; init; }

    /// <summary>The indicator's base unit (个, 人次, 元), for writing the values.</summary>
    public string? Unit { get; init; }

    /// <summary>The site a date move or a new site is about; null for the item itself.</summary>
    public string? SiteKey { get; init; }

    public string? SiteName { get; init; }

    /// <summary>Rose/fell: the figures; targetRevised: the targets. Null when there was none (a first figure, a new target).</summary>
    public decimal? FromValue { get; init; }

    public decimal? ToValue { get; init; }

    /// <summary>DateMoved: the expected dates ("2025-09"); newSite: <see cref="ToText"/> is the site's name.</summary>
    public string? FromText { get; init; }

    public string? ToText { get; init; }

    /// <summary>Rose/fell: the displayed percent of target (5119/6000 → 85), or the stated one without a target.</summary>
    public decimal? FromPercent { get; init; }

    public decimal? ToPercent { get; init; }

    /// <summary>Fell: the correction's note; dateMoved: the report's ExpectedCompletionReason; otherwise null.</summary>
    public string? Reason { get; init; }

    /// <summary>For a date move: whether the new date is later (推迟) rather than earlier (提前).</summary>
    public bool IsDelay => Kind == EditionChangeKind.DateMoved
        && ExpectedDate.TryParse(FromText, out var from) && ExpectedDate.TryParse(ToText, out var to)
        && to.LatestDay > from.LatestDay;

    /// <summary>One Chinese sentence: "既有住宅小区新增电动自行车充电接口：5119个 → 5600个（85% → 93%），提高481个".</summary>
    public string Sentence => EditionSentences.For(this);
}
