using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Minxin.Domain.Articles;

public enum ArticleFormat
{
    Markdown,
    Html,
    Json,
}

/// <summary>Writes an article as Markdown, an HTML document or JSON, for editors and their tools.</summary>
public static class ArticleFormats
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Data files are never embedded in HTML: keep Chinese, "+" and quotes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    public static string Render(Article article, ArticleFormat format) => format switch
    {
        ArticleFormat.Markdown => Markdown(article),
        ArticleFormat.Html => Html(article),
        ArticleFormat.Json => JsonSerializer.Serialize(new
        {
            article.Title,
            article.Lead,
            Sections = article.Sections.Select(s => new { s.Number, s.Name, s.Paragraphs }),
        }, Json) + "\n",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static string Markdown(Article article)
    {
        var text = new StringBuilder();
        text.Append("# ").Append(article.Title).Append("\n\n").Append(article.Lead).Append("\n\n");
        foreach (var section in article.Sections)
        {
            text.Append("## ").Append(section.Heading).Append("\n\n");
            foreach (var paragraph in section.Paragraphs)
            {
                text.Append(paragraph).Append("\n\n");
            }
        }
        return text.ToString().TrimEnd() + "\n";
    }

    private static string Html(Article article)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(E(article.Title)).Append("</title>\n</head>\n<body>\n<article>\n<h1>").Append(E(article.Title))
            .Append("</h1>\n<p>").Append(E(article.Lead)).Append("</p>\n");
        foreach (var section in article.Sections)
        {
            html.Append("<h2>").Append(E(section.Heading)).Append("</h2>\n");
            foreach (var paragraph in section.Paragraphs)
            {
                html.Append("<p>").Append(E(paragraph)).Append("</p>\n");
            }
        }
        return html.Append("</article>\n</body>\n</html>\n").ToString();
    }
}
