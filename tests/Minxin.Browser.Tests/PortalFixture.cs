using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Minxin.Testing;

namespace Minxin.Browser.Tests;

/// <summary>The real app on a loopback port (fresh SQLite) and one headless Debian Chromium, shared by the browser tests.</summary>
public sealed class PortalFixture : IAsyncLifetime, IDisposable
{
    private sealed class Factory(string dataDirectory, (string Key, string Value)[] settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Development: static files come from the project through the static web assets manifest.
            builder.UseEnvironment("Development");
            builder.UseSetting("MINXIN_DATA", dataDirectory);
            builder.UseSetting("MINXIN_DATABASE", "sqlite");
            // The whole suite reads and signs in from 127.0.0.1: the limits are tested in Minxin.Web.Tests.
            builder.UseSetting("Minxin:PublicRequestsPerMinute", "1000000");
            builder.UseSetting("Minxin:SignInAttemptsPerMinute", "1000000");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }

    private readonly (string Key, string Value)[] _settings;
    private Factory? _factory;

    public PortalFixture() : this([])
    {
    }

    /// <summary>An app with settings of its own (a mail server): for a fixture that wraps it.</summary>
    internal PortalFixture((string Key, string Value)[] settings) => _settings = settings;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The app's services, for tests that set up what they need (staff accounts) the way the app does.</summary>
    public IServiceProvider Services => _factory!.Services;

    /// <summary>The app's database, for the `minxin` command run beside it.</summary>
    public Minxin.Data.StorageOptions Storage { get; } = TestStorage.NewSqlite();

    public string Artifacts { get; } = Environment.GetEnvironmentVariable("MINXIN_TEST_ARTIFACTS")
        ?? Path.Combine(Repository.Root, "test-artifacts");

    public async Task InitializeAsync()
    {
        _factory = new Factory(Storage.DataDirectory, _settings);
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        Directory.CreateDirectory(Artifacts);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // As root Chromium needs --no-sandbox; the rest keep it off the (closed) network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
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

/// <summary>The staff flow from a fresh app: its own app and browser, so the accounts it makes are its own.</summary>
[CollectionDefinition(Name)]
public sealed class WorkspaceFlowLane : ICollectionFixture<PortalFixture>
{
    public const string Name = "workspace-flow";
}

[CollectionDefinition(Name)]
public sealed class PortalTests : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}

/// <summary>The axe matrix runs beside the other browser tests, on its own app and browser: two cores, two lanes.</summary>
[CollectionDefinition(Name)]
public sealed class AxeLane : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal-axe";
}

/// <summary>The editions flow on its own app and browser: its accounts, round and editions touch no other lane.</summary>
[CollectionDefinition(Name)]
public sealed class EditionFlowLane : ICollectionFixture<PortalFixture>
{
    public const string Name = "edition-flow";
}

/// <summary>The citizens' message flow on its own app and browser: its accounts and messages touch no other lane.</summary>
[CollectionDefinition(Name)]
public sealed class MessageFlowLane : ICollectionFixture<PortalFixture>
{
    public const string Name = "message-flow";
}
