using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Html;
using Minxin.Domain.Progress;
using Minxin.Domain.ReportCards;
using Minxin.Web.Shared;

namespace Minxin.Web.ReportCards;

/// <summary>
/// Charts drawn on the server as SVG, one row per bar: the label and the figures are HTML text beside the bar (they
/// reflow, zoom and are read aloud), the bar itself is a decorative SVG. Completed and in-progress parts differ by
/// fill pattern as well as colour; the 序时进度 mark is a dashed line, named in the legend and in the text.
/// </summary>
public static class Charts
{
    private static string E(string text) => Display.Encoder.Encode(text);

    private static string N(decimal value) => decimal.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>各工程完成情况: per category, completed, in progress and other items out of its total.</summary>
    public static IHtmlContent CategoryCompletion(ReportCard card)
    {
        var most = Math.Max(1, card.Categories.Select(c => c.Items.Count).DefaultIfEmpty(1).Max());
        var html = new StringBuilder("<ul class=\"chart-rows\">");
        foreach (var category in card.Categories)
        {
            var t = category.Totals;
            var unit = 100m / most;
            var completed = t.Completed * unit;
            var inProgress = t.InProgress * unit;
            var other = (t.Items - t.Completed - t.InProgress) * unit;
            html.Append("<li class=\"chart-row\"><span class=\"chart-label\">").Append(category.Category.NumberText).Append(' ')
                .Append(E(category.Name)).Append("</span>")
                .Append("<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\">")
                .Append($"<rect class=\"bar-track\" x=\"0\" y=\"0\" width=\"100\" height=\"10\"/>")
                .Append($"<rect class=\"bar-completed\" x=\"0\" y=\"0\" width=\"{N(completed)}\" height=\"10\"/>")
                .Append($"<rect class=\"bar-in-progress\" x=\"{N(completed)}\" y=\"0\" width=\"{N(inProgress)}\" height=\"10\"/>")
                .Append($"<rect class=\"bar-other\" x=\"{N(completed + inProgress)}\" y=\"0\" width=\"{N(other)}\" height=\"10\"/>")
                .Append("</svg><span class=\"chart-value\">")
                .Append(E($"已完成{t.Completed}项，推进中{t.InProgress}项{(t.Items - t.Completed - t.InProgress > 0 ? $"，其他{t.Items - t.Completed - t.InProgress}项" : "")}，共{t.Items}项"))
                .Append("</span></li>");
        }
        return new HtmlString(html.Append("</ul>").ToString());
    }

    /// <summary>指标完成率与序时进度: each indicator with a target and a figure, its percent against the share of time elapsed.</summary>
    public static IHtmlContent IndicatorsAgainstSchedule(IEnumerable<ItemCard> items, DateOnly asOf, bool withItemCodes)
    {
        var html = new StringBuilder("<ul class=\"chart-rows\">");
        foreach (var item in items)
        {
            var schedule = Schedule.Elapsed(item.Item, asOf);
            foreach (var p in item.Indicators.Where(i => i.Percent is not null))
            {
                var percent = p.Percent!.Value;
                var shown = Math.Min(percent, 100);
                var gap = Percent.Floor(percent) - (int)decimal.Floor(schedule);
                var verdict = item.Status == ItemStatus.Completed ? "已完成"
                    : gap >= 0 ? $"快于序时进度{gap}个百分点" : $"慢于序时进度{-gap}个百分点";
                html.Append("<li class=\"chart-row\"><span class=\"chart-label\">")
                    .Append(withItemCodes ? item.Item.Code + " " : "").Append(E(p.Indicator.Name)).Append("</span>")
                    .Append("<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\">")
                    .Append("<rect class=\"bar-track\" x=\"0\" y=\"0\" width=\"100\" height=\"10\"/>")
                    .Append($"<rect class=\"bar-completed\" x=\"0\" y=\"0\" width=\"{N(shown)}\" height=\"10\"/>")
                    .Append($"<line class=\"bar-schedule\" x1=\"{N(schedule)}\" y1=\"0\" x2=\"{N(schedule)}\" y2=\"10\" vector-effect=\"non-scaling-stroke\"/>")
                    .Append("</svg><span class=\"chart-value\">")
                    .Append(E($"{Display.Progress(p)}，序时进度{(int)decimal.Floor(schedule)}%，{verdict}"))
                    .Append("</span></li>");
            }
        }
        return new HtmlString(html.Append("</ul>").ToString());
    }

    /// <summary>The legend, in words and the same marks the bars use.</summary>
    public static IHtmlContent Legend(bool schedule) => new HtmlString(
        "<ul class=\"chart-legend\">"
        + "<li><svg viewBox=\"0 0 20 10\" aria-hidden=\"true\" focusable=\"false\"><rect class=\"bar-completed\" width=\"20\" height=\"10\"/></svg>"
        + (schedule ? "已完成的比例" : "已完成") + "</li>"
        + (schedule
            ? "<li><svg viewBox=\"0 0 20 10\" aria-hidden=\"true\" focusable=\"false\"><line class=\"bar-schedule\" x1=\"10\" y1=\"0\" x2=\"10\" y2=\"10\"/></svg>序时进度（时间过半即50%）</li>"
            : "<li><svg viewBox=\"0 0 20 10\" aria-hidden=\"true\" focusable=\"false\"><rect class=\"bar-in-progress\" width=\"20\" height=\"10\"/></svg>推进中</li>")
        + "</ul>");

    /// <summary>Whether any indicator has both a target and a figure, i.e. whether the schedule chart has rows.</summary>
    public static bool HasPercents(IEnumerable<ItemCard> items) => items.Any(i => i.Indicators.Any(p => p.Percent is not null));
}
