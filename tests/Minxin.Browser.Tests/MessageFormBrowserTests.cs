namespace Minxin.Browser.Tests;

/// <summary>
/// The public message form in a real browser: a reader on a 390 px phone in 适老版, without JavaScript, corrects a
/// mistake, gets a receipt number and looks it up, with controls large enough for elderly readers; axe finds nothing
/// on the forms, the form with its errors, the receipt or the lookup.
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

    private static async Task<(float Width, float Height)> SizeAsync(Reader reader, string selector)
    {
        var box = await reader.Page.Locator(selector).BoundingBoxAsync();
        Assert.NotNull(box);
        return (box.Width, box.Height);
    }

    [Fact]
    public async Task An_elderly_reader_on_a_phone_leaves_a_message_without_javascript_and_looks_it_up()
    {
        // Without script nothing may be evaluated in the page: only what the browser does itself.
        await using var reader = await Reader.OpenAsync(portal, "/items/jinnan-2025-07-1", Reader.Modes.Elder, width: 390, height: 844, javaScript: false);
        var page = reader.Page;
        page.SetDefaultTimeout(30_000);

        // A first try without a contact and without consent: the form comes back with the text and the errors.
        await page.FillAsync($"{Form} textarea[name=message]", "我们小区（辛庄镇建明里）还没有电动自行车充电接口，什么时候能装？");
        await page.CheckAsync($"{Form} input[name=kind][value=problem]");
        await page.ClickAsync($"{Form} button[type=submit]");
        Assert.EndsWith("/items/jinnan-2025-07-1/messages", page.Url);
        Assert.Contains("请填写联系电话或电子邮箱", await page.InnerTextAsync(".error-summary"));
        Assert.Equal("true", await page.GetAttributeAsync("#message-contact", "aria-invalid"));
        Assert.Contains("辛庄镇建明里", await page.InputValueAsync("#message-message"));
        await reader.ScreenshotAsync("message-form-errors-elder-390");

        // Large enough for elderly readers (E4): the button 60 px, the boxes and fields 44 px.
        var button = await SizeAsync(reader, "form.message-form button[type=submit]");
        Assert.True(button.Width >= 59.5 && button.Height >= 59.5, $"button {button}");
        foreach (var control in new[] { "#message-consent", "#message-kind-problem", "#message-contact", "#message-showName" })
        {
            var size = await SizeAsync(reader, control);
            Assert.True(size.Width >= 43.5 && size.Height >= 43.5, $"{control} {size}");
        }
        var form = await SizeAsync(reader, "form.message-form");
        Assert.True(form.Width <= 390, $"the form is {form.Width}px wide on a 390px screen");

        await page.FillAsync("#message-contact", "138 1234 5678");
        await page.CheckAsync("#message-consent");
        await page.ClickAsync("form.message-form button[type=submit]");

        Assert.Matches(@"/messages/receipt/LY\d{8}-\d{6}$", page.Url);
        var receipt = (await page.InnerTextAsync("#receipt-number")).Trim();
        Assert.Contains("5个工作日内答复", await page.InnerTextAsync("main"));
        Assert.DoesNotContain("13812345678", await page.ContentAsync());
        await reader.ScreenshotAsync("message-receipt-elder-390");

        await page.ClickAsync("main a[href^='/messages/lookup']");
        Assert.Equal(receipt, await page.InputValueAsync("#lookup-receipt"));
        await page.FillAsync("#lookup-contact", "13812345678");
        await page.ClickAsync("form.lookup-form button[type=submit]");
        Assert.EndsWith("/messages/lookup", page.Url);
        Assert.Contains("待处理", await page.InnerTextAsync(".lookup-result"));
        await reader.ScreenshotAsync("message-lookup-elder-390");
    }

    [Theory]
    [InlineData("")]
    [InlineData("m=elder")]
    [InlineData("m=care;s=yb")]
    public async Task The_forms_the_errors_the_receipt_and_the_lookup_have_no_axe_violations(string mode)
    {
        foreach (var path in new[] { "/items/jinnan-2025-07-1/messages", "/items/jinnan-2025-07-1/help-requests", "/programs/jinnan-2025/messages", "/messages/lookup" })
        {
            await using var reader = await Reader.OpenAsync(portal, path, mode);
            await AssertAxeCleanAsync(reader, $"{path} in {Reader.Modes.Name(mode)}");
        }
        if (mode.Length > 0)
        {
            return; // posts count against the address's allowance of five a minute: one mode posts.
        }
        await using var poster = await Reader.OpenAsync(portal, "/items/jinnan-2025-07-1/messages", mode);
        var page = poster.Page;
        await page.FillAsync("#message-message", "<b>加粗</b>与 https://example.com 链接");
        await page.ClickAsync("form.message-form button[type=submit]");
        await page.WaitForSelectorAsync(".error-summary");
        await AssertAxeCleanAsync(poster, "the form with its errors");
        await page.CheckAsync("#message-kind-suggestion");
        await page.FillAsync("#message-contact", "zhangsan@163.com");
        await page.CheckAsync("#message-consent");
        await page.ClickAsync("form.message-form button[type=submit]");
        await page.WaitForSelectorAsync("#receipt-number");
        await AssertAxeCleanAsync(poster, "the receipt");
        var receipt = (await page.InnerTextAsync("#receipt-number")).Trim();
        await poster.GoAsync("/messages/lookup?receipt=" + receipt);
        await page.FillAsync("#lookup-contact", "zhangsan@163.com");
        await page.ClickAsync("form.lookup-form button[type=submit]");
        await page.WaitForSelectorAsync(".lookup-result");
        await AssertAxeCleanAsync(poster, "the lookup's answer");
    }
}
