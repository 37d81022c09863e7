using AngleSharp;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Minxin.Data;
using Minxin.Testing;

namespace Minxin.Web.Tests;

/// <summary>
/// The real web app in process, on its own fresh database (a SQLite file or a PostgreSQL database), with any settings
/// a test needs on top of the defaults. Tests share one client address, so the public rate limit is lifted unless a
/// test sets it.
/// </summary>
public class MinxinWebFactory(StorageOptions storage, params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
{
    public StorageOptions Storage { get; } = storage;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development: static files come from the project through the static web assets manifest, as with `dotnet run`.
        builder.UseEnvironment("Development");
        builder.UseSetting("MINXIN_DATA", Storage.DataDirectory);
        builder.UseSetting("MINXIN_DATABASE", Storage.Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres");
        builder.UseSetting("MINXIN_POSTGRES", Storage.PostgresConnectionString);
        builder.UseSetting("Minxin:ChangePollSeconds", "0.2");
        // Every test request comes from one (unknown) address: the limits are tested by RateLimitTests on their own.
        builder.UseSetting("Minxin:PublicRequestsPerMinute", "1000000");
        builder.UseSetting("Minxin:SignInAttemptsPerMinute", "1000000");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public MinxinDbContext OpenDatabase() => MinxinDatabase.Create(Storage);

    public async Task<IDocument> GetDocumentAsync(string url, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.OK)
    {
        using var client = CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        return await BrowsingContext.New().OpenAsync(r => r.Content(html).Address("http://localhost" + url));
    }
}

public sealed class SqliteWebFactory() : MinxinWebFactory(TestStorage.NewSqlite());

public sealed class PostgresWebFactory() : MinxinWebFactory(TestStorage.NewPostgres());
