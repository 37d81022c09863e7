namespace Minxin.Browser.Tests;

/// <summary>适老版 (E1–E9): big type, generous spacing, strong contrast, large controls, one column, read-aloud.</summary>
[Collection(PortalTests.Name)]
public sealed class ElderModeTests(PortalFixture portal)
{
    private const string Card = "/programs/jinnan-2025";

    private Task<Reader> OpenAsync(string path = Card, int width = 1280, string? initScript = null, string mode = Reader.Modes.Elder) =>
        Reader.OpenAsync(portal, path, mode, width: width, initScript: initScript);

    public sealed class Typography
    {
        public double Body { get; set; }

        public double LineHeight { get; set; }

        public double ParagraphGap { get; set; }

        public double SmallestHeading { get; set; }

        public double SmallestFigure { get; set; }

        public double LowestContrast { get; set; }

        public double LowestNonText { get; set; }
    }

    private const string MeasureTypography = """
        () => {
          const body = [...document.querySelectorAll('main .narrative, main .lead, main p.program-region')].filter(__measure.visible);
          const p = document.querySelector('main .narrative');
          const ps = getComputedStyle(p);
          const lineHeight = parseFloat(ps.lineHeight) / parseFloat(ps.fontSize);
          const headings = [...document.querySelectorAll('main h1, main h2, main h3')].filter(__measure.visible);
          const figures = [...document.querySelectorAll('.indicator-figure, .total dd')].filter(__measure.visible);
          const texts = [...document.querySelectorAll('main p, main li, main h1, main h2, main h3, main td, main th, main dd, main dt, main label, main a')]
            .filter(e => __measure.visible(e) && e.innerText.trim().length > 0);
          const borders = [...document.querySelectorAll('main button, main input, main select')].filter(__measure.visible)
            .map(e => __measure.colourContrast(getComputedStyle(e).borderTopColor, e.parentElement));
          return {
            Body: Math.min(...body.map(e => parseFloat(getComputedStyle(e).fontSize))),
            LineHeight: lineHeight,
            ParagraphGap: parseFloat(ps.marginBottom) / parseFloat(ps.lineHeight),
            SmallestHeading: Math.min(...headings.map(e => parseFloat(getComputedStyle(e).fontSize))),
            SmallestFigure: Math.min(...figures.map(e => parseFloat(getComputedStyle(e).fontSize))),
            LowestContrast: Math.min(...texts.map(e => __measure.textContrast(e))),
            LowestNonText: Math.min(...borders),
          };
        }
        """;

    [Fact]
    public async Task E1_E2_E3_body_text_is_20px_with_1_5_line_height_and_7_to_1_contrast_headings_and_figures_larger()
    {
        await using var reader = await OpenAsync();
        await reader.ScreenshotAsync("elder-card");

        var t = await reader.EvalAsync<Typography>(MeasureTypography);

        Assert.True(t.Body >= 20, $"body text {t.Body}px");
        Assert.True(t.SmallestHeading >= 1.5 * t.Body, $"smallest heading {t.SmallestHeading}px for body {t.Body}px");
        Assert.True(t.SmallestFigure >= 30, $"key figures {t.SmallestFigure}px");
        Assert.True(t.LineHeight >= 1.5, $"line height {t.LineHeight:F2}");
        Assert.True(t.ParagraphGap >= 1.3, $"paragraph gap {t.ParagraphGap:F2}× line height");
        Assert.True(t.LowestContrast >= 7, $"lowest text contrast {t.LowestContrast:F2}");
        Assert.True(t.LowestNonText >= 3, $"lowest control border contrast {t.LowestNonText:F2}");
    }

    [Theory]
    [InlineData("/")]
    [InlineData(Card)]
    [InlineData("/items/jinnan-2025-07-1")]
    [InlineData("/search?q=充电")]
    public async Task E4_main_controls_are_60_px_and_every_other_control_44_px(string path)
    {
        await using var reader = await OpenAsync(path, width: 390);

        var small = await reader.EvalAsync<string[]>("""
            () => {
              const size = e => e.getBoundingClientRect();
              const main = [...document.querySelectorAll('button, .button, .mode-switch a, input, select')].filter(__measure.visible);
              const main60 = new Set(main);
              const others = [...document.querySelectorAll('a[href]')].filter(e => __measure.visible(e) && !main60.has(e) && !e.classList.contains('skip-link'));
              return [...main.filter(e => size(e).width < 59.5 || size(e).height < 59.5).map(e => '60: ' + e.outerHTML.slice(0, 90)),
                      ...others.filter(e => size(e).height < 43.5 || size(e).width < 43.5).map(e => '44: ' + e.outerHTML.slice(0, 90))];
            }
            """);

        Assert.Empty(small);
    }

    [Fact]
    public async Task E5_the_page_is_one_column_of_bordered_regions()
    {
        await using var reader = await OpenAsync();

        var layout = await reader.EvalAsync<double[]>("""
            () => {
              const items = [...document.querySelectorAll('article.item')].map(e => e.getBoundingClientRect());
              const sideBySide = items.filter((r, i) => i > 0 && r.top < items[i - 1].bottom - 1).length;
              const tocColumns = parseInt(getComputedStyle(document.querySelector('.toc ol')).columnCount) || 1;
              const unbordered = [...document.querySelectorAll('article.item, .toc, .as-of-form, .filter-form')]
                .filter(e => parseFloat(getComputedStyle(e).borderTopWidth) < 1).length;
              return [sideBySide, tocColumns, unbordered];
            }
            """);

        Assert.Equal([0, 1, 0], layout);
    }

    [Fact]
    public async Task E6_controls_are_named_in_plain_words()
    {
        await using var reader = await OpenAsync();

        var names = await reader.Page.Locator(".elder-bar button:visible, .mode-switch a, form button:visible").AllInnerTextsAsync();

        Assert.All(names, n => Assert.Matches(@"^[\u4e00-\u9fff：]{2,8}$", n.Trim()));
        Assert.Contains("字号大一点", names.Select(n => n.Trim()));
    }

    [Fact]
    public async Task E7_read_aloud_reads_the_page_in_chinese_and_stops()
    {
        await using var reader = await OpenAsync(initScript: SpeechStub.Script);
        var button = reader.Page.Locator("button[data-speech=read-toggle]");

        await button.ClickAsync();
        await reader.Page.WaitForFunctionAsync("() => window.__spoken.length > 3");

        var spoken = await reader.EvalAsync<SpeechStub.Utterance[]>("() => window.__spoken");
        Assert.All(spoken, u => Assert.Equal("zh-CN", u.Lang));
        Assert.Equal("2025年津南区民心工程成绩单", spoken[0].Text);
        Assert.Contains(spoken, u => u.Text.Contains("4个子项已完成", StringComparison.Ordinal));
        Assert.Equal("true", await button.GetAttributeAsync("aria-pressed"));
        await button.ClickAsync();
        Assert.Equal("false", await button.GetAttributeAsync("aria-pressed"));
    }

    [Fact]
    public async Task E8_the_page_text_size_control_has_five_steps_and_is_kept_across_pages()
    {
        await using var reader = await OpenAsync();
        var sizes = new List<double> { await RootSize(reader) };

        for (var i = 0; i < 4; i++)
        {
            await reader.Page.ClickAsync("button[data-pref=text][data-value=up]");
            sizes.Add(await RootSize(reader));
        }

        Assert.Equal(sizes.Order(), sizes);
        Assert.Equal(5, sizes.Distinct().Count());
        Assert.True(await reader.Page.IsDisabledAsync("button[data-pref=text][data-value=up]"));
        Assert.Equal("字号：特大", (await reader.Page.InnerTextAsync("#text-size-label")).Trim());
        await reader.GoAsync("/items/jinnan-2025-07-1");
        Assert.Equal(sizes[^1], await RootSize(reader));
        await reader.ScreenshotAsync("elder-item-largest-text");
    }

    [Fact]
    public async Task E9_the_largest_text_still_reflows_at_320_px()
    {
        foreach (var path in AxeTests.PageTypes)
        {
            await using var reader = await OpenAsync(path, width: 320, mode: "m=elder;t=4");
            Assert.True(await reader.HorizontalOverflowAsync() <= 0, $"{path} scrolls sideways at 320 px with the largest elder text");
        }
    }

    private static Task<double> RootSize(Reader reader) =>
        reader.EvalAsync<double>("() => parseFloat(getComputedStyle(document.documentElement).fontSize)");
}
