namespace Minxin.Browser.Tests;

/// <summary>
/// The app with e-mail subscriptions on (a mail server configured; nothing listens on its port, so a request ends on
/// the "could not send" answer, which is a page too).
/// </summary>
public sealed class MailPortal : IAsyncLifetime
{
    public PortalFixture Portal { get; } = new([
        ("Minxin:Smtp:Host", "127.0.0.1"), ("Minxin:Smtp:Port", "9"), ("Minxin:Smtp:From", "民心办 <minxin@jinnan.example>"),
        ("Minxin:Smtp:UseTls", "false"), ("Minxin:PublicBaseUrl", "https://minxin.example.gov.cn"),
        // Every test posts from 127.0.0.1: the limit is tested in Minxin.Web.Tests.
        ("Minxin:Following:SubscriptionsPerMinute", "1000000")]);

    public Task InitializeAsync() => Portal.InitializeAsync();

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        Portal.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class FollowingLane : ICollectionFixture<MailPortal>
{
    public const string Name = "following";
}

/// <summary>
/// The 关注进展 box with its e-mail form, the subscription pages and the QR poster: axe finds nothing in any mode, the
/// form works without JavaScript and names a wrong address at its field, and elder mode's targets are large.
/// </summary>
[Collection(FollowingLane.Name)]
public sealed class FollowingTests(MailPortal mail)
{
    private const string Item = "/items/jinnan-2025-07-1";

    public static readonly TheoryData<string, string> PagesAndModes = Matrix();

    private static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var page in new[] { Item, "/programs/jinnan-2025", "/subscriptions?program=jinnan-2025&item=jinnan-2025-07-1", Item + "/poster" })
        {
            foreach (var mode in Reader.Modes.All)
            {
                data.Add(page, mode);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PagesAndModes))]
    public async Task Axe_finds_no_violations_on_the_following_pages(string path, string mode)
    {
        await using var reader = await Reader.OpenAsync(mail.Portal, path, mode);
        var result = await reader.AxeAsync();
        await reader.ScreenshotAsync($"following-{Slug(path)}-{Reader.Modes.Name(mode)}");
        Assert.True(result.Violations.Length == 0, $"{path} in {Reader.Modes.Name(mode)}:\n{Reader.Describe(result)}");
    }

    [Theory]
    [InlineData(Reader.Modes.Standard)]
    [InlineData(Reader.Modes.Elder)]
    [InlineData(Reader.Modes.YellowOnBlack)]
    public async Task Without_javascript_a_wrong_address_is_named_at_its_field_and_axe_finds_nothing_on_the_answers(string mode)
    {
        await using (var reader = await Reader.OpenAsync(mail.Portal, Item, mode, width: 390, javaScript: false))
        {
            await reader.Page.FillAsync("#follow-email", "chen at example.com");
            await SubmitAsync(reader, "#follow button[type=submit]");
            Assert.EndsWith("/subscriptions", reader.Page.Url, StringComparison.Ordinal);
            var summary = reader.Page.Locator(".error-summary[role=alert]");
            Assert.Contains("电子邮箱格式不对", await summary.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("#email", await summary.Locator("a").GetAttributeAsync("href"));
            Assert.Equal("true", await reader.Page.GetAttributeAsync("#email", "aria-invalid"));
            Assert.Equal("chen at example.com", await reader.Page.InputValueAsync("#email"));
            await reader.ScreenshotAsync($"following-error-{Reader.Modes.Name(mode)}");

            // Corrected: the mail server does not answer, and the page says so; nothing is kept.
            await reader.Page.FillAsync("#email", "chen.xiaoyu@example.com");
            await SubmitAsync(reader, "main form button[type=submit]");
            Assert.Contains("确认邮件暂时发不出去", await reader.Page.InnerTextAsync("main"), StringComparison.Ordinal);
        }
        // axe needs script: the same answers, in a page that runs it.
        await using var checker = await Reader.OpenAsync(mail.Portal, Item, mode, width: 390);
        await checker.Page.FillAsync("#follow-email", "chen at example.com");
        await SubmitAsync(checker, "#follow button[type=submit]");
        var result = await checker.AxeAsync();
        Assert.True(result.Violations.Length == 0, $"the error page in {Reader.Modes.Name(mode)}:\n{Reader.Describe(result)}");
    }

    [Theory]
    [InlineData(Item)]
    [InlineData("/subscriptions?program=jinnan-2025")]
    public async Task In_elder_mode_the_form_controls_are_60_px_and_its_links_44_px(string path)
    {
        await using var reader = await Reader.OpenAsync(mail.Portal, path, Reader.Modes.Elder, width: 390);
        var small = await reader.EvalAsync<string[]>("""
            () => {
              const size = e => e.getBoundingClientRect();
              const box = document.querySelector('#follow') ?? document.querySelector('main');
              const controls = [...box.querySelectorAll('button, input:not([type=hidden])')].filter(__measure.visible);
              const links = [...box.querySelectorAll('a[href]')].filter(__measure.visible);
              return [...controls.filter(e => size(e).width < 59.5 || size(e).height < 59.5).map(e => '60: ' + e.outerHTML.slice(0, 90)),
                      ...links.filter(e => size(e).height < 43.5 || size(e).width < 43.5).map(e => '44: ' + e.outerHTML.slice(0, 90))];
            }
            """);
        Assert.Empty(small);
    }

    /// <summary>Presses the button, waits for the form's answer and then for the page it is.</summary>
    private static async Task SubmitAsync(Reader reader, string button)
    {
        await reader.Page.RunAndWaitForResponseAsync(() => reader.Page.ClickAsync(button),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/subscriptions", StringComparison.Ordinal), new() { Timeout = 60_000 });
        await reader.Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.Load, new() { Timeout = 60_000 });
    }

    private static string Slug(string path) => path.Trim('/').Replace('/', '-').Replace('?', '-').Replace('=', '-').Replace('&', '-');
}
