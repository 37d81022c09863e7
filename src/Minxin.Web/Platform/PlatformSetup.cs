using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using Minxin.Data;
using Minxin.Web.PublicCache;
using Minxin.Web.Workspace;

namespace Minxin.Web.Platform;

/// <summary>Storage, security, errors and static files: what every feature stands on.</summary>
public static class PlatformSetup
{
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MinxinOptions>().BindConfiguration(MinxinOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var storage = StorageOptions.From(key => builder.Configuration[key]);
        builder.Services.AddMinxinDatabase(storage);
        // Antiforgery and sign-in cookie keys live in the database, so every node reads the cookies of the others.
        builder.Services.AddDataProtection()
            .SetApplicationName("minxin")
            .PersistKeysToDbContext<MinxinDbContext>();
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        RunRequestsOnSocketThreads(builder, storage);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiProblems.Exceptions>();
        // A body or parameter the API cannot bind is a plain 400 in every environment (Development would throw), which
        // the status code pages turn into ProblemDetails.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        builder.Services.AddRateLimits();
        builder.Services.AddRazorPages(o => o.RootDirectory = "/");
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<MinxinOptions>>((o, minxin) => TrustOnly(o, minxin.Value));
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "minxin-csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        return builder;
    }

    /// <summary>
    /// X-Forwarded-For and -Proto are believed only from the configured proxies: not from loopback by default (a
    /// reader on the same machine is no proxy), and not at all when none are configured.
    /// </summary>
    private static void TrustOnly(ForwardedHeadersOptions forwarded, MinxinOptions options)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in options.TrustedProxies)
        {
            forwarded.KnownIPNetworks.Add(MinxinOptions.ParseNetwork(proxy)!.Value);
        }
    }

    /// <summary>
    /// Socket completions, and the requests they carry, run on the socket threads instead of hopping to the thread
    /// pool: a cached page costs ~12 µs of CPU instead of ~17 µs. Only cache hits stay there; every other request
    /// moves to the thread pool at once (<see cref="ServeFromPublicCache"/>), so nothing slow runs on a socket thread.
    /// </summary>
    private static void RunRequestsOnSocketThreads(WebApplicationBuilder builder, StorageOptions storage)
    {
        // Read once by the socket engine when the first socket is made, which is after this; an explicit setting wins.
        // It applies to every socket of the process: with PostgreSQL, Npgsql's continuations would run on the socket
        // threads too, where one blocking wait froze every connection of its thread (seen at start-up, 3 starts in 4).
        const string inlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
        if (Environment.GetEnvironmentVariable(inlineCompletions) is null && storage.Provider == DatabaseProvider.Sqlite)
        {
            Environment.SetEnvironmentVariable(inlineCompletions, "1");
        }
        builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);
    }

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MinxinDbContext>();
        var loaded = await DatabaseInitializer.InitializeAsync(db);
        if (loaded > 0)
        {
            app.Logger.LogInformation("Empty database: loaded {Count} bundled program(s)", loaded);
        }
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        // A cached public page is answered early: after its security headers, the scheme and client address as the
        // trusted proxy saw them, and the move to HTTPS, none of which a cached copy may skip.
        app.UseMiddleware<SecurityHeaders>();
        var options = app.Services.GetRequiredService<IOptions<MinxinOptions>>().Value;
        // With no proxy to trust, forwarded headers are not read at all (an empty list would trust every sender).
        if (options.TrustedProxies.Length > 0)
        {
            app.UseForwardedHeaders();
        }
        if (options.HttpsRedirect)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UsePublicCacheLookup();
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error", "?status={0}");
        app.UseApiProblems();
        app.UseMiddleware<RequestChecks>();
        app.UseRouting();
        app.UseMiddleware<PageMethods>();
        // After the cache lookup: cached pages are never limited.
        app.UseRateLimiter();
        // Named here, after the cache lookup; left implicit, WebApplication would run them before every request.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseWorkspaceResponses();
        app.UsePublicResponses();
        app.MapStaticAssets();
        return app;
    }
}
