using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Minxin.Oversight.Benchmarks;

// Lights, what changed between editions, and publishing an edition, on a synthetic 50-item program (SyntheticProgram).
// Run: bench/oversight/run.sh [BenchmarkDotNet arguments], or
//      dotnet run -c Release --project bench/oversight -- --filter '*' [--job short]
// Without --job, each benchmark runs 5 warm-up and 15 measured iterations in process, as bench/importer does.
var config = DefaultConfig.Instance
    .WithOptions(ConfigOptions.DisableOptimizationsValidator)
    .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "minxin-oversight-benchmarks", "artifacts"));
if (!args.Contains("--job") && !args.Contains("-j"))
{
    config = config.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(5).WithIterationCount(15));
}
var summaries = BenchmarkSwitcher.FromTypes([typeof(CardLights), typeof(WhatChanged), typeof(PublishEdition)]).Run(args, config);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
