using System.Text;
using Minxin.Domain.Quantities;
using Minxin.Domain.ReportCards;

namespace Minxin.Domain.Progress;

/// <summary>Writes a report's narrative with its {key} figures filled in from the report's own values.</summary>
public static class NarrativeRenderer
{
    /// <summary>The text of one {key} or {key%} in <paramref name="report"/>: "5119个", "2万余份", "85%".</summary>
    public static string Figure(ProgressReport report, NarrativeFigure figure)
    {
        var value = report.Values.FirstOrDefault(v => v.Indicator.Key == figure.IndicatorKey);
        if (value is null)
        {
            return "";
        }
        if (!figure.Percent)
        {
            return ChineseNumbers.Figure(value.Value, value.Indicator.Unit, value.Qualifier);
        }
        var percent = Percent.Shown(value.Value, value.Indicator.Target, value.StatedPercent);
        return percent is { } p ? $"{ChineseNumbers.Plain(p)}%" : "";
    }

    public static string PlainText(ProgressReport report)
    {
        var text = new StringBuilder();
        foreach (var part in Narrative.Parse(report.Narrative))
        {
            text.Append(part switch
            {
                NarrativeText t => t.Text,
                NarrativeFigure f => Figure(report, f),
                _ => "",
            });
        }
        return text.ToString();
    }
}
