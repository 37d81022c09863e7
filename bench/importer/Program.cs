using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Minxin.Importer;
using Minxin.Importer.Benchmarks;

// Parsing the seed (津南区's half-year 成绩单, 26 items) after warm-up must take under 20 ms (issue 4).
// Run: dotnet run -c Release --project bench/importer
const double BudgetMilliseconds = 20;

var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(5).WithIterationCount(15))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator)
    .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "minxin-importer-benchmarks"));
var summary = BenchmarkRunner.Run<SeedImport>(config, args);
var mean = summary.Reports.Single().ResultStatistics?.Mean / 1_000_000;
if (mean is null)
{
    Console.Error.WriteLine("The benchmark did not run.");
    return 1;
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Parsing the seed: mean {mean:0.000} ms (budget {BudgetMilliseconds} ms)"));
return mean < BudgetMilliseconds ? 0 : 1;
