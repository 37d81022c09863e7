using BenchmarkDotNet.Attributes;
using Minxin.Domain.Oversight;
using Minxin.Domain.Programs;
using Minxin.Domain.ReportCards;

namespace Minxin.Oversight.Benchmarks;

/// <summary>The card as of a date and every item's light by the default rule: ReportCardCalculator.Compute then Lights.For.</summary>
[MemoryDiagnoser]
public class CardLights
{
    private static readonly DateOnly MidYear = new(2025, 6, 30);
    private static readonly DateOnly YearEnd = new(2025, 12, 31);

    private LivelihoodProgram _program = null!;

    [GlobalSetup]
    public void Build()
    {
        _program = SyntheticProgram.Build();
        // The program is meant to light every colour at midyear; a change to it that stops doing so is caught here.
        var colors = MidYearCard().Select(l => l.Light.RuleColor).Distinct().Count();
        if (colors < 3)
        {
            throw new InvalidOperationException($"The synthetic program lights only {colors} colour(s) as of {MidYear}.");
        }
    }

    [Benchmark(Description = "card + lights as of 2025-06-30")]
    public IReadOnlyList<(ItemCard Item, ItemLight Light)> MidYearCard() => Lights.For(ReportCardCalculator.Compute(_program, MidYear), LightRule.Default);

    [Benchmark(Description = "card + lights as of 2025-12-31")]
    public IReadOnlyList<(ItemCard Item, ItemLight Light)> YearEndCard() => Lights.For(ReportCardCalculator.Compute(_program, YearEnd), LightRule.Default);
}
