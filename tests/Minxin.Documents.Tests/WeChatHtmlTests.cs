using AngleSharp.Html.Parser;
using Minxin.Documents.Articles;
using Minxin.Domain.Articles;

namespace Minxin.Documents.Tests;

public class WeChatHtmlTests
{
    private static readonly Article HalfYear = ArticleWriter.Write(Jinnan.HalfYearCard());

    private static AngleSharp.Html.Dom.IHtmlDocument Parse(string fragment) => new HtmlParser().ParseDocument(fragment);

    [Fact]
    public void The_fragment_has_no_style_or_script_elements_classes_or_outside_resources()
    {
        var html = WeChatHtml.Render(HalfYear);
        var document = Parse(html);

        Assert.Empty(document.QuerySelectorAll("style, script, link, img, iframe"));
        Assert.Empty(document.QuerySelectorAll("[class], [id], [src], [href]"));
        Assert.DoesNotContain("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_element_with_text_carries_an_inline_style()
    {
        var body = Parse(WeChatHtml.Render(HalfYear)).Body!;

        var elements = body.QuerySelectorAll("*").Where(e => !string.IsNullOrWhiteSpace(e.TextContent)).ToList();
        Assert.NotEmpty(elements);
        Assert.All(elements, e => Assert.False(string.IsNullOrWhiteSpace(e.GetAttribute("style")), e.OuterHtml[..Math.Min(80, e.OuterHtml.Length)]));
    }

    [Fact]
    public void Body_text_is_at_least_15px_with_line_height_175_and_headings_are_bold()
    {
        var body = Parse(WeChatHtml.Render(HalfYear)).Body!;

        foreach (var p in body.QuerySelectorAll("p"))
        {
            var style = p.GetAttribute("style")!;
            var size = int.Parse(System.Text.RegularExpressions.Regex.Match(style, @"font-size:(\d+)px").Groups[1].Value);
            Assert.True(size >= 15, style);
            Assert.Contains("line-height:1.75", style, StringComparison.Ordinal);
        }
        Assert.All(body.QuerySelectorAll("h1, h2"), h => Assert.Contains("font-weight:bold", h.GetAttribute("style")!, StringComparison.Ordinal));
    }

    [Fact]
    public void Title_lead_and_section_headings_come_in_the_article_order_with_their_numbers()
    {
        var body = Parse(WeChatHtml.Render(HalfYear)).Body!;

        Assert.Equal(HalfYear.Title, body.QuerySelector("h1")!.TextContent);
        Assert.Equal(HalfYear.Sections.Select(s => s.Heading), body.QuerySelectorAll("h2").Select(h => h.TextContent));
        Assert.StartsWith("01", body.QuerySelectorAll("h2")[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(1 + HalfYear.Sections.Sum(s => s.Paragraphs.Count), body.QuerySelectorAll("p").Length);
        Assert.Contains("截至2025年6月底，4个子项已完成", body.QuerySelector("p")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_from_users_is_escaped()
    {
        var article = new Article("标题<script>alert(1)</script>", "导语 & \"引号\"",
            [new ArticleSection("01", "工程<b>粗</b>", ["段落<img src=x onerror=alert(1)>"])]);

        var html = WeChatHtml.Render(article);
        var document = Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Empty(document.QuerySelectorAll("script, img, b"));
        Assert.Equal("标题<script>alert(1)</script>", document.QuerySelector("h1")!.TextContent);
        Assert.Equal("导语 & \"引号\"", document.QuerySelector("p")!.TextContent);
    }
}
