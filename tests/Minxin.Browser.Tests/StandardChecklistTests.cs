using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Minxin.Browser.Tests;

/// <summary>The measured rows of the standard-mode checklist (S2–S16), which every mode must also keep.</summary>
[Collection(PortalTests.Name)]
public sealed class StandardChecklistTests(PortalFixture portal)
{
    private const string Card = "/programs/jinnan-2025";

    public static readonly TheoryData<string> Pages = new(AxeTests.PageTypes);

    public static readonly TheoryData<string> Modes = new(Reader.Modes.All);

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task S2_body_text_has_at_least_4_5_to_1_contrast(string mode)
    {
        await using var reader = await Reader.OpenAsync(portal, Card, mode);

        var lowest = await reader.EvalAsync<double>("""
            () => Math.min(...[...document.querySelectorAll('main p, main li, main h1, main h2, main h3, main td, main th, main label, .site-header a, .site-footer a')]
                .filter(e => __measure.visible(e) && e.innerText.trim().length > 0).map(e => __measure.textContrast(e)))
            """);

        Assert.True(lowest >= 4.5, $"lowest text contrast {lowest:F2}");
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task S3_bars_chart_marks_control_borders_and_focus_ring_have_3_to_1_contrast(string mode)
    {
        await using var reader = await Reader.OpenAsync(portal, Card, mode);
        await reader.Page.FocusAsync("form.as-of-form button");

        var ratios = await reader.EvalAsync<double[]>("""
            () => {
              const html = getComputedStyle(document.documentElement);
              const main = document.querySelector('main');
              const fill = html.getPropertyValue('--bar-fill').trim(), track = html.getPropertyValue('--bar-track').trim();
              const probe = c => { const d = document.createElement('div'); d.style.color = c; document.body.append(d); const v = getComputedStyle(d).color; d.remove(); return __measure.parse(v); };
              const bar = __measure.ratio(probe(fill), probe(track));
              const completed = document.querySelector('.bar-completed');
              const chart = __measure.colourContrast(getComputedStyle(completed).fill, main);
              const schedule = __measure.colourContrast(getComputedStyle(document.querySelector('.bar-schedule')).stroke, main);
              const input = document.querySelector('#asOf');
              const border = __measure.colourContrast(getComputedStyle(input).borderTopColor, input.parentElement);
              const focused = document.activeElement;
              const ring = __measure.colourContrast(getComputedStyle(focused).outlineColor, focused.parentElement);
              return [bar, chart, schedule, border, ring];
            }
            """);

        Assert.All(ratios, r => Assert.True(r >= 3, $"non-text contrasts (bar, chart, schedule mark, input border, focus ring): {string.Join(", ", ratios.Select(x => x.ToString("F2")))}"));
    }

    [Fact]
    public async Task S4_S5_status_is_text_and_bars_are_progress_elements_with_their_value_in_words()
    {
        await using var reader = await Reader.OpenAsync(portal, Card);

        var statuses = await reader.Page.Locator("article.item .item-head .status").AllInnerTextsAsync();
        var bar = reader.Page.Locator("#item-07-1 progress").First;

        Assert.Equal(26, statuses.Count);
        Assert.All(statuses, s => Assert.Matches("(已完成|推进中|滞后|未开工|已取消)$", s.Trim()));
        Assert.Equal("6000", await bar.GetAttributeAsync("max"));
        Assert.Equal("5119", await bar.GetAttributeAsync("value"));
        Assert.Equal("5119/6000个（85%）", await bar.GetAttributeAsync("aria-valuetext"));
        Assert.Equal("5119/6000个（85%）", (await reader.Page.Locator("#item-07-1 .indicator-figure").First.InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task S6_tables_have_captions_scoped_headers_and_a_focusable_labelled_scroll_wrapper()
    {
        await using var reader = await Reader.OpenAsync(portal, "/items/jinnan-2025-07-1");

        var facts = await reader.EvalAsync<bool[]>("""
            () => [...document.querySelectorAll('table')].flatMap(t => [
              !!t.querySelector('caption') && t.querySelector('caption').innerText.trim().length > 0,
              [...t.querySelectorAll('th')].every(th => th.getAttribute('scope') === 'col' || th.getAttribute('scope') === 'row'),
              t.parentElement.classList.contains('table-wrap') && t.parentElement.tabIndex === 0
                && t.parentElement.getAttribute('role') === 'region' && !!t.parentElement.getAttribute('aria-labelledby')])
            """);

        Assert.NotEmpty(facts);
        Assert.All(facts, Assert.True);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task S7_at_320_by_640_no_page_scrolls_sideways(string path)
    {
        foreach (var mode in new[] { Reader.Modes.Standard, Reader.Modes.Elder, Reader.Modes.Care })
        {
            await using var reader = await Reader.OpenAsync(portal, path, mode, width: 320, height: 640);
            await reader.ScreenshotAsync($"320-{AxeTests.Slug(path)}-{Reader.Modes.Name(mode)}");
            Assert.True(await reader.HorizontalOverflowAsync() <= 0, $"{path} in {Reader.Modes.Name(mode)} scrolls sideways at 320 px");
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task S8_S9_text_at_200_percent_and_wcag_text_spacing_lose_nothing(string path)
    {
        await using var reader = await Reader.OpenAsync(portal, path, width: 640, height: 800);
        var before = await reader.EvalAsync<int>("() => document.querySelector('main').innerText.length");

        await reader.EvalAsync<bool>("""
            () => {
              document.documentElement.style.fontSize = '200%';
              const style = document.createElement('style');
              style.textContent = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';
              document.head.append(style);
              return true;
            }
            """);

        Assert.True(await reader.HorizontalOverflowAsync() <= 0, $"{path} scrolls sideways with 200 % text and WCAG text spacing");
        Assert.Equal(before, await reader.EvalAsync<int>("() => document.querySelector('main').innerText.length"));
        var clipped = await reader.EvalAsync<string[]>("""
            () => [...document.querySelectorAll('main *')].filter(e => {
              const s = getComputedStyle(e);
              return !e.classList.contains('visually-hidden') && (s.overflow === 'hidden' || s.overflowX === 'hidden')
                && e.scrollWidth > e.clientWidth + 1 && e.innerText.trim().length > 0;
            }).map(e => e.tagName + '.' + e.className)
            """);
        Assert.Empty(clipped);
    }

    [Fact]
    public async Task S10_every_control_is_reached_by_tab_with_a_visible_unobscured_focus_and_the_skip_link_first()
    {
        await using var reader = await Reader.OpenAsync(portal, "/items/jinnan-2025-07-1", width: 1280, height: 800);
        // Tab stops once in a group of radio buttons.
        var total = await reader.EvalAsync<int>("""
            () => [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex="0"]')].filter(e => !e.hidden && __measure.visible(e) || e.classList.contains('skip-link')).filter((e, _, all) => e.type !== 'radio' || all.find(o => o.type === 'radio' && o.name === e.name && o.form === e.form) === e).length
            """);
        var reached = new HashSet<string>();
        for (var i = 0; i < total + 5; i++)
        {
            await reader.Page.Keyboard.PressAsync("Tab");
            if (i > 0 && await reader.EvalAsync<bool>("() => document.activeElement === document.body || document.activeElement.classList.contains('skip-link')"))
            {
                break; // round the page and back to the start
            }
            var focus = await reader.EvalAsync<FocusState>("""
                () => {
                  const e = document.activeElement;
                  const s = getComputedStyle(e);
                  const r = e.getBoundingClientRect();
                  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1), y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
                  const top = document.elementFromPoint(x, y);
                  const all = [...document.querySelectorAll('*')];
                  return { Key: all.indexOf(e) + ' ' + e.outerHTML.slice(0, 100), Skip: e.classList.contains('skip-link'),
                           Outline: parseFloat(s.outlineWidth) > 0 && s.outlineStyle !== 'none',
                           Unobscured: !!top && (top === e || e.contains(top) || top.contains(e)) };
                }
                """);
            if (i == 0)
            {
                Assert.True(focus.Skip, "the skip link comes first");
            }
            Assert.True(focus.Outline, $"no visible focus on {focus.Key}");
            Assert.True(focus.Unobscured, $"focus hidden under something at {focus.Key}");
            reached.Add(focus.Key);
        }
        Assert.True(reached.Count >= total, $"reached {reached.Count} of {total} controls");
    }

    public sealed class FocusState
    {
        public string Key { get; set; } = "";

        public bool Skip { get; set; }

        public bool Outline { get; set; }

        public bool Unobscured { get; set; }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task S11_links_and_buttons_are_at_least_24_px_and_navigation_44_px(string path)
    {
        await using var reader = await Reader.OpenAsync(portal, path, width: 390, height: 844);

        var small = await reader.EvalAsync<string[]>("""
            () => {
              const tooSmall = (e, min) => { const r = e.getBoundingClientRect(); return r.width < min - 0.5 || r.height < min - 0.5; };
              const all = [...document.querySelectorAll('a[href], button, input, select')].filter(e => __measure.visible(e) && !e.classList.contains('skip-link'));
              const nav = [...document.querySelectorAll('.mode-switch a, .care-toolbar button, .elder-bar button, .search-form button, .search-form input')].filter(e => __measure.visible(e));
              return [...all.filter(e => tooSmall(e, 24)).map(e => '24: ' + e.outerHTML.slice(0, 100)),
                      ...nav.filter(e => tooSmall(e, 44)).map(e => '44: ' + e.outerHTML.slice(0, 100))];
            }
            """);

        Assert.Empty(small);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task S12_chinese_language_one_h1_and_headings_in_order(string path)
    {
        await using var reader = await Reader.OpenAsync(portal, path);

        Assert.Equal("zh-CN", await reader.Page.GetAttributeAsync("html", "lang"));
        Assert.Equal(1, await reader.Page.Locator("h1").CountAsync());
        var levels = await reader.EvalAsync<int[]>("() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => +h.tagName[1])");
        for (var i = 1; i < levels.Length; i++)
        {
            Assert.True(levels[i] <= levels[i - 1] + 1, $"heading level jumps from h{levels[i - 1]} to h{levels[i]}");
        }
    }

    [Fact]
    public async Task S12_every_page_type_has_its_own_title()
    {
        await using var reader = await Reader.OpenAsync(portal, "/");
        var titles = new HashSet<string>();
        foreach (var path in AxeTests.PageTypes)
        {
            await reader.GoAsync(path);
            Assert.True(titles.Add(await reader.Page.TitleAsync()), $"title of {path} is not unique");
        }
    }

    [Fact]
    public async Task S13_no_auto_refresh_and_no_motion_when_the_reader_asks_for_less()
    {
        await using var reader = await Reader.OpenAsync(portal, Card);
        await reader.Page.EmulateMediaAsync(new PageEmulateMediaOptions { ReducedMotion = ReducedMotion.Reduce });

        Assert.Equal(0, await reader.Page.Locator("meta[http-equiv=refresh i]").CountAsync());
        var moving = await reader.EvalAsync<int>("""
            () => [...document.querySelectorAll('*')].filter(e => {
              const s = getComputedStyle(e);
              return (s.animationName !== 'none' && parseFloat(s.animationDuration) > 0) || parseFloat(s.transitionDuration) > 0;
            }).length
            """);
        Assert.Equal(0, moving);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task S14_the_mode_switch_is_on_every_page_marks_the_current_mode_and_keeps_it_across_pages(string path)
    {
        await using var reader = await Reader.OpenAsync(portal, path);

        var links = reader.Page.Locator("nav.mode-switch a");
        Assert.Equal(["标准版", "适老版", "关爱版"], (await links.AllInnerTextsAsync()).Select(t => t.Trim()));
        Assert.Equal("true", await links.Nth(0).GetAttributeAsync("aria-current"));

        await links.Nth(1).FocusAsync();
        await reader.Page.Keyboard.PressAsync("Enter");
        // The URL before and after the round trip through /preferences is the same, so waiting for the URL
        // races the navigation; wait for the page that the switch brings back instead.
        await Assertions.Expect(reader.Page.Locator("html")).ToHaveClassAsync(new Regex(@"\bmode-elder\b"));
        await reader.Page.WaitForLoadStateAsync(LoadState.Load);

        Assert.Equal("true", await reader.Page.Locator("nav.mode-switch a").Nth(1).GetAttributeAsync("aria-current"));
        Assert.Null(await reader.Page.Locator("nav.mode-switch a").Nth(0).GetAttributeAsync("aria-current"));
        await reader.GoAsync("/accessibility");
        Assert.Contains("mode-elder", await reader.Page.GetAttributeAsync("html", "class"));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task S15_chinese_glyphs_render_with_a_cjk_font(string mode)
    {
        await using var reader = await Reader.OpenAsync(portal, Card, mode);
        var cdp = await reader.Context.NewCDPSessionAsync(reader.Page);
        await cdp.SendAsync("DOM.enable");
        await cdp.SendAsync("CSS.enable");
        var document = await cdp.SendAsync("DOM.getDocument");
        var root = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32();
        var h1 = (await cdp.SendAsync("DOM.querySelector", new Dictionary<string, object> { ["nodeId"] = root, ["selector"] = "h1" }))!.Value.GetProperty("nodeId").GetInt32();

        var fonts = (await cdp.SendAsync("CSS.getPlatformFontsForNode", new Dictionary<string, object> { ["nodeId"] = h1 }))!.Value.GetProperty("fonts");

        var families = fonts.EnumerateArray().Select(f => f.GetProperty("familyName").GetString() ?? "").ToList();
        Assert.Contains(families, f => f.Contains("CJK", StringComparison.OrdinalIgnoreCase) || f.Contains("Han Sans", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task S16_no_pop_ups_or_floating_windows(string path)
    {
        await using var reader = await Reader.OpenAsync(portal, path);

        var overlays = await reader.EvalAsync<string[]>("""
            () => [...document.querySelectorAll('body *')].filter(e => {
              const s = getComputedStyle(e);
              return (s.position === 'fixed' || s.position === 'sticky') && __measure.visible(e);
            }).map(e => e.outerHTML.slice(0, 80))
            """);

        Assert.Empty(overlays);
        Assert.Equal(0, await reader.Page.Locator("dialog[open], [role=dialog], [role=alertdialog], iframe").CountAsync());
    }
}
