using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Domain.ReportCards;

namespace Minxin.Web.Shared;

/// <summary>How figures read on the public pages; the same words as the articles.</summary>
public static class Display
{
    /// <summary>Chinese stays readable in the HTML; only what HTML needs is escaped.</summary>
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>"5119/6000个（85%）", or "15254名" when there is no target, or "目标530个，暂无数据".</summary>
    public static string Progress(IndicatorProgress p) => ProgressText.Of(p);

    public static string Target(IndicatorProgress p) =>
        p.Indicator.Target is { } t ? ChineseNumbers.Target(t, p.Indicator.Unit, p.Indicator.Comparator) : "—";

    public static string Actual(IndicatorProgress p) =>
        p.ActualValue is { } a ? ChineseNumbers.Figure(a, p.Indicator.Unit, p.Actual?.Qualifier ?? Comparator.Exactly) : "—";

    public static string StatusClass(ItemStatus status) => "status-" + EnumCodes(status);

    private static string EnumCodes(ItemStatus status) => Domain.EnumCodes.ToCode(status);

    /// <summary>A narrative as HTML: text encoded, each figure a &lt;data&gt; element carrying its exact value.</summary>
    public static IHtmlContent Narrative(ProgressReport report)
    {
        var html = new StringBuilder();
        foreach (var part in Domain.Progress.Narrative.Parse(report.Narrative))
        {
            switch (part)
            {
                case NarrativeText text:
                    html.Append(Encoder.Encode(text.Text));
                    break;
                case NarrativeFigure figure:
                    var value = report.Values.FirstOrDefault(v => v.Indicator.Key == figure.IndicatorKey);
                    var exact = figure.Percent ? Percent.Exact(value?.Value, value?.Indicator.Target, value?.StatedPercent) : value?.Value;
                    var machine = exact is { } e ? ChineseNumbers.Plain(e) : "";
                    html.Append("<data class=\"figure\" value=\"").Append(Encoder.Encode(machine)).Append("\">")
                        .Append(Encoder.Encode(NarrativeRenderer.Figure(report, figure))).Append("</data>");
                    break;
            }
        }
        return new HtmlString(html.ToString());
    }

    public static string Date(DateOnly date) => ChineseDates.Full(date);

    public static string Date(DateTimeOffset at) => ChineseDates.Full(ChinaTime.Date(at));
}
