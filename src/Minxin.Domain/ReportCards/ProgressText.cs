using Minxin.Domain.Quantities;

namespace Minxin.Domain.ReportCards;

/// <summary>An indicator's figures in the words every output uses (pages, the briefing book): "5119/6000个（85%）".</summary>
public static class ProgressText
{
    /// <summary>"5119/6000个（85%）", or "15254名" when there is no target, or "目标530个，暂无数据".</summary>
    public static string Of(IndicatorProgress p)
    {
        var unit = p.Indicator.Unit;
        var actual = p.ActualValue is { } a ? ChineseNumbers.Figure(a, "", p.Actual?.Qualifier ?? Comparator.Exactly) : null;
        var percent = p.DisplayPercent is { } d ? $"（{ChineseNumbers.Plain(d)}%{(d > 100 ? "，超额完成" : "")}）" : "";
        return (actual, p.Indicator.Target) switch
        {
            (null, { } t) => $"目标{ChineseNumbers.Target(t, unit, p.Indicator.Comparator)}，暂无数据",
            (null, null) => "暂无数据",
            ({ } x, { } t) => $"{x}/{ChineseNumbers.Number(t)}{unit}{percent}",
            ({ } x, null) => $"{x}{unit}{percent}",
        };
    }
}
