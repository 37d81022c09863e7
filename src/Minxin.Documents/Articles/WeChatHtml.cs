using System.Net;
using System.Text;
using Minxin.Domain.Articles;

namespace Minxin.Documents.Articles;

/// <summary>
/// The article as an HTML fragment that pastes into the 公众号 editor: the editor drops &lt;style&gt;, &lt;script&gt;,
/// classes and outside resources, so every element carries its own inline style and nothing else is needed.
/// </summary>
public static class WeChatHtml
{
    private const string Container =
        "margin:0;padding:0 4px;font-size:16px;line-height:1.75;color:#333333;letter-spacing:0.5px;"
        + "font-family:-apple-system,BlinkMacSystemFont,'PingFang SC','Hiragino Sans GB','Microsoft YaHei',sans-serif;";

    private const string TitleStyle =
        "margin:0 0 20px;font-size:22px;font-weight:bold;line-height:1.4;color:#1a1a1a;text-align:center;";

    private const string LeadStyle =
        "margin:0 0 20px;padding:12px 14px;font-size:16px;line-height:1.75;color:#333333;background-color:#faf5f0;"
        + "border-radius:4px;text-align:justify;";

    private const string HeadingStyle =
        "margin:28px 0 12px;padding:0 0 0 10px;font-size:18px;font-weight:bold;line-height:1.75;color:#a81e1e;"
        + "border-left:4px solid #a81e1e;";

    private const string ParagraphStyle =
        "margin:0 0 14px;font-size:16px;line-height:1.75;color:#333333;text-align:justify;";

    public static string Render(Article article)
    {
        var html = new StringBuilder();
        html.Append("<section style=\"").Append(Container).Append("\">\n");
        Element(html, "h1", TitleStyle, article.Title);
        Element(html, "p", LeadStyle, article.Lead);
        foreach (var section in article.Sections)
        {
            Element(html, "h2", HeadingStyle, section.Heading);
            foreach (var paragraph in section.Paragraphs)
            {
                Element(html, "p", ParagraphStyle, paragraph);
            }
        }
        return html.Append("</section>\n").ToString();
    }

    private static void Element(StringBuilder html, string tag, string style, string text) =>
        html.Append('<').Append(tag).Append(" style=\"").Append(style).Append("\">")
            .Append(WebUtility.HtmlEncode(text)).Append("</").Append(tag).Append(">\n");
}
