using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Minxin.Data;
using Minxin.Web.Platform;
using Minxin.Web.ReportCards;

namespace Minxin.Web.PublicCache;

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

/// <summary>
/// Each node watches the programs' data versions (one small query every <see cref="MinxinOptions.ChangePollSeconds"/>),
/// so a change made by another node or by the CLI drops this node's snapshots and cached pages of that program.
/// </summary>
public sealed class DataChangeWatcher(
    IServiceScopeFactory scopes,
    PublicPageCache pages,
    PublicPrograms programs,
    DataVersions versions,
    CitizenActivity citizens,
    TimeProvider clock,
    IOptions<MinxinOptions> options,
    ILogger<DataChangeWatcher> logger) : BackgroundService
{
    private DateTimeOffset _citizensCountedAt = DateTimeOffset.MinValue;

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
        var rows = await db.Programs.AsNoTracking().Select(p => new { p.Id, p.Code, p.DataVersion }).ToListAsync(cancellationToken);
        var changed = versions.Update(rows.ToDictionary(p => p.Code, p => p.DataVersion));
        if (clock.GetUtcNow() - _citizensCountedAt >= TimeSpan.FromSeconds(options.Value.CitizenActivitySeconds))
        {
            _citizensCountedAt = clock.GetUtcNow();
            var moved = citizens.Update(await CitizenStampsAsync(db, cancellationToken));
            changed = [.. changed.Union(rows.Where(p => moved.Contains(p.Id)).Select(p => p.Code))];
        }
        if (changed.Count == 0)
        {
            return;
        }
        // Snapshots first, so a page rendered after its eviction is built from the new data.
        programs.Evict(changed);
        pages.Evict(PublicPageCache.ProgramListTag);
        foreach (var code in changed)
        {
            pages.Evict(PublicPageCache.ProgramTag(code));
        }
        logger.LogInformation("Data changed for {Programs}; public pages evicted", string.Join(", ", changed));
    }

    /// <summary>Per program, a number that moves whenever a message or rating arrives: two small grouped queries.</summary>
    private static async Task<Dictionary<int, long>> CitizenStampsAsync(MinxinDbContext db, CancellationToken cancellationToken)
    {
        var messages = await db.Messages.GroupBy(m => m.ProgramId)
            .Select(g => new { ProgramId = g.Key, Count = g.Count(), Last = g.Max(m => m.Id) }).ToListAsync(cancellationToken);
        var ratings = await db.Ratings.Join(db.RatingWindows, r => r.WindowId, w => w.Id, (r, w) => new { w.ProgramId, r.Id })
            .GroupBy(r => r.ProgramId)
            .Select(g => new { ProgramId = g.Key, Count = g.Count(), Last = g.Max(r => r.Id) }).ToListAsync(cancellationToken);
        var stamps = new Dictionary<int, long>();
        foreach (var m in messages)
        {
            stamps[m.ProgramId] = (long)m.Count * 1_000_003 + m.Last;
        }
        foreach (var r in ratings)
        {
            stamps[r.ProgramId] = stamps.GetValueOrDefault(r.ProgramId) * 31 + (long)r.Count * 1_000_003 + r.Last;
        }
        return stamps;
    }
}
