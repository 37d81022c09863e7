using System.Text;
using Microsoft.AspNetCore.Html;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Domain.ReportCards;

namespace Minxin.Web.Shared;

/// <summary>
/// Small pieces of markup used on several pages inside loops (a status, an indicator list, a site line).
/// They are C# rather than partial views because a card renders a hundred of them and a partial costs ~20 µs each.
/// </summary>
public static class Fragments
{
    private static string E(string text) => Display.Encoder.Encode(text);

    /// <summary>The status in words with an icon beside it: never colour alone.</summary>
    public static IHtmlContent Status(ItemStatus status)
    {
        var icon = status switch
        {
            ItemStatus.Completed => "✓",
            ItemStatus.InProgress => "→",
            ItemStatus.Delayed => "!",
            ItemStatus.Cancelled => "×",
            _ => "○",
        };
        return new HtmlString($"<span class=\"status {Display.StatusClass(status)}\"><span class=\"status-icon\" aria-hidden=\"true\">{icon}</span>{E(status.ToChinese())}</span>");
    }

    /// <summary>Each indicator with a progress bar (when it has a target and a figure) and the figures in text.</summary>
    public static IHtmlContent Indicators(IEnumerable<IndicatorProgress> indicators)
    {
        var html = new StringBuilder();
        foreach (var p in indicators)
        {
            var figure = E(Display.Progress(p));
            html.Append("<li class=\"indicator\"><span class=\"indicator-name\">").Append(E(p.Indicator.Name)).Append("</span>");
            if (p.Indicator.Target is { } target && p.ActualValue is { } actual)
            {
                html.Append($"<progress max=\"{ChineseNumbers.Plain(target)}\" value=\"{ChineseNumbers.Plain(Math.Min(actual, target))}\" ")
                    .Append($"aria-label=\"{E(p.Indicator.Name)} 完成进度\" aria-valuetext=\"{figure}\"></progress>");
            }
            html.Append("<span class=\"indicator-figure\">").Append(figure).Append("</span>");
            if (p.ActualPeriod is { } period && !(period.StartsOnNewYear && p.Report is { } r && period.To == r.AsOf))
            {
                html.Append("<span class=\"indicator-period\">（").Append(E(period.ToChinese())).Append("）</span>");
            }
            html.Append("</li>");
        }
        return html.Length == 0 ? HtmlString.Empty : new HtmlString("<ul class=\"indicators\">" + html + "</ul>");
    }

    /// <summary>A site: its name, its phase, when it is expected to finish, and the report's note.</summary>
    public static IHtmlContent Site(SiteProgress site)
    {
        var html = new StringBuilder("<li class=\"site\"><span class=\"site-name\">").Append(E(site.Site.Name)).Append("</span>");
        if (site.Latest is not { } update)
        {
            return new HtmlString(html.Append("<span class=\"site-phase\">暂无进展</span></li>").ToString());
        }
        html.Append("<span class=\"site-phase\">").Append(E(update.Phase.ToChinese())).Append("</span>");
        if (update.ExpectedCompletion is { } expected)
        {
            html.Append("<span class=\"site-expected\">预计").Append(E(expected.ToChinese())).Append("</span>");
        }
        if (update.Note is not null)
        {
            html.Append("<span class=\"site-note\">").Append(E(update.Note)).Append("</span>");
        }
        return new HtmlString(html.Append("</li>").ToString());
    }
}
