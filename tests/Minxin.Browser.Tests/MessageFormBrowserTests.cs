namespace Minxin.Browser.Tests;

/// <summary>
/// The public message form in a real browser: a reader on a 390 px phone in 适老版, without JavaScript, corrects a
/// mistake, gets a receipt number and looks it up; axe finds nothing on the form with its errors, the receipt or the
/// lookup, and the controls are large enough for elderly readers.
/// </summary>
[Collection(PortalTests.Name)]
public sealed class MessageFormBrowserTests(PortalFixture portal)
{
    private const string Form = "form[action='/items/jinnan-2025-07-1/messages']";

    private static async Task AssertAxeCleanAsync(Reader reader, string what)
    {
        var result = await reader.AxeAsync();
        Assert.True(result.Violations.Length == 0, $"{what}:\n{Reader.Describe(result)}");
    }

    [Fact]
    public async Task An_elderly_reader_on_a_phone_leaves_a_message_without_javascript_and_looks_it_up()
    {
        await using var reader = await Reader.OpenAsync(portal, "/items/jinnan-2025-07-1", Reader.Modes.Elder, width: 390, height: 844, javaScript: false);
        var page = reader.Page;

        // A first try without a contact and without consent: the form comes back with the text and the errors.
        await page.FillAsync($"{Form} textarea[name=message]", "我们小区（辛庄镇建明里）还没有电动自行车充电接口，什么时候能装？");
        await page.CheckAsync($"{Form} input[name=kind][value=problem]");
        await page.ClickAsync($"{Form} button[type=submit]");
        Assert.EndsWith("/items/jinnan-2025-07-1/messages", page.Url);
        Assert.Contains("请填写联系电话或电子邮箱", await page.InnerTextAsync(".error-summary"));
        Assert.Equal("true", await page.GetAttributeAsync("#message-contact", "aria-invalid"));
        Assert.Contains("辛庄镇建明里", await page.InputValueAsync("#message-message"));
        await AssertAxeCleanAsync(reader, "the form with its errors");
        await reader.ScreenshotAsync("message-form-errors-elder-390");

        // Large enough for elderly readers (E4): the button 60 px, the boxes and fields 44 px.
        var sizes = await reader.EvalAsync<double[]>("""
            () => {
              const h = s => document.querySelector(s).getBoundingClientRect();
              const b = h('form.message-form button[type=submit]'), c = h('#message-consent'), r = h('#message-kind-problem'), t = h('#message-contact');
              return [b.height, b.width, c.height, c.width, r.height, t.height];
            }
            """);
        Assert.True(sizes[0] >= 59.5 && sizes[1] >= 59.5, $"button {sizes[0]}×{sizes[1]}");
        Assert.All(sizes.Skip(2), s => Assert.True(s >= 43.5, $"control of {s}px"));
        Assert.Equal(0, await reader.HorizontalOverflowAsync());

        await page.FillAsync("#message-contact", "138 1234 5678");
        await page.CheckAsync("#message-consent");
        await page.ClickAsync("form.message-form button[type=submit]");

        Assert.Matches(@"/messages/receipt/LY\d{8}-\d{6}$", page.Url);
        var receipt = (await page.InnerTextAsync("#receipt-number")).Trim();
        Assert.Contains("5个工作日内答复", await page.InnerTextAsync("main"));
        Assert.DoesNotContain("13812345678", await page.ContentAsync());
        await AssertAxeCleanAsync(reader, "the receipt");
        Assert.Equal(0, await reader.HorizontalOverflowAsync());
        await reader.ScreenshotAsync("message-receipt-elder-390");

        await page.ClickAsync("main a[href^='/messages/lookup']");
        Assert.Equal(receipt, await page.InputValueAsync("#lookup-receipt"));
        await page.FillAsync("#lookup-contact", "13812345678");
        await page.ClickAsync("form.lookup-form button[type=submit]");
        Assert.EndsWith("/messages/lookup", page.Url);
        Assert.Contains("待处理", await page.InnerTextAsync(".lookup-result"));
        Assert.DoesNotContain("13812345678", page.Url);
        await AssertAxeCleanAsync(reader, "the lookup");
        await reader.ScreenshotAsync("message-lookup-elder-390");
    }

    [Theory]
    [InlineData("")]
    [InlineData("m=care;s=yb")]
    public async Task The_standalone_forms_and_the_lookup_have_no_axe_violations(string mode)
    {
        foreach (var path in new[] { "/items/jinnan-2025-07-1/messages", "/items/jinnan-2025-07-1/help-requests", "/programs/jinnan-2025/messages", "/messages/lookup" })
        {
            await using var reader = await Reader.OpenAsync(portal, path, mode);
            await AssertAxeCleanAsync(reader, $"{path} in {Reader.Modes.Name(mode)}");
        }
    }
}
