using Microsoft.Playwright;

namespace Minxin.Browser.Tests;

/// <summary>关爱版 (C1–C10): the toolbar and what each of its tools does.</summary>
[Collection(PortalTests.Name)]
public sealed class CareModeTests(PortalFixture portal)
{
    private const string Card = "/programs/jinnan-2025";

    private Task<Reader> OpenAsync(string mode = Reader.Modes.Care, string path = Card, string? initScript = null, int width = 1280) =>
        Reader.OpenAsync(portal, path, mode, width: width, initScript: initScript ?? SpeechStub.Script);

    private static Task<string> ClassesAsync(Reader reader) => reader.Page.GetAttributeAsync("html", "class")!;

    [Fact]
    public async Task C1_the_toolbar_follows_the_skip_link_with_real_44px_buttons_and_pressed_states()
    {
        await using var reader = await OpenAsync();

        var facts = await reader.EvalAsync<string[]>("""
            () => {
              const bar = document.querySelector('[role=toolbar]');
              const buttons = [...bar.querySelectorAll('button')].filter(__measure.visible);
              const afterSkip = document.querySelector('.skip-link').nextElementSibling === bar;
              const small = buttons.filter(b => { const r = b.getBoundingClientRect(); return r.width < 43.5 || r.height < 43.5; });
              return [bar.getAttribute('aria-label'), String(afterSkip), String(buttons.length), String(small.length),
                      String(buttons.every(b => b.tagName === 'BUTTON'))];
            }
            """);

        Assert.Matches("[\u4e00-\u9fff]", facts[0]);
        Assert.Equal(["true", "0", "true"], new[] { facts[1], facts[3], facts[4] });
        Assert.True(int.Parse(facts[2], System.Globalization.CultureInfo.InvariantCulture) >= 12, $"{facts[2]} toolbar buttons");
        foreach (var toggle in new[] { "cursor", "guides", "plain", "captions" })
        {
            Assert.Equal("false", await reader.Page.GetAttributeAsync($"button[data-pref={toggle}]", "aria-pressed"));
        }
        await reader.Page.ClickAsync("button[data-pref=guides]");
        Assert.Equal("true", await reader.Page.GetAttributeAsync("button[data-pref=guides]", "aria-pressed"));
    }

    [Fact]
    public async Task C2_point_reading_reads_what_is_under_the_pointer_or_focus_in_chinese()
    {
        await using var reader = await OpenAsync();
        await reader.Page.ClickAsync("button[data-speech=point]");
        Assert.Equal("true", await reader.Page.GetAttributeAsync("button[data-speech=point]", "aria-pressed"));

        await reader.Page.HoverAsync("h1");
        await reader.Page.FocusAsync(".toc a");

        var spoken = await reader.EvalAsync<SpeechStub.Utterance[]>("() => window.__spoken");
        Assert.Contains(spoken, u => u.Text == "2025年津南区民心工程成绩单" && u.Lang == "zh-CN");
        Assert.Contains(spoken, u => u.Text.Contains("护苗助老贴心工程", StringComparison.Ordinal));
    }

    [Fact]
    public async Task C2_continuous_reading_reads_main_and_the_speed_and_stop_controls_work()
    {
        await using var reader = await OpenAsync();

        await reader.Page.ClickAsync("button[data-speech=faster]");
        await reader.Page.ClickAsync("button[data-speech=read]");
        await reader.Page.WaitForFunctionAsync("() => window.__spoken.length > 10");
        await reader.Page.ClickAsync("button[data-speech=stop]");

        var spoken = await reader.EvalAsync<SpeechStub.Utterance[]>("() => window.__spoken");
        Assert.Contains(spoken.Skip(1), u => u.Text == "2025年津南区民心工程成绩单");
        Assert.All(spoken.Skip(1), u => Assert.Equal(1.25, u.Rate));
        Assert.True(await reader.EvalAsync<int>("() => window.__cancelled") > 0);
        await reader.Page.ClickAsync("button[data-speech=pause]");
        Assert.Equal("继续", (await reader.Page.InnerTextAsync("button[data-speech=pause]")).Trim());
    }

    [Fact]
    public async Task C2_speech_buttons_stay_hidden_where_the_browser_cannot_speak()
    {
        await using var reader = await OpenAsync(initScript: SpeechStub.Missing);

        Assert.Equal(0, await reader.Page.Locator("button.speech:visible").CountAsync());
        Assert.True(await reader.Page.Locator("button[data-pref=text]").First.IsVisibleAsync());
    }

    [Fact]
    public async Task C3_zoom_goes_from_100_to_200_percent_in_steps_without_sideways_scrolling()
    {
        await using var reader = await OpenAsync(width: 390);
        var sizes = new List<double> { await RootSize(reader) };

        for (var i = 0; i < 5; i++)
        {
            await reader.Page.ClickAsync("button[data-pref=text][data-value=up]");
            sizes.Add(await RootSize(reader));
        }

        Assert.Equal(16, sizes[0]);
        Assert.Equal(32, sizes[^1]);
        Assert.Equal(5, sizes.Distinct().Count());
        Assert.True(await reader.HorizontalOverflowAsync() <= 0, "scrolls sideways at 200 %");
        await reader.ScreenshotAsync("care-200-percent-390");
        await reader.Page.ClickAsync("button[data-pref=text][data-value=down]");
        Assert.Equal(28, await RootSize(reader));
    }

    [Theory]
    [InlineData(Reader.Modes.YellowOnBlack, "255, 255, 0", "0, 0, 0")]
    [InlineData(Reader.Modes.BlackOnYellow, "0, 0, 0", "255, 255, 0")]
    public async Task C4_high_contrast_schemes_keep_every_text_above_7_to_1(string mode, string text, string background)
    {
        await using var reader = await OpenAsync(mode);

        var lowest = await reader.EvalAsync<double>("""
            () => Math.min(...[...document.querySelectorAll('body *')]
              .filter(e => __measure.visible(e) && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) && !e.closest('.share-qr'))
              .map(e => __measure.textContrast(e)))
            """);

        Assert.True(lowest >= 7, $"lowest text contrast {lowest:F2}");
        Assert.Equal($"rgb({text})", await reader.EvalAsync<string>("() => getComputedStyle(document.querySelector('main p')).color"));
        Assert.Equal($"rgb({background})", await reader.EvalAsync<string>("() => getComputedStyle(document.body).backgroundColor === 'rgba(0, 0, 0, 0)' ? getComputedStyle(document.documentElement).backgroundColor : getComputedStyle(document.body).backgroundColor"));
    }

    [Fact]
    public async Task C4_switching_schemes_on_the_page_changes_the_colours_at_once()
    {
        await using var reader = await OpenAsync();

        await reader.Page.ClickAsync("button[data-pref=scheme][data-value=yb]");
        Assert.Contains("scheme-yb", await ClassesAsync(reader));
        await reader.Page.ClickAsync("button[data-pref=scheme][data-value=by]");
        var classes = await ClassesAsync(reader);
        Assert.Contains("scheme-by", classes);
        Assert.DoesNotContain("scheme-yb", classes);
        Assert.Equal("true", await reader.Page.GetAttributeAsync("button[data-pref=scheme][data-value=by]", "aria-pressed"));
        Assert.Equal("false", await reader.Page.GetAttributeAsync("button[data-pref=scheme][data-value=yb]", "aria-pressed"));
    }

    [Fact]
    public async Task C5_the_big_cursor_is_a_48px_image_on_every_element()
    {
        await using var reader = await OpenAsync("m=care;c=1");

        var cursors = await reader.EvalAsync<string[]>("""
            () => [getComputedStyle(document.querySelector('main p')).cursor, getComputedStyle(document.querySelector('main a')).cursor,
                   getComputedStyle(document.querySelector('button')).cursor]
            """);
        Assert.Contains("cursor-big.svg", cursors[0]);
        Assert.Contains("pointer-big.svg", cursors[1]);
        Assert.Contains("pointer-big.svg", cursors[2]);
        foreach (var image in new[] { "/img/cursor-big.svg", "/img/pointer-big.svg" })
        {
            var svg = await (await reader.Page.APIRequest.GetAsync(portal.BaseUrl + image)).TextAsync();
            Assert.Contains("width=\"48\"", svg);
            Assert.Contains("height=\"48\"", svg);
        }
    }

    [Fact]
    public async Task C6_guide_lines_follow_the_pointer_take_no_clicks_and_hide_no_focus()
    {
        await using var reader = await OpenAsync("m=care;g=1");

        await reader.Page.Mouse.MoveAsync(300, 250);
        var guides = await reader.EvalAsync<double[]>("""
            () => { const x = document.querySelector('.guide-x').getBoundingClientRect(), y = document.querySelector('.guide-y').getBoundingClientRect();
                    return [x.top, y.left, getComputedStyle(document.querySelector('.guide-x')).pointerEvents === 'none' ? 1 : 0]; }
            """);
        Assert.Equal([250, 300, 1], guides);

        var link = reader.Page.Locator(".toc a").First;
        var box = (await link.BoundingBoxAsync())!;
        await reader.Page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await link.FocusAsync();
        Assert.True(await reader.EvalAsync<bool>("""
            () => { const e = document.activeElement, r = e.getBoundingClientRect(); const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                    return top === e || e.contains(top); }
            """));
        await link.ClickAsync();
        Assert.EndsWith("#category-01", reader.Page.Url);
    }

    [Fact]
    public async Task C7_plain_text_hides_images_and_decoration_and_keeps_every_word()
    {
        await using var plain = await OpenAsync("m=care;p=1");
        await using var normal = await OpenAsync();

        Assert.Equal(0, await plain.Page.Locator("svg:visible, img:visible").CountAsync());
        Assert.True(await normal.Page.Locator("svg:visible").CountAsync() > 0);
        Assert.Equal(await normal.EvalAsync<string>("() => document.querySelector('main').innerText"),
            await plain.EvalAsync<string>("() => document.querySelector('main').innerText"));
        Assert.Contains("本页二维码", await plain.Page.InnerTextAsync(".share-qr"));
        await plain.ScreenshotAsync("care-plain-text");
    }

    [Fact]
    public async Task C8_captions_show_the_hovered_or_focused_text_at_32px_or_more()
    {
        await using var reader = await OpenAsync("m=care;k=1");

        await reader.Page.HoverAsync("h1");
        var caption = await reader.EvalAsync<string[]>("() => { const c = document.querySelector('.caption-bar'); return [c.textContent, getComputedStyle(c).fontSize, getComputedStyle(c).pointerEvents]; }");
        Assert.Equal("2025年津南区民心工程成绩单", caption[0]);
        Assert.True(double.Parse(caption[1].Replace("px", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) >= 32);
        Assert.Equal("none", caption[2]);
        await reader.Page.FocusAsync(".toc a");
        Assert.Contains("护苗助老贴心工程", await reader.Page.InnerTextAsync(".caption-bar"));
    }

    [Fact]
    public async Task C9_settings_persist_across_pages_and_reset_clears_them()
    {
        await using var reader = await OpenAsync();
        await reader.Page.ClickAsync("button[data-pref=text][data-value=up]");
        await reader.Page.ClickAsync("button[data-pref=scheme][data-value=yb]");
        await reader.Page.ClickAsync("button[data-pref=cursor]");

        await reader.GoAsync("/items/jinnan-2025-07-1");
        var classes = await ClassesAsync(reader);
        Assert.Contains("text-1", classes);
        Assert.Contains("scheme-yb", classes);
        Assert.Contains("big-cursor", classes);
        Assert.Equal("true", await reader.Page.GetAttributeAsync("button[data-pref=cursor]", "aria-pressed"));

        await reader.Page.ClickAsync("button[data-pref=reset]");
        Assert.Equal("mode-care", await ClassesAsync(reader));
        await reader.GoAsync(Card);
        Assert.Equal("mode-care", await ClassesAsync(reader));
    }

    [Fact]
    public async Task C10_tools_never_move_focus_or_rewrite_the_pages_aria()
    {
        await using var reader = await OpenAsync();
        const string aria = """
            () => [...document.querySelectorAll('body *')].filter(e => !e.closest('[role=toolbar]'))
              .map(e => [...e.attributes].filter(a => a.name.startsWith('aria-') || a.name === 'role' || a.name === 'tabindex').map(a => a.name + '=' + a.value).join(' ')).join('|')
            """;
        var before = await reader.EvalAsync<string>(aria);

        foreach (var tool in new[] { "button[data-pref=cursor]", "button[data-pref=guides]", "button[data-pref=captions]", "button[data-pref=scheme][data-value=by]", "button[data-pref=text][data-value=up]", "button[data-speech=point]" })
        {
            await reader.Page.FocusAsync(tool);
            await reader.Page.Keyboard.PressAsync("Enter");
            Assert.True(await reader.EvalAsync<bool>($"() => document.activeElement === document.querySelector('{tool}')"), $"focus moved away from {tool}");
        }

        Assert.Equal(before, await reader.EvalAsync<string>(aria));
    }

    private static Task<double> RootSize(Reader reader) =>
        reader.EvalAsync<double>("() => parseFloat(getComputedStyle(document.documentElement).fontSize)");
}
