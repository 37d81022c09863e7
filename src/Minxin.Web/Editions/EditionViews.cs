using System.Runtime.CompilerServices;
using Minxin.Domain.Editions;
using Minxin.Domain.Programs;
using Minxin.Domain.ReportCards;

namespace Minxin.Web.Editions;

/// <summary>An edition as its page and the API show it: its frozen card, the edition before it, what changed since, and later corrections.</summary>
public sealed record EditionView(
    Edition Edition,
    ReportCard Card,
    Edition? Previous,
    IReadOnlyList<EditionCorrection> Corrections);

/// <summary>
/// The editions of a public program snapshot. An edition never changes, so its frozen card is read from its copy once
/// per snapshot and kept with it (<see cref="ReportCards.PublicPrograms"/> drops snapshots when the data changes).
/// </summary>
public static class EditionViews
{
    private static readonly ConditionalWeakTable<Edition, ReportCard> FrozenCards = new();

    /// <summary>Newest first.</summary>
    public static IReadOnlyList<Edition> Of(LivelihoodProgram program) => program.Editions.OrderByDescending(e => e.AsOf).ToList();

    public static Edition? Latest(LivelihoodProgram program) => program.Editions.MaxBy(e => e.AsOf);

    public static Edition? Find(LivelihoodProgram program, string slug) => program.Editions.FirstOrDefault(e => e.Slug == slug);

    public static Edition? PreviousOf(LivelihoodProgram program, Edition edition) =>
        program.Editions.Where(e => e.AsOf < edition.AsOf).MaxBy(e => e.AsOf);

    public static ReportCard FrozenCard(Edition edition) => FrozenCards.GetValue(edition, e => e.ThawCard());

    public static EditionView View(LivelihoodProgram program, Edition edition) =>
        new(edition, FrozenCard(edition), PreviousOf(program, edition), EditionCorrections.Since(edition, program));

    public static string Path(LivelihoodProgram program, Edition edition) => $"/programs/{program.Code}/editions/{edition.Slug}";
}
