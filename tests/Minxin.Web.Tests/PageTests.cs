using System.Net;
using AngleSharp.Dom;

namespace Minxin.Web.Tests;

/// <summary>The server-rendered pages, read as HTML (what a reader without JavaScript gets).</summary>
public sealed class PageTests(SqliteWebFactory factory) : IClassFixture<SqliteWebFactory>
{
    private static List<string> Texts(IDocument document, string selector) =>
        document.QuerySelectorAll(selector).Select(e => e.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_home_page_lists_each_program_with_its_headline_figures()
    {
        var page = await factory.GetDocumentAsync("/");

        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
        var program = Assert.Single(page.QuerySelectorAll(".program-summary"));
        Assert.Equal("2025年津南区民心工程", program.QuerySelector("h2")!.TextContent.Trim());
        Assert.Contains("4个子项已完成，其余22个子项正在加快推进", program.TextContent);
        Assert.Equal("/programs/jinnan-2025", program.QuerySelector("h2 a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_card_opens_with_the_published_headline()
    {
        var page = await factory.GetDocumentAsync("/programs/jinnan-2025");

        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Equal("截至2025年6月底，4个子项已完成，其余22个子项正在加快推进。", page.QuerySelector(".headline")!.TextContent.Trim());
        Assert.Contains("2025年津南区民心工程成绩单", page.Title);
    }

    [Fact]
    public async Task The_card_has_the_ten_categories_in_order_and_every_item()
    {
        var page = await factory.GetDocumentAsync("/programs/jinnan-2025");

        var headings = Texts(page, "section.category > h2");
        Assert.Equal(10, headings.Count);
        Assert.Equal("01 护苗助老贴心工程", headings[0]);
        Assert.Equal("10 宜业增收恒心工程", headings[9]);
        Assert.Equal([3, 3, 3, 2, 2, 3, 2, 3, 2, 3], page.QuerySelectorAll("section.category").Select(s => s.QuerySelectorAll("article.item").Length));
    }

    [Fact]
    public async Task Status_is_written_in_words_not_only_in_colour()
    {
        var page = await factory.GetDocumentAsync("/programs/jinnan-2025");

        var statuses = Texts(page, "article.item .item-head .status");
        Assert.Equal(26, statuses.Count);
        Assert.Equal(4, statuses.Count(s => s.EndsWith("已完成", StringComparison.Ordinal)));
        Assert.Equal(22, statuses.Count(s => s.EndsWith("推进中", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Indicators_show_a_bar_and_the_figures_in_text()
    {
        var page = await factory.GetDocumentAsync("/programs/jinnan-2025");

        var ports = page.QuerySelectorAll("article#item-07-1 .indicator").Single(li => li.TextContent.Contains("电动自行车充电接口"));
        Assert.Equal("5119/6000个（85%）", ports.QuerySelector(".indicator-figure")!.TextContent.Trim());
        var bar = ports.QuerySelector("progress")!;
        Assert.Equal("6000", bar.GetAttribute("max"));
        Assert.Equal("5119", bar.GetAttribute("value"));
        Assert.Equal("5119/6000个（85%）", bar.GetAttribute("aria-valuetext"));
    }

    [Fact]
    public async Task Narratives_and_sites_are_on_the_card()
    {
        var page = await factory.GetDocumentAsync("/programs/jinnan-2025");

        var item = page.QuerySelector("article#item-01-1")!;
        Assert.Contains("南开学校敬慧路校区", item.QuerySelector(".narrative")!.TextContent);
        var school = item.QuerySelectorAll(".site").Single(s => s.TextContent.Contains("南开学校敬慧路校区"));
        Assert.Contains("预计9月份", school.TextContent);
        var completed = page.QuerySelector("article#item-01-3 .narrative")!.TextContent;
        Assert.StartsWith("该项目已完成。", completed);
        Assert.Equal("5119个", page.QuerySelectorAll("article#item-07-1 .narrative data.figure").Single(d => d.GetAttribute("value") == "5119").TextContent);
    }

    [Fact]
    public async Task The_card_as_of_march_has_nothing_completed()
    {
        var page = await factory.GetDocumentAsync("/programs/jinnan-2025?asOf=2025-03-31");

        Assert.Equal("截至2025年3月底，26个子项尚未开工。", page.QuerySelector(".headline")!.TextContent.Trim());
        Assert.Equal("2025-03-31", page.QuerySelector("input#asOf")!.GetAttribute("value"));
        Assert.Empty(page.QuerySelectorAll("article.item.status-completed"));
    }

    [Fact]
    public async Task The_date_selector_is_a_plain_form_with_the_report_dates()
    {
        var page = await factory.GetDocumentAsync("/programs/jinnan-2025?asOf=2025-03-31");

        var form = page.QuerySelector("form.as-of-form")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("asOf", form.QuerySelector("input[type=date]")!.GetAttribute("name"));
        Assert.Equal("查看某一天的成绩单", form.QuerySelector("label[for=asOf]")!.TextContent.Trim());
        Assert.Contains(form.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/programs/jinnan-2025?asOf=2025-06-30");
    }

    [Fact]
    public async Task A_malformed_date_gets_a_chinese_message_and_the_latest_card()
    {
        var page = await factory.GetDocumentAsync("/programs/jinnan-2025?asOf=%3Cscript%3E1", HttpStatusCode.BadRequest);

        var error = page.QuerySelector("[role=alert]")!;
        Assert.Contains("“<script>1”不是有效的日期", error.TextContent);
        Assert.Empty(page.QuerySelectorAll("main script"));
        Assert.Contains("4个子项已完成", page.QuerySelector(".headline")!.TextContent);
    }

    [Fact]
    public async Task The_item_page_has_indicators_sites_and_the_dated_timeline()
    {
        var page = await factory.GetDocumentAsync("/items/jinnan-2025-01-1");

        Assert.StartsWith("新增婴幼儿托位460个", page.QuerySelector("h1")!.TextContent.Trim());
        var table = page.QuerySelector("table")!;
        Assert.NotNull(table.QuerySelector("caption"));
        Assert.All(table.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
        Assert.Contains(Texts(page, "tbody th"), name => name.Contains("婴幼儿托位"));
        Assert.True(page.QuerySelectorAll("ul.sites .site").Length >= 4);
        var report = Assert.Single(page.QuerySelectorAll("ol.timeline > li"));
        Assert.Equal("2025-06-30", report.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Contains("报告：津南好", report.QuerySelector(".report-meta")!.TextContent);
        Assert.Contains("审核：津南好", report.QuerySelector(".report-meta")!.TextContent);
    }

    [Theory]
    [InlineData("/programs/nowhere-2025")]
    [InlineData("/items/jinnan-2025-99-9")]
    [InlineData("/items/garbage")]
    [InlineData("/no-such/deep-page")]
    public async Task Unknown_pages_are_a_chinese_404(string url)
    {
        var page = await factory.GetDocumentAsync(url, HttpStatusCode.NotFound);

        Assert.Equal("页面不存在", page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task Pages_carry_security_headers_and_no_inline_script()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/programs/jinnan-2025");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain(" style=\"", html);
    }

    [Fact]
    public async Task Stylesheets_have_fingerprinted_names()
    {
        var page = await factory.GetDocumentAsync("/");

        var href = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        Assert.Matches(@"^/css/site\.[a-z0-9]+\.css$", href);
        using var client = factory.CreateClient();
        using var css = await client.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains("--text:", await css.Content.ReadAsStringAsync());
    }
}
