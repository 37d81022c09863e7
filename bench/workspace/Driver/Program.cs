using System.Globalization;
using Minxin.Workspace.LoadDriver;

// The load driver of bench/workspace/run.sh: creates, submits and approves reports through the staff API
// (/api/v1/workspace) with N concurrent workers, one phase after the other, and prints a table per operation:
// count, requests per second, p50, p99, errors. Before each measured phase it prints "@phase-start NAME" and after
// it "@phase-end NAME" on a line of its own, so the script can measure the public card with wrk during that phase;
// when its standard input is redirected it starts the phase only once it has read a line there (or reached its end),
// so the phase never begins before the script has started wrk.
// Exit code 0 only when every request succeeded (2xx); 1 when any failed; 2 for a wrong command line or setup.
//
// Usage: dotnet Minxin.Workspace.LoadDriver.dll --url http://127.0.0.1:PORT --tokens FILE
//          [--program jinnan-2025] [--reports 2000] [--concurrency 8] [--warmup-rounds 1] [--tsv FILE] [--label TEXT]
// The tokens file has one tab-separated line per account: "coordinator<TAB>-<TAB>TOKEN" and, for each unit,
// "reporter<TAB>UNIT NAME<TAB>TOKEN" (the name the items' leadUnit gives).

DriverOptions options;
try
{
    options = DriverOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    await Console.Error.WriteLineAsync(DriverOptions.Usage);
    return 2;
}

using var api = new StaffApi(options.Url);
BenchmarkPlan plan;
try
{
    plan = await BenchmarkPlan.BuildAsync(api, options);
}
catch (SetupException e)
{
    await Console.Error.WriteLineAsync("Setup: " + e.Message);
    return 2;
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{plan.Items.Count} items ({plan.Items.Count(i => i.Indicator is not null)} with a figure), {plan.Reporters} reporters, {plan.Measured.Count} reports in {plan.MeasuredRounds} rounds, {options.Concurrency} workers"));

var workflow = new ReportWorkflow(api, plan.CoordinatorToken);
if (plan.WarmUp.Count > 0)
{
    // The first requests of each endpoint pay for JIT compilation and connection set-up; they are not counted.
    var warm = System.Diagnostics.Stopwatch.StartNew();
    var failed = 0;
    foreach (var (name, operation) in workflow.Operations)
    {
        failed += (await Phase.RunAsync(name, plan.WarmUp, options.Concurrency, operation)).Errors;
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"warm-up: {plan.WarmUp.Count} reports created, submitted and approved in {warm.Elapsed.TotalSeconds:0.0} s (not counted)"));
    if (failed > 0)
    {
        await Console.Error.WriteLineAsync($"warm-up: {failed} requests failed; see above");
        return 1;
    }
}

var results = new List<PhaseResult>();
foreach (var (name, operation) in workflow.Operations)
{
    Console.WriteLine("@phase-start " + name);
    if (Console.IsInputRedirected)
    {
        await Console.In.ReadLineAsync();
    }
    var result = await Phase.RunAsync(name, plan.Measured, options.Concurrency, operation);
    Console.WriteLine("@phase-end " + name);
    results.Add(result);
}

Console.WriteLine();
Console.Write(Report.Table(results));
var total = results.Sum(r => r.Elapsed.TotalSeconds);
var complete = plan.Measured.Count(j => j.Approved);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{complete} of {plan.Measured.Count} reports approved; {complete / total:0.0} reports/s through all three steps ({total:0.0} s)"));
foreach (var sample in results.SelectMany(r => r.Samples).Take(10))
{
    Console.WriteLine("error: " + sample);
}
var card = await api.CardAsOfAsync(options.Program);
Console.WriteLine($"public card of {options.Program}: as of {card}; last measured round: {plan.Measured[^1].AsOf}");
if (options.Tsv is { } tsv)
{
    await File.AppendAllTextAsync(tsv, Report.Tsv(options.Label, results));
}
return results.Sum(r => r.Errors + r.Skipped) == 0 && complete == plan.Measured.Count ? 0 : 1;
