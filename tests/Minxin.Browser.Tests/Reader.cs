using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Minxin.Browser.Tests;

/// <summary>One reader: a browser context with a reading mode (the preferences cookie), a viewport and a page.</summary>
public sealed class Reader : IAsyncDisposable
{
    private static readonly string MeasureScript = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "measure.js"));

    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private readonly PortalFixture _portal;

    private Reader(PortalFixture portal, IBrowserContext context, IPage page)
    {
        _portal = portal;
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Named modes used across tests: the cookie values the server reads.</summary>
    public static class Modes
    {
        public const string Standard = "";
        public const string Elder = "m=elder";
        public const string Care = "m=care";
        public const string YellowOnBlack = "m=care;s=yb";
        public const string BlackOnYellow = "m=care;s=by";

        public static readonly string[] All = [Standard, Elder, Care, YellowOnBlack, BlackOnYellow];

        public static string Name(string mode) => mode switch
        {
            Standard => "standard",
            Elder => "elder",
            Care => "care",
            YellowOnBlack => "care-yellow-on-black",
            BlackOnYellow => "care-black-on-yellow",
            _ => mode.Replace(';', '-').Replace('=', '-'),
        };
    }

    public static async Task<Reader> OpenAsync(PortalFixture portal, string path, string mode = Modes.Standard,
        int width = 1280, int height = 900, bool javaScript = true, string? initScript = null)
    {
        var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            JavaScriptEnabled = javaScript,
            Locale = "zh-CN",
        });
        if (mode.Length > 0)
        {
            await context.AddCookiesAsync([new Cookie { Name = "minxin-reader", Value = Uri.EscapeDataString(mode), Url = portal.BaseUrl }]);
        }
        await context.AddInitScriptAsync(MeasureScript);
        if (initScript is not null)
        {
            await context.AddInitScriptAsync(initScript);
        }
        var page = await context.NewPageAsync();
        var reader = new Reader(portal, context, page);
        await reader.GoAsync(path);
        return reader;
    }

    public async Task GoAsync(string path)
    {
        var response = await Page.GotoAsync(_portal.BaseUrl + path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
    }

    public Task<T> EvalAsync<T>(string script, object? arg = null) => Page.EvaluateAsync<T>(script, arg);

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(_portal.Artifacts, name + ".jpg"),
            FullPage = true,
            Type = ScreenshotType.Jpeg,
            Quality = 70,
        });

    public async Task<AxeResult> AxeAsync() =>
        await Page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });

    public static string Describe(AxeResult result) => string.Join("\n", result.Violations.Select(v =>
        $"{v.Id} ({v.Impact}): {v.Help}\n  " + string.Join("\n  ", v.Nodes.Take(5).Select(n => string.Join(" ", n.Target) + " → " + string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))))));

    /// <summary>How far the page scrolls sideways: 0 when it reflows.</summary>
    public Task<int> HorizontalOverflowAsync() =>
        EvalAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

    public ValueTask DisposeAsync() => new(Context.CloseAsync());
}
