using Minxin.Domain.Quantities;
using Minxin.Domain.ReportCards;

namespace Minxin.Documents.Briefing;

/// <summary>An indicator's figure in the words of the public pages (Web's Display.Progress): "5119/6000个（85%）".</summary>
internal static class IndicatorFigures
{
    public static string Progress(IndicatorProgress p)
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
