using System.Text.Json;
using System.Text.Json.Nodes;

namespace Minxin.Workspace.LoadDriver;

/// <summary>An item as the benchmark reports it: its unit's token, the figure it reports, what stays as it was.</summary>
public sealed record PlanItem(string Id, string ReporterToken, string? Indicator, string Status, string? ExpectedCompletion);

/// <summary>One report to make: an item in a round. The report id is known once it has been created.</summary>
public sealed class Job(PlanItem item, int roundId, string asOf, string body)
{
    public PlanItem Item { get; } = item;

    public int RoundId { get; } = roundId;

    public string AsOf { get; } = asOf;

    /// <summary>The create request's JSON, built before the clock starts.</summary>
    public string Body { get; } = body;

    public int ReportId { get; set; }

    /// <summary>False once a step failed: the later steps of this report are skipped (and counted as skipped).</summary>
    public bool Alive { get; set; } = true;

    public bool Approved { get; set; }
}

/// <summary>
/// The reports to make, read from the app itself: the program's items (public card), each item's lead unit, first
/// indicator, last status and expected completion (staff API), and the open rounds, earliest first. Reports go round
/// by round, each round through all items (as a monthly round does); the first rounds are the warm-up.
/// </summary>
public sealed class BenchmarkPlan
{
    private BenchmarkPlan(string coordinator, IReadOnlyList<PlanItem> items, int reporters, List<Job> warmUp, List<Job> measured, int measuredRounds)
    {
        CoordinatorToken = coordinator;
        Items = items;
        Reporters = reporters;
        WarmUp = warmUp;
        Measured = measured;
        MeasuredRounds = measuredRounds;
    }

    public string CoordinatorToken { get; }

    public IReadOnlyList<PlanItem> Items { get; }

    public int Reporters { get; }

    public IReadOnlyList<Job> WarmUp { get; }

    public IReadOnlyList<Job> Measured { get; }

    public int MeasuredRounds { get; }

    public static async Task<BenchmarkPlan> BuildAsync(StaffApi api, DriverOptions options)
    {
        var (coordinator, reporters) = await ReadTokensAsync(options.TokensFile);
        var card = await api.JsonAsync($"/api/v1/programs/{options.Program}/report-card", null);
        var ids = card["categories"]!.AsArray().SelectMany(c => c!["items"]!.AsArray()).Select(i => (string)i!["id"]!).ToList();
        var items = new List<PlanItem>();
        foreach (var id in ids)
        {
            var item = await api.JsonAsync($"{StaffApi.Prefix}/items/{id}", coordinator);
            var unit = (string?)item["leadUnit"] ?? throw new SetupException($"{id} has no lead unit: assign it (PATCH {StaffApi.Prefix}/items/{id} {{\"leadUnit\": …}})");
            var token = reporters.GetValueOrDefault(unit) ?? throw new SetupException($"{id} is led by “{unit}”, which has no reporter in {options.TokensFile}");
            var last = item["reports"]!.AsArray().LastOrDefault();
            items.Add(new PlanItem(id, token, (string?)item["indicators"]!.AsArray().FirstOrDefault()?["key"],
                (string?)last?["status"] ?? "inProgress", (string?)last?["expectedCompletion"]));
        }
        var rounds = (await api.JsonAsync($"{StaffApi.Prefix}/programs/{options.Program}/rounds", coordinator)).AsArray()
            .Where(r => (bool)r!["open"]!)
            .Select(r => (Id: (int)r!["id"]!, AsOf: (string)r["asOf"]!))
            .OrderBy(r => r.AsOf, StringComparer.Ordinal)
            .ToList();
        var perRound = items.Count;
        var needed = options.WarmUpRounds + (options.Reports + perRound - 1) / perRound;
        if (perRound == 0 || rounds.Count < needed)
        {
            throw new SetupException($"{options.Reports} reports of {perRound} items after {options.WarmUpRounds} warm-up round(s) need {needed} open rounds; {rounds.Count} are open");
        }
        var jobs = rounds.Take(needed).SelectMany((round, r) => items.Select(item => new Job(item, round.Id, round.AsOf, Body(item, round.Id, r)))).ToList();
        var warmUp = jobs.Take(options.WarmUpRounds * perRound).ToList();
        var measured = jobs.Skip(warmUp.Count).Take(options.Reports).ToList();
        return new BenchmarkPlan(coordinator, items, reporters.Count, warmUp, measured, needed - options.WarmUpRounds);
    }

    /// <summary>A plain report: the item's status as it was, its first figure (if it has any) and a narrative naming it.</summary>
    private static string Body(PlanItem item, int roundId, int round)
    {
        var body = new JsonObject
        {
            ["roundId"] = roundId,
            ["status"] = item.Status,
            ["narrative"] = item.Indicator is { } key ? $"基准测试第{round + 1}轮：累计{{{key}}}。" : $"基准测试第{round + 1}轮：按计划推进。",
            ["values"] = item.Indicator is { } indicator
                ? new JsonArray(new JsonObject { ["indicator"] = indicator, ["value"] = round % 90 + 1 })
                : new JsonArray(),
        };
        if (item.ExpectedCompletion is { } expected)
        {
            body["expectedCompletion"] = expected;
        }
        return body.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static async Task<(string Coordinator, Dictionary<string, string> Reporters)> ReadTokensAsync(string file)
    {
        string? coordinator = null;
        var reporters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in await File.ReadAllLinesAsync(file))
        {
            var fields = line.Split('\t');
            switch (fields)
            {
                case ["coordinator", _, var token]:
                    coordinator = token;
                    break;
                case ["reporter", var unit, var token]:
                    reporters[unit] = token;
                    break;
                case [""]:
                    break;
                default:
                    throw new SetupException($"{file}: unexpected line with {fields.Length} fields, starting “{fields[0]}”");
            }
        }
        return (coordinator ?? throw new SetupException($"{file} has no coordinator line"), reporters);
    }
}
