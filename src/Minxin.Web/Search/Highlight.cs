using System.Text;
using Microsoft.AspNetCore.Html;
using Minxin.Domain.Search;
using Minxin.Web.Shared;

namespace Minxin.Web.Search;

/// <summary>Search terms marked with &lt;mark&gt; in encoded text.</summary>
public static class Highlight
{
    public const int SnippetLength = 80;

    public static IHtmlContent Marked(string text, string query)
    {
        var html = new StringBuilder();
        var at = 0;
        foreach (var (start, length) in ItemSearch.Highlights(text, query))
        {
            html.Append(Display.Encoder.Encode(text[at..start]))
                .Append("<mark>").Append(Display.Encoder.Encode(text.Substring(start, length))).Append("</mark>");
            at = start + length;
        }
        return new HtmlString(html.Append(Display.Encoder.Encode(text[at..])).ToString());
    }

    /// <summary>About <see cref="SnippetLength"/> characters around the first match, with ellipses where cut.</summary>
    public static IHtmlContent Snippet(string text, string query)
    {
        var first = ItemSearch.Highlights(text, query).Select(h => h.Start).DefaultIfEmpty(0).First();
        var start = Math.Max(0, first - SnippetLength / 4);
        var end = Math.Min(text.Length, start + SnippetLength);
        var part = text[start..end];
        return new HtmlContentBuilder()
            .AppendHtml(start > 0 ? "…" : "")
            .AppendHtml(Marked(part, query))
            .AppendHtml(end < text.Length ? "…" : "");
    }
}
