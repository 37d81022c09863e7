using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Minxin.Cli;
using Minxin.Data;
using Minxin.Testing;

namespace Minxin.Browser.Tests;

/// <summary>
/// The app with staff accounts made by the `minxin` command, a round opened, one report submitted and 2025年上半年成绩单
/// published through the staff API, and a headless Chromium: what the reporting and review pages look like to a person.
/// </summary>
public sealed class WorkspaceFixture : IAsyncLifetime, IDisposable
{
    private sealed class Factory(StorageOptions storage) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("MINXIN_DATA", storage.DataDirectory);
            builder.UseSetting("MINXIN_DATABASE", "sqlite");
        }
    }

    public const string Password = "Haihe-Bridge-Spring-2025";
    public const string Reporter = "wangli";
    public const string Coordinator = "liming";

    private readonly StorageOptions _storage = TestStorage.NewSqlite();
    private Factory? _factory;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public int RoundId { get; private set; }

    public int SubmittedReportId { get; private set; }

    public string Artifacts { get; } = Environment.GetEnvironmentVariable("MINXIN_TEST_ARTIFACTS") ?? Path.Combine(Repository.Root, "test-artifacts");

    public async Task InitializeAsync()
    {
        _factory = new Factory(_storage);
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        Directory.CreateDirectory(Artifacts);

        await CliAsync(null, "units", "add", "区城管委", "--region", "120112", "--code", "cgw");
        await CliAsync(Password, "users", "add", Reporter, "--role", "reporter", "--region", "120112", "--unit", "区城管委", "--display-name", "王丽", "--password-stdin");
        await CliAsync(Password, "users", "add", Coordinator, "--role", "coordinator", "--region", "120112", "--display-name", "李明", "--password-stdin");
        using var coordinator = await ApiAsync(Coordinator);
        using var reporter = await ApiAsync(Reporter);
        foreach (var item in new[] { "jinnan-2025-07-1", "jinnan-2025-07-2" })
        {
            (await coordinator.PatchAsJsonAsync($"/api/v1/workspace/items/{item}", new { leadUnit = "区城管委" })).EnsureSuccessStatusCode();
        }
        var round = await coordinator.PostAsJsonAsync("/api/v1/workspace/programs/jinnan-2025/rounds", new { title = "2025年7月月报", asOf = "2025-07-31", dueDate = "2025-08-05" });
        RoundId = (int)JsonNode.Parse(await round.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!["id"]!;
        var report = await reporter.PostAsJsonAsync("/api/v1/workspace/items/jinnan-2025-07-1/reports", new
        {
            roundId = RoundId,
            status = "inProgress",
            narrative = "累计推动全区既有住宅小区新增电动自行车充电接口{充电接口}，完成率{充电接口%}。",
            values = new[] { new { indicator = "充电接口", value = 5600 } },
        });
        SubmittedReportId = (int)JsonNode.Parse(await report.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!["id"]!;
        (await reporter.PostAsync($"/api/v1/workspace/reports/{SubmittedReportId}/submit", null)).EnsureSuccessStatusCode();
        (await coordinator.PostAsJsonAsync("/api/v1/workspace/programs/jinnan-2025/editions",
            new { title = "2025年上半年成绩单", slug = "2025-h1", asOf = "2025-06-30", publishedOn = "2025-07-10" })).EnsureSuccessStatusCode();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    /// <summary>A browser signed in through the sign-in page, at <paramref name="width"/> CSS pixels.</summary>
    public async Task<IPage> SignInAsync(string userName, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/workspace/sign-in");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        return page;
    }

    private async Task<HttpClient> ApiAsync(string userName)
    {
        var token = (await CliAsync(null, "tokens", "create", userName)).TrimEnd('\n').Split('\n')[^1];
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<string> CliAsync(string? stdin, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = await MinxinCli.RunAsync(args, () => _storage, stdout, stderr, stdin is null ? null : new StringReader(stdin + "\n"));
        Assert.True(code == 0, $"minxin {string.Join(' ', args)} failed: {stderr}");
        return stdout.ToString();
    }

    public void Dispose() => _factory?.Dispose();

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WorkspaceLane : ICollectionFixture<WorkspaceFixture>
{
    public const string Name = "workspace";
}

/// <summary>
/// S1, S7, S8 for the staff pages: axe finds no WCAG 2.2 A/AA violation; nothing scrolls sideways on a 320 px phone
/// or with 200 % text and WCAG text spacing; after a refused form the focus is on the error summary.
/// </summary>
[Collection(WorkspaceLane.Name)]
public sealed class WorkspaceTests(WorkspaceFixture workspace)
{
    public static readonly TheoryData<string, string> Pages = new()
    {
        { WorkspaceFixture.Reporter, "/workspace/tasks" },
        { WorkspaceFixture.Reporter, "/workspace/items/jinnan-2025-07-2/report?round={round}" },
        { WorkspaceFixture.Reporter, "/workspace/reports/{report}" },
        { WorkspaceFixture.Coordinator, "/workspace/rounds" },
        { WorkspaceFixture.Coordinator, "/workspace/rounds/{round}" },
        { WorkspaceFixture.Coordinator, "/workspace/review" },
        { WorkspaceFixture.Coordinator, "/workspace/review/{report}" },
        { WorkspaceFixture.Coordinator, "/workspace/programs/jinnan-2025/editions" },
        { WorkspaceFixture.Coordinator, "/workspace/programs/jinnan-2025/lights" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_staff_page_passes_axe_and_reflows_at_320_px_and_at_200_percent_text(string user, string path)
    {
        var url = Url(path);
        var page = await workspace.SignInAsync(user);
        try
        {
            await GoAsync(page, url);
            var axe = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Reader.WcagTags] },
            });
            Assert.True(axe.Violations.Length == 0, $"{url}:\n{Reader.Describe(axe)}");
            Assert.NotEmpty(axe.Passes);
            await ShotAsync(page, $"workspace-{AxeTests.Slug(path)}");

            await page.SetViewportSizeAsync(320, 640);
            Assert.True(await OverflowAsync(page) <= 0, $"{url} scrolls sideways at 320 px");
            await ShotAsync(page, $"workspace-320-{AxeTests.Slug(path)}");

            await page.SetViewportSizeAsync(640, 800);
            await page.EvaluateAsync("""
                () => {
                  document.documentElement.style.fontSize = '200%';
                  const style = document.createElement('style');
                  style.textContent = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';
                  document.head.append(style);
                }
                """);
            Assert.True(await OverflowAsync(page) <= 0, $"{url} scrolls sideways with 200 % text and WCAG text spacing");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_refused_report_form_puts_the_focus_on_its_error_summary_whose_links_lead_to_the_fields()
    {
        var page = await workspace.SignInAsync(WorkspaceFixture.Reporter, width: 360, height: 740);
        try
        {
            await GoAsync(page, Url("/workspace/items/jinnan-2025-07-2/report?round={round}"));
            await page.FillAsync("#f-values-1-value", "二十七");
            await page.ClickAsync("button[value=save]");
            await page.WaitForSelectorAsync(".ws-error-summary");

            Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement?.classList.contains('ws-error-summary') === true"));
            var axe = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Reader.WcagTags] },
            });
            Assert.True(axe.Violations.Length == 0, Reader.Describe(axe));
            Assert.True(await OverflowAsync(page) <= 0, "the refused form scrolls sideways at 360 px");
            await ShotAsync(page, "workspace-360-report-form-refused");

            // Keyboard: Tab from the summary reaches its link, Enter moves to the field that needs changing.
            await page.Keyboard.PressAsync("Tab");
            Assert.Equal("#f-values-1-value", await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('href')"));
            await page.Keyboard.PressAsync("Enter");
            Assert.Equal("f-values-1-value", await page.EvaluateAsync<string>("() => location.hash.slice(1)"));
            Assert.Equal("二十七", await page.InputValueAsync("#f-values-1-value"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private string Url(string path) => path.Replace("{round}", workspace.RoundId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{report}", workspace.SubmittedReportId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private async Task GoAsync(IPage page, string url)
    {
        var response = await page.GotoAsync(workspace.BaseUrl + url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.True(response is { Ok: true }, $"{url} answered {response?.Status}");
    }

    private static Task<int> OverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

    private async Task ShotAsync(IPage page, string name) => await page.ScreenshotAsync(new PageScreenshotOptions
    {
        Path = Path.Combine(workspace.Artifacts, name + ".jpg"),
        FullPage = true,
        Type = ScreenshotType.Jpeg,
        Quality = 70,
    });
}
