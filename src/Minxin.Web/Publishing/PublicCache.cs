using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Web.Platform;

namespace Minxin.Web.Publishing;

/// <summary>
/// Public pages and open data are output-cached and tagged with the program they show. A change evicts its tags:
/// at once on the node that made it, and within <see cref="MinxinOptions.ChangePollSeconds"/> on every other node
/// (and after a CLI import), because each node watches the programs' data versions.
/// </summary>
public static class PublicCache
{
    public const string PolicyName = "public";
    /// <summary>Pages about no one program (the home page, the program list) show them all.</summary>
    public const string ProgramListTag = "programs";

    public static string ProgramTag(string code) => "program:" + code;

    public static IServiceCollection AddPublishing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOutputCache(o =>
        {
            o.AddPolicy(PolicyName, b => b
                .Expire(TimeSpan.FromHours(1))
                .SetVaryByQuery("*")
                .AddPolicy<TagWithProgram>());
        });
        services.AddSingleton<DataVersions>();
        services.AddHostedService<DataChangeWatcher>();
        return services;
    }

    /// <summary>Tags a response with the program its route is about, or as a list of programs.</summary>
    private sealed class TagWithProgram : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var values = context.HttpContext.Request.RouteValues;
            var code = values["code"] as string ?? ProgramOfItem(values["id"] as string);
            context.Tags.Add(code is null ? ProgramListTag : ProgramTag(code));
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        private static string? ProgramOfItem(string? itemId) =>
            itemId is not null && PublicIds.TryParseItem(itemId, out var program, out _) ? program : null;
    }
}

/// <summary>The data version of each program as this node last saw it.</summary>
public sealed class DataVersions
{
    private Dictionary<string, long> _seen = [];

    /// <summary>Records the current versions and returns the programs whose version changed (or appeared or vanished).</summary>
    public IReadOnlyList<string> Update(Dictionary<string, long> current)
    {
        var changed = current.Where(p => !_seen.TryGetValue(p.Key, out var v) || v != p.Value).Select(p => p.Key)
            .Concat(_seen.Keys.Where(k => !current.ContainsKey(k)))
            .ToList();
        _seen = current;
        return changed;
    }
}

internal sealed class DataChangeWatcher(
    IServiceScopeFactory scopes,
    IOutputCacheStore cache,
    DataVersions versions,
    Microsoft.Extensions.Options.IOptions<MinxinOptions> options,
    ILogger<DataChangeWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ChangePollSeconds));
        do
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not check for data changes");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MinxinDbContext>();
        var current = await db.Programs.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.DataVersion, cancellationToken);
        var changed = versions.Update(current);
        if (changed.Count == 0)
        {
            return;
        }
        await cache.EvictByTagAsync(PublicCache.ProgramListTag, cancellationToken);
        foreach (var code in changed)
        {
            await cache.EvictByTagAsync(PublicCache.ProgramTag(code), cancellationToken);
        }
        logger.LogInformation("Data changed for {Programs}; public pages evicted", string.Join(", ", changed));
    }
}
