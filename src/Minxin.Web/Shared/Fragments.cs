using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Html;
using Minxin.Domain.Oversight;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Domain.ReportCards;

namespace Minxin.Web.Shared;

/// <summary>
/// Markup rendered inside loops (an item of the card, a status, an indicator list, a site line). It is C# rather than
/// partial views because a card renders over a hundred of them: a partial costs ~20 µs each, and the template's
/// indentation alone would add 10 KB to every card.
/// </summary>
public static class Fragments
{
    private static string E(string text) => Display.Encoder.Encode(text);

    // Cards are shared while their program snapshot lives (PublicPrograms.Card), so an item's markup is made once;
    // an item card always belongs to the same program, so its public id never differs between calls.
    private static readonly ConditionalWeakTable<ItemCard, HtmlString> Articles = new();

    /// <summary>One item of the card: wording, status, progress against targets, narrative, sites, dates, a link to more.</summary>
    public static IHtmlContent ItemArticle(ItemCard card, string publicId, ItemLight? light = null) =>
        Articles.GetValue(card, c => RenderItemArticle(c, publicId, light));

    private static HtmlString RenderItemArticle(ItemCard card, string publicId, ItemLight? light)
    {
        var item = card.Item;
        var code = item.Code;
        var html = new StringBuilder()
            .Append($"<article class=\"item {Display.StatusClass(card.Status)}\" id=\"item-{code}\" aria-labelledby=\"item-{code}-title\">")
            .Append($"<div class=\"item-head\"><h3 id=\"item-{code}-title\"><a href=\"/items/{E(publicId)}\">{E(item.Title)}</a></h3>")
            .Append(Html(Status(card.Status))).Append("</div>")
            .Append(light is null ? "" : Html(Light(light)))
            // The card shows progress against targets; every other figure is in the narrative and on the item page.
            .Append(Html(Indicators(card.Indicators.Where(i => i.Indicator.Target is not null))))
            .Append("<p class=\"narrative\">");
        if (card.LatestReport is { } report)
        {
            html.Append(card.Status == ItemStatus.Completed ? "该项目已完成。" : "").Append(Html(Display.Narrative(report)));
        }
        else
        {
            html.Append("尚无进展报告。");
        }
        html.Append("</p>");
        var sites = card.Sites.Where(s => s.Latest is not null).ToList();
        if (sites.Count > 0)
        {
            html.Append("<ul class=\"sites\" aria-label=\"点位进展\">");
            sites.ForEach(s => html.Append(Html(Site(s))));
            html.Append("</ul>");
        }
        html.Append("<p class=\"item-meta\">");
        if (card.ExpectedCompletion is { } expected)
        {
            html.Append("<span>预计").Append(E(expected.ToChinese())).Append("完成</span>");
        }
        if (card.LatestReport is { } latest)
        {
            html.Append("<span>进展截至").Append(E(Display.Date(latest.AsOf))).Append("</span>");
        }
        html.Append($"<a href=\"/items/{E(publicId)}\">详情与历次报告<span class=\"visually-hidden\">：{E(item.Title)}</span></a></p></article>");
        return new HtmlString(html.ToString());
    }

    private static string Html(IHtmlContent content) => ((HtmlString)content).Value ?? "";

    /// <summary>The item's light in words, with a shape for each colour and the reason: never colour alone.</summary>
    public static IHtmlContent Light(ItemLight light)
    {
        var color = light.Color;
        var icon = color switch
        {
            LightColor.Green => "●",
            LightColor.Yellow => "▲",
            LightColor.Red => "■",
            LightColor.Completed => "✓",
            _ => "○",
        };
        var overridden = light.IsOverridden ? "<span class=\"light-override\">（人工调整）</span>" : "";
        return new HtmlString($"<p class=\"light light-{color.Code()}\"><span class=\"light-icon\" aria-hidden=\"true\">{icon}</span>"
            + $"<strong class=\"light-word\">{E(color.ToChinese())}</strong>{overridden}<span class=\"light-reason\">{E(light.Reason)}</span></p>");
    }

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
