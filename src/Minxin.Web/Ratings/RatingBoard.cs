using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Programs;
using Minxin.Domain.Ratings;
using Minxin.Web.PublicCache;

namespace Minxin.Web.Ratings;

/// <summary>One rating window of a program with what has been given in it: the program's result, each item's, and the deputies' latest tallies.</summary>
public sealed class WindowResults(RatingWindow window, RatingResult program, IReadOnlyDictionary<int, RatingResult> items, IReadOnlyDictionary<int, DeputyTally> deputies)
{
    public RatingWindow Window { get; } = window;

    /// <summary>Every rating of the window, whatever the item.</summary>
    public RatingResult Program { get; } = program;

    public bool Covers(int itemId) => Window.Covers(itemId);

    public bool IsOpenOn(DateOnly today) => Window.IsOpenOn(today);

    /// <summary>An item's tally in this window; nothing given yet is a count of 0.</summary>
    public RatingResult ItemResult(int itemId) => items.GetValueOrDefault(itemId) ?? new RatingResult(0, 0, 0, Window.MinimumRatings);

    /// <summary>The deputies' tally of the item in force (the latest entered: tallies are only ever added), or null.</summary>
    public DeputyTally? Deputies(int itemId) => deputies.GetValueOrDefault(itemId);

    /// <summary>"进行中", "已结束", "尚未开始": what a reader is told of the window on <paramref name="today"/>.</summary>
    public string StateText(DateOnly today) =>
        Window.IsOpenOn(today) ? "进行中" : Window.EndedAt is null && today < Window.OpensOn ? "尚未开始" : "已结束";
}

/// <summary>All rating windows of a program, newest first, with their results.</summary>
public sealed class ProgramRatings(IReadOnlyList<WindowResults> windows)
{
    public static readonly ProgramRatings None = new([]);

    public IReadOnlyList<WindowResults> Windows { get; } = windows;

    /// <summary>
    /// The window a page and the API show for the item: the one taking ratings today, else the latest that has
    /// begun, else the next one to come; null when no window covers the item.
    /// </summary>
    public WindowResults? CurrentFor(int itemId, DateOnly today) => Current(Windows.Where(w => w.Covers(itemId)), today);

    /// <summary>The window the card shows, by the same rule over all windows.</summary>
    public WindowResults? Current(DateOnly today) => Current(Windows, today);

    private static WindowResults? Current(IEnumerable<WindowResults> windows, DateOnly today)
    {
        var list = windows.ToList();
        return list.FirstOrDefault(w => w.IsOpenOn(today))
            ?? list.Where(w => w.Window.OpensOn <= today).OrderByDescending(w => w.Window.OpensOn).ThenByDescending(w => w.Window.Id).FirstOrDefault()
            ?? list.OrderBy(w => w.Window.OpensOn).FirstOrDefault();
    }
}

/// <summary>
/// The public results of each program's rating windows, loaded with three small queries (windows, the ratings
/// counted by window, item and choice in one grouped query, the deputies' tallies) and kept per program. An entry is
/// keyed by the program snapshot's data version (staff opening or ending a window, entering a tally) and the
/// program's <see cref="CitizenActivity.Stamp"/> (ratings arriving): either moving is a miss, so counts lag the
/// ratings by at most <see cref="Platform.MinxinOptions.CitizenActivitySeconds"/> and a flood of ratings costs one
/// load per period, not one per page.
/// </summary>
public sealed class RatingBoard(IServiceScopeFactory scopes, CitizenActivity citizens)
{
    private sealed record Entry(long DataVersion, long Stamp, Lazy<Task<ProgramRatings>> Load);

    private readonly ConcurrentDictionary<int, Entry> _entries = new();

    public async Task<ProgramRatings> ForAsync(LivelihoodProgram program, CancellationToken cancellationToken)
    {
        var version = program.DataVersion;
        var stamp = citizens.Stamp(program.Id);
        var entry = _entries.AddOrUpdate(program.Id,
            _ => New(program.Id, version, stamp),
            (_, old) => old.DataVersion == version && old.Stamp == stamp ? old : New(program.Id, version, stamp));
        try
        {
            return await entry.Load.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (entry.Load.Value.IsFaulted)
        {
            // A failed load is not remembered: the next reader tries again.
            _entries.TryRemove(new(program.Id, entry));
            throw;
        }
    }

    private Entry New(int programId, long version, long stamp) =>
        new(version, stamp, new Lazy<Task<ProgramRatings>>(() => LoadAsync(programId)));

    private async Task<ProgramRatings> LoadAsync(int programId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MinxinDbContext>();
        return await LoadAsync(db, programId, CancellationToken.None);
    }

    public static async Task<ProgramRatings> LoadAsync(MinxinDbContext db, int programId, CancellationToken cancellationToken)
    {
        var windows = await db.RatingWindows.AsNoTracking().Include(w => w.Items).Where(w => w.ProgramId == programId)
            .OrderByDescending(w => w.OpensOn).ThenByDescending(w => w.Id).ToListAsync(cancellationToken);
        if (windows.Count == 0)
        {
            return ProgramRatings.None;
        }
        var counts = await db.Ratings.Where(r => db.RatingWindows.Any(w => w.Id == r.WindowId && w.ProgramId == programId))
            .GroupBy(r => new { r.WindowId, r.ItemId, r.Choice })
            .Select(g => new { g.Key.WindowId, g.Key.ItemId, g.Key.Choice, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var tallies = await db.DeputyTallies.AsNoTracking().Where(t => db.RatingWindows.Any(w => w.Id == t.WindowId && w.ProgramId == programId))
            .ToListAsync(cancellationToken);
        return new ProgramRatings(windows.Select(w =>
        {
            var mine = counts.Where(c => c.WindowId == w.Id && w.Covers(c.ItemId)).ToList();
            var items = mine.GroupBy(c => c.ItemId).ToDictionary(g => g.Key, g => Result(g.Select(c => (c.Choice, c.Count)), w.MinimumRatings));
            var deputies = tallies.Where(t => t.WindowId == w.Id)
                .GroupBy(t => t.ItemId)
                .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Id).First());
            return new WindowResults(w, Result(mine.Select(c => (c.Choice, c.Count)), w.MinimumRatings), items, deputies);
        }).ToList());
    }

    private static RatingResult Result(IEnumerable<(RatingChoice Choice, int Count)> counts, int minimum)
    {
        var list = counts.ToList();
        int Of(RatingChoice choice) => list.Where(c => c.Choice == choice).Sum(c => c.Count);
        return new RatingResult(Of(RatingChoice.Satisfied), Of(RatingChoice.BasicallySatisfied), Of(RatingChoice.Dissatisfied), minimum);
    }
}
