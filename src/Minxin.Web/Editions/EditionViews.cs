using Minxin.Domain.Editions;
using Minxin.Domain.Oversight;
using Minxin.Domain.Programs;
using Minxin.Domain.ReportCards;
using Minxin.Web.Platform;

namespace Minxin.Web.Editions;

/// <summary>An edition as its page and the API show it: its frozen card, the edition before it, what changed since, and later corrections.</summary>
public sealed record EditionView(
    Edition Edition,
    ReportCard Card,
    CardLights Lights,
    Edition? Previous,
    EditionChanges Changes,
    IReadOnlyList<EditionCorrection> Corrections);

/// <summary>
/// The editions of a public program snapshot. An edition never changes, so its frozen card is read from its copy once
/// per snapshot and kept with it (<see cref="ReportCards.PublicPrograms"/> drops snapshots when the data changes).
/// </summary>
public static class EditionViews
{
    private sealed record Frozen(ReportCard Card, CardLights Lights);

    // Keyed by the copy's hash, not the object: program snapshots are reloaded after every approval, and thawing a
    // copy costs tens of milliseconds (bench/oversight), while the copy itself never changes.
    // A thawed copy weighs about twenty times its JSON (bench/oversight: 418k characters, 8 MB).
    private static readonly LruCache<Frozen> FrozenEditions = new(capacityBytes: 128L * 1024 * 1024);

    /// <summary>Newest first.</summary>
    public static IReadOnlyList<Edition> Of(LivelihoodProgram program) => program.Editions.OrderByDescending(e => e.AsOf).ToList();

    public static Edition? Latest(LivelihoodProgram program) => program.Editions.MaxBy(e => e.AsOf);

    public static Edition? Find(LivelihoodProgram program, string slug) => program.Editions.FirstOrDefault(e => e.Slug == slug);

    public static Edition? PreviousOf(LivelihoodProgram program, Edition edition) =>
        program.Editions.Where(e => e.AsOf < edition.AsOf).MaxBy(e => e.AsOf);

    public static ReportCard FrozenCard(Edition edition) => Thaw(edition).Card;

    private static Frozen Thaw(Edition edition)
    {
        var key = $"{edition.ProgramId}/{edition.Slug}/{edition.SnapshotSha256}";
        if (FrozenEditions.TryGet(key, out var frozen))
        {
            return frozen;
        }
        var card = edition.ThawCard();
        frozen = new Frozen(card, edition.ThawLights(card));
        FrozenEditions.Set(key, frozen, edition.Snapshot.Length * 20L);
        return frozen;
    }

    public static EditionView View(LivelihoodProgram program, Edition edition)
    {
        var frozen = Thaw(edition);
        var previous = PreviousOf(program, edition);
        var changes = EditionChanges.Between(previous is null ? null : FrozenCard(previous), frozen.Card);
        return new(edition, frozen.Card, frozen.Lights, previous, changes, EditionCorrections.Since(edition, program));
    }

    public static string KindWords(EditionChangeKind kind) => kind switch
    {
        EditionChangeKind.Completed => "新完成",
        EditionChangeKind.Rose => "进度提高",
        EditionChangeKind.Fell => "数据下降",
        EditionChangeKind.TargetRevised => "目标调整",
        EditionChangeKind.DateMoved => "预计时间调整",
        EditionChangeKind.NewSite => "新增点位",
        _ => "本期无新报送",
    };

    public static string Path(LivelihoodProgram program, Edition edition) => $"/programs/{program.Code}/editions/{edition.Slug}";
}
