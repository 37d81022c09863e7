using Microsoft.Playwright;
using Minxin.Testing;

namespace Minxin.Browser.Tests;

/// <summary>Sharing and printing: the QR code, the copy-link button, Open Graph, the A4 print style, back to top.</summary>
[Collection(PortalTests.Name)]
public sealed class SharingTests(PortalFixture portal)
{
    [Theory]
    [InlineData("/programs/jinnan-2025")]
    [InlineData("/items/jinnan-2025-07-1")]
    [InlineData("/programs/jinnan-2025?asOf=2025-03-31")]
    public async Task The_qr_code_decodes_to_the_address_of_the_page(string path)
    {
        await using var reader = await Reader.OpenAsync(portal, path);

        var svg = await reader.Page.InnerHTMLAsync(".share-qr");

        Assert.Equal(reader.Page.Url, QrCodes.Decode(svg));
        Assert.Equal(reader.Page.Url, await reader.Page.InputValueAsync("#share-url"));
    }

    [Fact]
    public async Task Copy_link_puts_the_address_on_the_clipboard_and_says_so()
    {
        await using var reader = await Reader.OpenAsync(portal, "/items/jinnan-2025-07-1");
        await reader.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new BrowserContextGrantPermissionsOptions { Origin = portal.BaseUrl });

        await reader.Page.ClickAsync("button.copy-link");

        Assert.Equal(reader.Page.Url, await reader.EvalAsync<string>("() => navigator.clipboard.readText()"));
        Assert.Contains("已复制链接", await reader.Page.InnerTextAsync(".copy-status"));
    }

    [Fact]
    public async Task A_shared_link_carries_a_title_a_summary_and_its_address()
    {
        await using var reader = await Reader.OpenAsync(portal, "/programs/jinnan-2025");

        Assert.Equal("2025年津南区民心工程成绩单", await reader.Page.GetAttributeAsync("meta[property='og:title']", "content"));
        Assert.Contains("4个子项已完成", await reader.Page.GetAttributeAsync("meta[property='og:description']", "content"));
        Assert.Equal(reader.Page.Url, await reader.Page.GetAttributeAsync("meta[property='og:url']", "content"));
    }

    [Fact]
    public async Task Printing_gives_a_clean_a4_card_with_the_qr_code_and_without_controls()
    {
        await using var reader = await Reader.OpenAsync(portal, "/programs/jinnan-2025", Reader.Modes.Care);
        await reader.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        var hidden = await reader.EvalAsync<bool[]>("""
            () => ['.care-toolbar', '.mode-switch', '.search-form', '.as-of-form', '.filter-form', '.toc', '.share-link']
              .map(s => getComputedStyle(document.querySelector(s)).display === 'none')
            """);
        Assert.All(hidden, Assert.True);
        Assert.True(await reader.Page.Locator(".share-qr svg").IsVisibleAsync());
        Assert.Equal(26, await reader.Page.Locator("article.item:visible").CountAsync());
        var pdf = await reader.Page.PdfAsync(new PagePdfOptions { Format = "A4", Path = Path.Combine(portal.Artifacts, "card-print.pdf") });
        Assert.True(pdf.Length > 10_000);
    }

    [Fact]
    public async Task Back_to_top_returns_to_the_top_of_the_page()
    {
        await using var reader = await Reader.OpenAsync(portal, "/programs/jinnan-2025", width: 390, height: 700);

        await reader.Page.ClickAsync("a[href='#top']");

        Assert.Equal(0, await reader.EvalAsync<double>("() => Math.round(document.querySelector('.site-header').getBoundingClientRect().top)"));
    }
}
