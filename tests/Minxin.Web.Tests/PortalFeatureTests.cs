using System.Net;
using AngleSharp.Dom;
using Minxin.Data;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Testing;

namespace Minxin.Web.Tests;

/// <summary>The portal features as HTML: charts with text, search, filters, reading modes and their caching.</summary>
public sealed class PortalFeatureTests(SqliteWebFactory factory) : IClassFixture<SqliteWebFactory>
{
    private static List<string> Texts(IDocument document, string selector) =>
        document.QuerySelectorAll(selector).Select(e => e.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_category_chart_states_every_bar_in_words()
    {
        var page = await factory.GetDocumentAsync("/programs/jinnan-2025");

        var chart = page.QuerySelectorAll("figure.chart")[0];
        var rows = chart.QuerySelectorAll(".chart-row");
        Assert.Equal(10, rows.Length);
        Assert.Equal("已完成1项，推进中2项，共3项", rows[0].QuerySelector(".chart-value")!.TextContent);
        Assert.All(rows, r => Assert.Equal("true", r.QuerySelector("svg")!.GetAttribute("aria-hidden")));
        Assert.NotNull(chart.QuerySelector("figcaption"));
    }

    [Fact]
    public async Task The_schedule_chart_compares_each_percent_with_the_share_of_the_year_elapsed()
    {
        var page = await factory.GetDocumentAsync("/programs/jinnan-2025");

        var rows = page.QuerySelectorAll("figure.chart")[1].QuerySelectorAll(".chart-row");
        var ports = rows.Single(r => r.TextContent.Contains("07-1", StringComparison.Ordinal));
        // 30 June is day 181 of 365: 49.6 % of the year.
        Assert.Equal("5119/6000个（85%），序时进度49%，快于序时进度36个百分点", ports.QuerySelector(".chart-value")!.TextContent);
        Assert.Equal("49.59", ports.QuerySelector("line.bar-schedule")!.GetAttribute("x1"));
        Assert.Equal("85.32", ports.QuerySelector("rect.bar-completed")!.GetAttribute("width"));
    }

    [Fact]
    public async Task Searching_a_word_finds_every_item_that_contains_it()
    {
        var page = await factory.GetDocumentAsync("/search?q=" + Uri.EscapeDataString("充电"));

        var titles = Texts(page, ".search-result h3");
        Assert.Equal(2, titles.Count);
        Assert.Contains(titles, t => t.Contains("充电接口", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.Contains("充电桩", StringComparison.Ordinal));
        Assert.All(page.QuerySelectorAll(".search-result h3 mark"), m => Assert.Equal("充电", m.TextContent));
        Assert.Equal("找到2个子项。", page.QuerySelector(".search-count")!.TextContent);
    }

    [Theory]
    [InlineData("学位", 1)]
    [InlineData("ＡＢＣ养老", 0)]
    [InlineData("养老 食堂", 1)]
    [InlineData("卫生院", 1)]
    public async Task Search_matches_all_words_anywhere_in_an_item(string query, int expected)
    {
        var page = await factory.GetDocumentAsync("/search?q=" + Uri.EscapeDataString(query));

        Assert.Equal(expected, page.QuerySelectorAll(".search-result").Length);
    }

    [Fact]
    public async Task An_empty_or_unmatched_search_says_so_in_plain_words()
    {
        var empty = await factory.GetDocumentAsync("/search");
        var none = await factory.GetDocumentAsync("/search?q=" + Uri.EscapeDataString("火星基地"));

        Assert.Null(empty.QuerySelector(".search-count"));
        Assert.Contains("没有找到与“火星基地”有关的子项", none.QuerySelector(".search-count")!.TextContent);
    }

    [Theory]
    [InlineData("?status=completed", 4)]
    [InlineData("?category=7", 2)]
    [InlineData("?status=inProgress&category=1", 2)]
    [InlineData("?q=%E5%85%85%E7%94%B5", 2)]
    [InlineData("?status=delayed", 0)]
    public async Task The_card_can_be_filtered_by_status_category_and_words(string query, int expected)
    {
        var page = await factory.GetDocumentAsync("/programs/jinnan-2025" + query);

        Assert.Equal(expected, page.QuerySelectorAll("article.item").Length);
        Assert.Contains($"符合条件的子项：{expected}个（共26个）", page.QuerySelector(".filter-result")!.TextContent);
        Assert.Equal("截至2025年6月底，4个子项已完成，其余22个子项正在加快推进。", page.QuerySelector(".headline")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_card_can_be_filtered_by_responsible_unit_when_units_are_published()
    {
        var program = new ProgramBuilder("units-2025")
            .Category(1, "工程", c => c
                .Item(1, "新建幼儿园1所", i => i.Units("区教育局").Report("2025-06-30", ItemStatus.InProgress))
                .Item(2, "新增托位100个", i => i.Units("区卫健委", "区教育局").Report("2025-06-30", ItemStatus.Completed)))
            .Build();
        await using (var db = factory.OpenDatabase())
        {
            await ProgramStore.AddAsync(db, program, PublicationState.Published);
        }

        var all = await factory.GetDocumentAsync("/programs/units-2025");
        var health = await factory.GetDocumentAsync("/programs/units-2025?unit=" + Uri.EscapeDataString("区卫健委"));
        var education = await factory.GetDocumentAsync("/programs/units-2025?unit=" + Uri.EscapeDataString("区教育局"));

        Assert.Equal(["全部单位", "区卫健委", "区教育局"], Texts(all, "#filter-unit option"));
        Assert.Single(health.QuerySelectorAll("article.item"));
        Assert.Equal(2, education.QuerySelectorAll("article.item").Length);
    }

    [Theory]
    [InlineData("mode=elder", "mode-elder")]
    [InlineData("mode=care&scheme=yb&cursor=1", "mode-care scheme-yb big-cursor")]
    [InlineData("mode=care&text=up", "mode-care text-1")]
    public async Task The_preferences_link_sets_the_cookie_and_returns_to_the_page(string query, string classes)
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.GetAsync($"/preferences?{query}&return=%2Fitems%2Fjinnan-2025-07-1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/items/jinnan-2025-07-1", response.Headers.Location!.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        using var page = new HttpRequestMessage(HttpMethod.Get, "/items/jinnan-2025-07-1");
        page.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var rendered = await client.SendAsync(page);
        Assert.Contains($"<html lang=\"zh-CN\" class=\"{classes}\">", await rendered.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("\\\\evil.example")]
    [InlineData("///evil.example")]
    [InlineData("////evil.example")]
    [InlineData("/\\/evil.example")]
    [InlineData("\\/evil.example")]
    [InlineData("http:evil.example")]
    [InlineData("http:/evil.example")]
    [InlineData("https:\\\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/\r\n/evil.example")]
    [InlineData(" //evil.example")]
    [InlineData("\t//evil.example")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("//localhost@evil.example/")]
    [InlineData("https://localhost@evil.example/")]
    [InlineData("evil.example")]
    [InlineData("@evil.example")]
    [InlineData("\u2044\u2044evil.example")]
    [InlineData("\uFF0F\uFF0Fevil.example")]
    [InlineData("/\u3000/\u3000/evil.example")]
    [InlineData("/%2F/evil.example")]
    [InlineData("/\0//evil.example")]
    public async Task The_preferences_link_never_sends_the_reader_to_another_site(string target)
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.GetAsync("/preferences?mode=elder&return=" + Uri.EscapeDataString(target));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        // Browsers drop tabs and newlines from addresses and read a backslash as a slash; .NET's Uri does the same.
        Assert.True(location.All(c => c is > ' ' and < (char)0x7F), location);
        Assert.Equal("localhost", new Uri(new Uri("http://localhost/programs/"), location).Host);
    }

    [Fact]
    public async Task Each_reading_mode_gets_its_own_cached_page()
    {
        using var client = factory.CreateClient();
        await client.GetStringAsync("/programs/jinnan-2025");
        using var elder = new HttpRequestMessage(HttpMethod.Get, "/programs/jinnan-2025");
        elder.Headers.Add("Cookie", "minxin-reader=" + Uri.EscapeDataString("m=elder;t=2"));

        var elderPage = await (await client.SendAsync(elder)).Content.ReadAsStringAsync();
        var standardPage = await client.GetStringAsync("/programs/jinnan-2025");

        Assert.Contains("class=\"mode-elder text-2\"", elderPage);
        Assert.Contains("字号：较大", elderPage);
        Assert.Contains("class=\"mode-standard\"", standardPage);
    }

    [Theory]
    [InlineData("m=care;s=yb", "class=\"mode-care scheme-yb\"")]
    [InlineData("m=elder", "class=\"mode-elder\"")]
    public async Task A_reader_with_other_cookies_still_gets_their_mode_from_the_cache(string preferences, string htmlClass)
    {
        using var client = factory.CreateClient();
        var cookie = "theme=x; minxin-reader=" + Uri.EscapeDataString(preferences) + "; other=y";
        async Task<string> Fetch(string header)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/programs/jinnan-2025");
            request.Headers.Add("Cookie", header);
            return await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        }

        var first = await Fetch(cookie);
        var again = await Fetch(cookie);
        var withoutPreferences = await Fetch("theme=x; other=y");

        Assert.Contains(htmlClass, first);
        Assert.Equal(first, again);
        Assert.Contains("class=\"mode-standard\"", withoutPreferences);
    }

    [Fact]
    public async Task A_malformed_preferences_cookie_is_ignored()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", "minxin-reader=" + Uri.EscapeDataString("m=\"><script>;t=99;s=zz;c=yes"));

        var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"zh-CN\" class=\"mode-standard\">", html);
        Assert.DoesNotContain("<script>", html);
    }

    [Theory]
    [InlineData("/accessibility", "适老化及无障碍声明")]
    [InlineData("/open-data", "开放数据")]
    public async Task The_statement_and_open_data_pages_exist(string path, string heading)
    {
        var page = await factory.GetDocumentAsync(path);

        Assert.Equal(heading, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector($"footer a[href='{path}']"));
    }
}
