using Minxin.Domain.Quantities;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Minxin.Data;
using Minxin.Domain.Oversight;
using Minxin.Domain.Programs;
using Minxin.Domain.ReportCards;

namespace Minxin.Web.ReportCards;

/// <summary>
/// What the public may see of programs (approved reports only), kept in memory as read-only snapshots: a page or
/// API call costs no query. A snapshot is dropped when its program's data version changes
/// (<see cref="PublicCache.DataChangeWatcher"/>), at the same moment the output cache is evicted.
/// </summary>
public sealed class PublicPrograms(IServiceScopeFactory scopes)
{
    private const int MaxCardsPerSnapshot = 32;

    private static readonly ConditionalWeakTable<LivelihoodProgram, ConcurrentDictionary<DateOnly, ReportCard>> CardsBySnapshot = new();

    private readonly ConcurrentDictionary<string, Lazy<Task<LivelihoodProgram?>>> _programs = new(StringComparer.Ordinal);
    private Lazy<Task<List<LivelihoodProgram>>>? _all;

    public async Task<LivelihoodProgram?> FindAsync(string code, CancellationToken cancellationToken)
    {
        var entry = _programs.GetOrAdd(code, c => new Lazy<Task<LivelihoodProgram?>>(() => LoadAsync(db => ProgramStore.LoadAsync(db, c, publicOnly: true))));
        var program = await Snapshot(entry, () => _programs.TryRemove(new(code, entry))).WaitAsync(cancellationToken);
        if (program is null)
        {
            // Unknown codes are not remembered: anyone can ask for any code.
            _programs.TryRemove(new(code, entry));
        }
        return program;
    }

    public Task<List<LivelihoodProgram>> AllAsync(CancellationToken cancellationToken)
    {
        var entry = _all ??= new Lazy<Task<List<LivelihoodProgram>>>(() => LoadAsync(db => ProgramStore.LoadAllAsync(db, publicOnly: true)));
        return Snapshot(entry, () => Interlocked.CompareExchange(ref _all, null, entry)).WaitAsync(cancellationToken);
    }

    /// <summary>Forgets the snapshots of these programs and the program list; the next request loads them afresh.</summary>
    public void Evict(IEnumerable<string> codes)
    {
        foreach (var code in codes)
        {
            _programs.TryRemove(code, out _);
        }
        _all = null;
    }

    public static DateOnly LatestDate(LivelihoodProgram program) => ReportCardCalculator.LatestReportDate(program);

    /// <summary>
    /// The card of a snapshot as of a date. Cards are kept with their snapshot (a snapshot is never changed, only
    /// replaced), for a bounded number of dates: the latest card is computed once, not per request.
    /// </summary>
    public static ReportCard Card(LivelihoodProgram program, DateOnly? asOf)
    {
        var date = asOf ?? LatestDate(program);
        var cards = CardsBySnapshot.GetValue(program, _ => new ConcurrentDictionary<DateOnly, ReportCard>());
        if (cards.TryGetValue(date, out var card))
        {
            return card;
        }
        card = ReportCardCalculator.Compute(program, date);
        if (cards.Count < MaxCardsPerSnapshot)
        {
            cards.TryAdd(date, card);
        }
        return card;
    }

    private static readonly ConditionalWeakTable<ReportCard, CardLights> LightsByCard = new();

    /// <summary>The lights of a live card (the program's rule in force, overrides that hold), by item code; made once per card.</summary>
    public static CardLights Lights(ReportCard card) =>
        LightsByCard.GetValue(card, c => Domain.Oversight.Lights.Live(c));

    private async Task<T> LoadAsync<T>(Func<MinxinDbContext, Task<T>> load)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await load(scope.ServiceProvider.GetRequiredService<MinxinDbContext>());
    }

    // A failed load is not kept, so the next request tries again.
    private static async Task<T> Snapshot<T>(Lazy<Task<T>> entry, Action forget)
    {
        try
        {
            return await entry.Value;
        }
        catch
        {
            forget();
            throw;
        }
    }
}

/// <summary>The asOf query parameter: absent, or a real date written YYYY-MM-DD.</summary>
public static class AsOfParameter
{
    public const string Name = "asOf";

    public static bool TryParse(string? text, out DateOnly? asOf)
    {
        asOf = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (IsoDate.TryParse(text, out var date))
        {
            asOf = date;
            return true;
        }
        return false;
    }

    public static string Format(DateOnly date) => IsoDate.Format(date);
}

public static class ReportCardsSetup
{
    public static IServiceCollection AddReportCards(this IServiceCollection services) =>
        services.AddSingleton<PublicPrograms>();
}
