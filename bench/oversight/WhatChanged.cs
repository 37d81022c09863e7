using BenchmarkDotNet.Attributes;
using Minxin.Domain.Editions;
using Minxin.Domain.ReportCards;

namespace Minxin.Oversight.Benchmarks;

/// <summary>
/// 较上期: EditionChanges.Between the editions as of 2025-06-30 and 2025-07-31. Cold: both frozen snapshots (made by
/// Edition.Freeze in setup) are thawed from their JSON first, as the edition page does when its cache is empty.
/// Warm: the two thawed cards are already at hand.
/// </summary>
[MemoryDiagnoser]
public class WhatChanged
{
    private Edition _june = null!;
    private Edition _july = null!;
    private ReportCard _juneCard = null!;
    private ReportCard _julyCard = null!;

    [GlobalSetup]
    public void Freeze()
    {
        var program = SyntheticProgram.Build();
        _june = Frozen(program, "2025-06", new DateOnly(2025, 6, 30));
        _july = Frozen(program, "2025-07", new DateOnly(2025, 7, 31));
        _juneCard = _june.ThawCard();
        _julyCard = _july.ThawCard();
        var changes = EditionChanges.Between(_juneCard, _julyCard);
        if (changes.All.Count == 0 || !changes.All.Any(c => c.Kind == EditionChangeKind.DateMoved))
        {
            throw new InvalidOperationException("The synthetic editions should differ, date moves included.");
        }
        Console.WriteLine($"// Snapshots: {_june.Snapshot.Length:N0} and {_july.Snapshot.Length:N0} characters; {changes.All.Count} changes.");
    }

    [Benchmark(Description = "changes 06-30 → 07-31, thawing both snapshots")]
    public EditionChanges Cold() => EditionChanges.Between(_june.ThawCard(), _july.ThawCard());

    [Benchmark(Description = "thaw one snapshot (07-31), program only")]
    public Domain.Programs.LivelihoodProgram ThawOne() => _july.ThawProgram();

    [Benchmark(Description = "changes 06-30 → 07-31, cards at hand")]
    public EditionChanges Warm() => EditionChanges.Between(_juneCard, _julyCard);

    private static Edition Frozen(Domain.Programs.LivelihoodProgram program, string slug, DateOnly asOf)
    {
        var snapshot = Edition.Freeze(program, asOf);
        return new Edition
        {
            Slug = slug,
            Title = $"{asOf.Year}年{asOf.Month}月成绩单",
            AsOf = asOf,
            PublishedOn = asOf.AddDays(10),
            PublishedBy = "基准测试",
            Snapshot = snapshot,
            SnapshotSha256 = Edition.Sha256(snapshot),
        };
    }
}
