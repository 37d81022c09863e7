namespace Minxin.Browser.Tests;

/// <summary>Every page and form works without JavaScript: the modes, the toolbar, the filters and the date selector.</summary>
[Collection(PortalTests.Name)]
public sealed class NoScriptTests(PortalFixture portal)
{
    [Fact]
    public async Task The_mode_links_and_the_toolbar_work_without_javascript()
    {
        await using var reader = await Reader.OpenAsync(portal, "/items/jinnan-2025-07-1", javaScript: false);

        await reader.Page.ClickAsync("nav.mode-switch a:text('关爱版')");
        Assert.Equal("mode-care", await reader.Page.GetAttributeAsync("html", "class"));
        Assert.EndsWith("/items/jinnan-2025-07-1", reader.Page.Url);

        await reader.Page.ClickAsync("button[data-pref=text][data-value=up]");
        await reader.Page.ClickAsync("button[data-pref=scheme][data-value=by]");
        await reader.Page.ClickAsync("button[data-pref=plain]");

        var classes = await reader.Page.GetAttributeAsync("html", "class");
        Assert.Equal("mode-care text-1 scheme-by plain-text", classes);
        Assert.Equal("true", await reader.Page.GetAttributeAsync("button[data-pref=plain]", "aria-pressed"));
        Assert.Equal(0, await reader.Page.Locator("button.speech:visible").CountAsync());
        Assert.EndsWith("/items/jinnan-2025-07-1", reader.Page.Url);
    }

    [Fact]
    public async Task The_elder_text_size_works_without_javascript()
    {
        await using var reader = await Reader.OpenAsync(portal, "/programs/jinnan-2025", Reader.Modes.Elder, javaScript: false);

        await reader.Page.ClickAsync("button[data-pref=text][data-value=up]");
        await reader.Page.ClickAsync("button[data-pref=text][data-value=up]");

        Assert.Equal("mode-elder text-2", await reader.Page.GetAttributeAsync("html", "class"));
        Assert.Equal("字号：较大", (await reader.Page.InnerTextAsync("#text-size-label")).Trim());
    }

    [Fact]
    public async Task Filters_search_and_the_date_selector_work_without_javascript()
    {
        await using var reader = await Reader.OpenAsync(portal, "/programs/jinnan-2025", javaScript: false);

        await reader.Page.SelectOptionAsync("#filter-status", "completed");
        await reader.Page.ClickAsync("form.filter-form button[type=submit]");
        Assert.Equal(4, await reader.Page.Locator("article.item").CountAsync());
        Assert.Contains("符合条件的子项：4个（共26个）", await reader.Page.InnerTextAsync(".filter-result"));

        await reader.Page.FillAsync("#site-search", "充电");
        await reader.Page.ClickAsync("form.search-form button");
        Assert.Contains("/search?q=", reader.Page.Url);
        Assert.Equal(2, await reader.Page.Locator(".search-result").CountAsync());

        await reader.GoAsync("/programs/jinnan-2025");
        await reader.Page.FillAsync("#asOf", "2025-03-31");
        await reader.Page.ClickAsync("form.as-of-form button");
        Assert.Contains("截至2025年3月底", await reader.Page.InnerTextAsync(".headline"));
    }
}
