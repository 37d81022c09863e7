using System.Net;
using Minxin.Testing;

namespace Minxin.Web.Tests.Following;

/// <summary>The A5 poster of an item: its title and category, the QR code of the item page, the address in text.</summary>
public sealed class PosterTests
{
    private static readonly string[] Slogans = ["码上查", "码上评", "码上提"];

    [Fact]
    public async Task The_poster_carries_the_item_page_qr_code_and_prints_on_a5_without_navigation()
    {
        using var node = new FollowingNode(TimeProvider.System, ("Minxin:PublicBaseUrl", FollowingNode.BaseUrl));
        var item = await node.GetDocumentAsync("/items/jinnan-2025-07-1");
        Assert.Equal("/items/jinnan-2025-07-1/poster", item.QuerySelector("#follow a[href$='/poster']")!.GetAttribute("href"));

        var poster = await node.GetDocumentAsync("/items/jinnan-2025-07-1/poster");
        var article = poster.QuerySelector("article.poster")!;
        Assert.Contains("推动全区既有住宅小区新增电动自行车充电接口6000个", article.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("07 ", article.QuerySelector(".poster-category")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("子项 07-1", article.QuerySelector(".poster-category")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("扫码查进度、提意见", article.TextContent, StringComparison.Ordinal);
        Assert.All(Slogans, word => Assert.Contains(word, article.TextContent, StringComparison.Ordinal));
        // The QR code a phone scans opens the item page at its canonical address, which is also written out.
        var qr = article.QuerySelector("svg.qr")!;
        Assert.Equal(FollowingNode.BaseUrl + "/items/jinnan-2025-07-1", QrCodes.Decode(qr.OuterHtml));
        Assert.Equal("minxin.example.gov.cn/items/jinnan-2025-07-1", article.QuerySelector(".poster-url-text")!.TextContent);
        // Not the page's own share box: the poster is the item's.
        Assert.Null(poster.QuerySelector("section.share"));

        // A5 print rules, loaded only on the poster, hiding the site's navigation.
        var sheet = poster.Head!.QuerySelector("link[rel=stylesheet][href^='/css/poster.']")!.GetAttribute("href")!;
        using var client = node.CreateClient();
        var css = await client.GetStringAsync(sheet);
        Assert.Matches(@"@page\s*\{\s*size:\s*A5;\s*margin:", css);
        Assert.Matches(@"@media print \{[^@]*\.site-header, \.site-footer[^}]*display: none !important;", css);
        Assert.Null(item.Head!.QuerySelector("link[href^='/css/poster.']"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/items/jinnan-2025-99-1/poster")).StatusCode);
    }
}
