using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Minxin.Data;
using Minxin.Testing;

namespace Minxin.Web.Tests.Workspace;

/// <summary>
/// The whole monthly round through the staff API alone, with personal access tokens: a coordinator opens the round, a
/// unit reports 充电接口 5600 and submits, the public card still says 5119; the report is returned with a reason,
/// corrected to 5650 and resubmitted; once approved the public card and API say 5650 (94%) as of the round's date,
/// with who reported and who approved. And every refusal on the way, as ProblemDetails.
/// </summary>
/// <summary>A region with two units, a coordinator and a reporter of each unit, each with a personal access token.</summary>
public abstract class StaffApiTests(MinxinWebFactory factory) : IAsyncLifetime
{
    protected MinxinWebFactory Factory => factory;

    protected const string Sockets = "/api/v1/workspace/items/jinnan-2025-07-1";
    protected HttpClient Coordinator { get; private set; } = null!;
    protected HttpClient Reporter { get; private set; } = null!;
    protected HttpClient OtherUnit { get; private set; } = null!;
    protected string Unit { get; private set; } = "";
    protected string UnitName { get; private set; } = "";
    protected string ReporterName { get; private set; } = "";
    protected string CoordinatorName { get; private set; } = "";

    public async Task InitializeAsync()
    {
        using (var warm = factory.CreateClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await warm.GetAsync("/api/v1/programs")).StatusCode);
        }
        (Unit, UnitName) = (Staff.Unique("cgw"), Staff.Unique("区城管委"));
        var other = Staff.Unique("jyj");
        await Staff.UnitAsync(factory, Unit, UnitName);
        await Staff.UnitAsync(factory, other, Staff.Unique("区教育局"));
        (CoordinatorName, ReporterName) = (Staff.Unique("liming"), Staff.Unique("wangli"));
        var otherReporter = Staff.Unique("zhaoqiang");
        await Staff.UserAsync(factory, CoordinatorName, "coordinator");
        await Staff.UserAsync(factory, ReporterName, "reporter", unit: UnitName);
        await Staff.UserAsync(factory, otherReporter, "reporter", unit: other);
        Coordinator = await Staff.TokenClientAsync(factory, CoordinatorName);
        Reporter = await Staff.TokenClientAsync(factory, ReporterName);
        OtherUnit = await Staff.TokenClientAsync(factory, otherReporter);
    }

    public Task DisposeAsync()
    {
        Coordinator.Dispose();
        Reporter.Dispose();
        OtherUnit.Dispose();
        return Task.CompletedTask;
    }

}

public abstract class StaffApiFlowTests(MinxinWebFactory factory) : StaffApiTests(factory)
{
    [Fact]
    public async Task A_round_from_opening_to_an_approved_figure_on_the_public_card()
    {
        var me = await Staff.JsonAsync(await Reporter.GetAsync("/api/v1/workspace/me"));
        Assert.Equal((ReporterName, "reporter", "120112", Unit), ((string?)me["username"], (string?)me["role"], (string?)me["region"], (string?)me["unit"]));

        // The coordinator gives 07-1 to the unit (by name) and opens the July round.
        var assign = await Coordinator.PatchAsJsonAsync(Sockets, new { leadUnit = UnitName });
        Assert.Equal(HttpStatusCode.OK, assign.StatusCode);
        var opened = await Staff.PostJsonAsync(Coordinator, "/api/v1/workspace/programs/jinnan-2025/rounds",
            new { title = "2025年7月月报", asOf = "2025-07-31", dueDate = "2025-08-05" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var roundId = (int)(await Staff.JsonAsync(opened))["id"]!;

        // The unit's to-do list holds its item, with what it reported last time, and nothing of other units.
        var tasksResponse = await Reporter.GetAsync("/api/v1/workspace/tasks");
        Assert.True(tasksResponse.IsSuccessStatusCode, await tasksResponse.Content.ReadAsStringAsync());
        var tasks = (await Staff.JsonAsync(tasksResponse)).AsArray();
        var task = Assert.Single(tasks, t => (int)t!["roundId"]! == roundId);
        Assert.Equal(("jinnan-2025-07-1", roundId), ((string?)task!["itemId"], (int)task["roundId"]!));
        Assert.Contains("充电接口6000个", (string?)task["title"]);
        Assert.Contains(task["lastReport"]!["values"]!.AsArray(), v => (string?)v!["indicator"] == "充电接口" && (decimal)v["value"]! == 5119);
        Assert.Empty((await Staff.JsonAsync(await OtherUnit.GetAsync("/api/v1/workspace/tasks"))).AsArray());
        Assert.All(tasks, t => Assert.Equal("jinnan-2025-07-1", (string?)t!["itemId"]));

        var created = await Staff.PostJsonAsync(Reporter, Sockets + "/reports", Report(roundId, 5600));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotNull(created.Headers.ETag);
        var id = (int)(await Staff.JsonAsync(created))["id"]!;
        Assert.Equal("submitted", (string?)(await Staff.JsonAsync(await Reporter.PostAsync($"/api/v1/workspace/reports/{id}/submit", null)))["state"]);
        Assert.Equal(5119m, await PublicSocketsAsync());

        var returned = await Staff.PostJsonAsync(Coordinator, $"/api/v1/workspace/reports/{id}/return", new { reason = "5600与台账不符，请核实后更正" });
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        var seen = await Reporter.GetAsync($"/api/v1/workspace/reports/{id}");
        var report = await Staff.JsonAsync(seen);
        Assert.Equal(("returned", "5600与台账不符，请核实后更正"), ((string?)report["state"], (string?)report["reviewNote"]));

        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/workspace/reports/{id}") { Content = JsonContent.Create(Report(roundId, 5650)) };
        put.Headers.IfMatch.Add(seen.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await Reporter.SendAsync(put)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Reporter.PostAsync($"/api/v1/workspace/reports/{id}/submit", null)).StatusCode);
        Assert.Equal(5119m, await PublicSocketsAsync());

        var approved = await Staff.PostJsonAsync(Coordinator, $"/api/v1/workspace/reports/{id}/approve", new { note = "与台账核对一致" });
        var final = await Staff.JsonAsync(approved);
        Assert.Equal(("approved", 1), ((string?)final["state"], (int)final["version"]!));
        Assert.Equal(["created", "submitted", "returned", "saved", "submitted", "approved"], final["history"]!.AsArray().Select(e => (string?)e!["action"]));

        // Public at once, on this node: the card as of the round's date, its percent, and who gave and approved it.
        Assert.Equal(5650m, await PublicSocketsAsync());
        using var client = Factory.CreateClient();
        var card = JsonNode.Parse(await client.GetStringAsync("/api/v1/programs/jinnan-2025/report-card"))!;
        Assert.Equal("2025-07-31", (string?)card["asOf"]);
        var sockets = Indicator(card, "07-1", "充电接口");
        Assert.Equal(94, (int)decimal.Floor((decimal)sockets["percent"]!));
        var page = await Factory.GetDocumentAsync("/items/jinnan-2025-07-1");
        var meta = page.QuerySelector("#report-2025-07-31-v1 .report-meta")!.TextContent;
        Assert.Contains($"{UnitName} {ReporterName}同志", meta);
        Assert.Contains($"{CoordinatorName}同志", meta);
        Assert.Contains("5650/6000个（94%）", (await Factory.GetDocumentAsync("/programs/jinnan-2025")).QuerySelector("#item-07-1")!.TextContent);
    }

    [Fact]
    public async Task Each_refusal_is_ProblemDetails_with_the_status_that_says_why()
    {
        await Coordinator.PatchAsJsonAsync(Sockets, new { leadUnit = Unit });
        var round = await Staff.JsonAsync(await Staff.PostJsonAsync(Coordinator, "/api/v1/workspace/programs/jinnan-2025/rounds",
            new { title = "2025年8月月报", asOf = "2025-08-31", dueDate = "2025-09-05" }));
        var roundId = (int)round["id"]!;

        using var anonymous = Factory.CreateClient();
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/workspace/me"), HttpStatusCode.Unauthorized);
        using var forged = Factory.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "mxt_not-a-real-token");
        await AssertProblemAsync(await forged.GetAsync("/api/v1/workspace/me"), HttpStatusCode.Unauthorized);

        await AssertProblemAsync(await Staff.PostJsonAsync(Coordinator, Sockets + "/reports", Report(roundId, 1)), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await Staff.PostJsonAsync(OtherUnit, Sockets + "/reports", Report(roundId, 1)), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await Staff.PostJsonAsync(Reporter, "/api/v1/workspace/items/jinnan-2025-99-1/reports", Report(roundId, 1)), HttpStatusCode.NotFound);

        var unknown = await Staff.PostJsonAsync(Reporter, Sockets + "/reports",
            new { roundId, status = "inProgress", values = new[] { new { indicator = "充电桩", value = 10 } } });
        var problem = await AssertProblemAsync(unknown, HttpStatusCode.BadRequest);
        Assert.Contains("充电桩", (string?)problem["errors"]!["values[0].indicator"]![0]);

        var created = await Staff.PostJsonAsync(Reporter, Sockets + "/reports", Report(roundId, 5700));
        var id = (int)(await Staff.JsonAsync(created))["id"]!;
        await AssertProblemAsync(await Staff.PostJsonAsync(Coordinator, $"/api/v1/workspace/reports/{id}/approve", new { note = "" }), HttpStatusCode.Conflict);
        await AssertProblemAsync(await Staff.PostJsonAsync(Reporter, $"/api/v1/workspace/reports/{id}/approve", new { note = "" }), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await Reporter.GetAsync("/api/v1/workspace/reports/999999"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await OtherUnit.GetAsync($"/api/v1/workspace/reports/{id}"), HttpStatusCode.Forbidden);
        using var withoutIfMatch = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/workspace/reports/{id}") { Content = JsonContent.Create(Report(roundId, 5701)) };
        await AssertProblemAsync(await Reporter.SendAsync(withoutIfMatch), (HttpStatusCode)428);

        // Bodies that cannot be read at all: a 400 problem that says so, never a 500 or an HTML page, and nothing stored.
        var before = await Staff.JsonAsync(await Reporter.GetAsync("/api/v1/workspace/tasks"));
        foreach (var body in new[] { "not json", "{\"roundId\":99999999999}", "{\"roundId\":\"abc\"}", "{\"values\":[{\"indicator\":\"充电接口\",\"value\":1e30}]}" })
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            var unreadable = await AssertProblemAsync(await Reporter.PostAsync(Sockets + "/reports", content), HttpStatusCode.BadRequest);
            Assert.Contains("JSON", (string?)unreadable["detail"]);
        }
        Assert.Equal(before.ToJsonString(), (await Staff.JsonAsync(await Reporter.GetAsync("/api/v1/workspace/tasks"))).ToJsonString());
    }

    [Fact]
    public async Task Two_editors_of_one_draft_the_second_is_refused_with_412_and_nothing_is_lost()
    {
        await Coordinator.PatchAsJsonAsync(Sockets, new { leadUnit = Unit });
        var round = await Staff.JsonAsync(await Staff.PostJsonAsync(Coordinator, "/api/v1/workspace/programs/jinnan-2025/rounds",
            new { title = "2025年9月月报", asOf = "2025-09-30", dueDate = "2025-10-08" }));
        var roundId = (int)round["id"]!;
        var created = await Staff.PostJsonAsync(Reporter, Sockets + "/reports", Report(roundId, 5800));
        var id = (int)(await Staff.JsonAsync(created))["id"]!;
        var etag = created.Headers.ETag!;

        using var first = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/workspace/reports/{id}") { Content = JsonContent.Create(Report(roundId, 5810, "第一位填报员的说明")) };
        first.Headers.IfMatch.Add(etag);
        using var second = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/workspace/reports/{id}") { Content = JsonContent.Create(Report(roundId, 5820, "第二位填报员的说明")) };
        second.Headers.IfMatch.Add(etag);

        Assert.Equal(HttpStatusCode.OK, (await Reporter.SendAsync(first)).StatusCode);
        await AssertProblemAsync(await Reporter.SendAsync(second), HttpStatusCode.PreconditionFailed);
        var stored = await Staff.JsonAsync(await Reporter.GetAsync($"/api/v1/workspace/reports/{id}"));
        Assert.StartsWith("第一位填报员的说明", (string?)stored["narrative"]);
        Assert.Contains(stored["values"]!.AsArray(), v => (decimal)v!["value"]! == 5810);
    }

    [Fact]
    public async Task Two_coordinators_editing_one_item_the_second_is_refused_with_412_and_the_first_kept()
    {
        var read = await Coordinator.GetAsync(Sockets);
        var etag = read.Headers.ETag!;

        using var first = new HttpRequestMessage(HttpMethod.Patch, Sockets) { Content = JsonContent.Create(new { responsiblePerson = "第一位民心办同志填的" }) };
        first.Headers.IfMatch.Add(etag);
        using var second = new HttpRequestMessage(HttpMethod.Patch, Sockets) { Content = JsonContent.Create(new { deadline = "2025-10-31" }) };
        second.Headers.IfMatch.Add(etag);

        Assert.Equal(HttpStatusCode.OK, (await Coordinator.SendAsync(first)).StatusCode);
        await AssertProblemAsync(await Coordinator.SendAsync(second), HttpStatusCode.PreconditionFailed);
        var stored = await Staff.JsonAsync(await Coordinator.GetAsync(Sockets));
        Assert.Equal("第一位民心办同志填的", (string?)stored["responsiblePerson"]);
        Assert.Null((string?)stored["deadline"]);
    }

    private static object Report(int roundId, decimal sockets, string note = "累计推动全区既有住宅小区新增电动自行车充电接口") => new
    {
        roundId,
        status = "inProgress",
        narrative = note + "{充电接口}，完成率{充电接口%}。",
        values = new[] { new { indicator = "充电接口", value = sockets } },
    };

    private async Task<decimal> PublicSocketsAsync()
    {
        using var client = Factory.CreateClient();
        var card = JsonNode.Parse(await client.GetStringAsync("/api/v1/programs/jinnan-2025/report-card"))!;
        return (decimal)Indicator(card, "07-1", "充电接口")["actual"]!;
    }

    private static JsonNode Indicator(JsonNode card, string item, string key) =>
        card["categories"]!.AsArray().SelectMany(c => c!["items"]!.AsArray()).Single(i => ((string?)i!["id"])!.EndsWith(item, StringComparison.Ordinal))!
            ["indicators"]!.AsArray().Single(x => (string?)x!["key"] == key)!;

    private static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Staff.JsonAsync(response);
        Assert.Equal((int)status, (int)problem["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
        return problem;
    }
}

public sealed class SqliteStaffApiFlowTests(SqliteWebFactory factory) : StaffApiFlowTests(factory), IClassFixture<SqliteWebFactory>;

public sealed class PostgresStaffApiFlowTests(PostgresWebFactory factory) : StaffApiFlowTests(factory), IClassFixture<PostgresWebFactory>;

/// <summary>
/// Approvals at the same moment, in a store of their own: they move the card's as-of date, which the flow above reads.
/// </summary>
public abstract class ConcurrentApprovalTests(MinxinWebFactory factory) : StaffApiTests(factory)
{
    [Fact]
    public async Task Approvals_at_the_same_moment_each_move_the_programs_data_version()
    {
        (string Item, string Indicator)[] items = [("01-2", "养老服务综合体"), ("03-1", "意外保险"), ("05-1", "健身设施"), ("06-1", "租房补贴"), ("09-1", "群众活动"), ("10-1", "技能培训")];
        foreach (var (item, _) in items)
        {
            Assert.Equal(HttpStatusCode.OK, (await Coordinator.PatchAsJsonAsync($"/api/v1/workspace/items/jinnan-2025-{item}", new { leadUnit = Unit })).StatusCode);
        }
        var round = await Staff.JsonAsync(await Staff.PostJsonAsync(Coordinator, "/api/v1/workspace/programs/jinnan-2025/rounds",
            new { title = "2025年12月月报", asOf = "2025-12-31", dueDate = "2026-01-08" }));
        var ids = new List<int>();
        foreach (var (item, indicator) in items)
        {
            var created = await Staff.PostJsonAsync(Reporter, $"/api/v1/workspace/items/jinnan-2025-{item}/reports",
                new { roundId = (int)round["id"]!, status = "inProgress", values = new[] { new { indicator, value = 1 } } });
            var id = (int)(await Staff.JsonAsync(created))["id"]!;
            Assert.Equal(HttpStatusCode.OK, (await Reporter.PostAsync($"/api/v1/workspace/reports/{id}/submit", null)).StatusCode);
            ids.Add(id);
        }
        long Version()
        {
            using var db = Factory.OpenDatabase();
            return db.Programs.Single(p => p.Code == "jinnan-2025").DataVersion;
        }
        var before = Version();

        var approvals = await Task.WhenAll(ids.Select(id => Staff.PostJsonAsync(Coordinator, $"/api/v1/workspace/reports/{id}/approve", new { note = "" })));

        Assert.All(approvals, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(before + ids.Count, Version());
    }

}

public sealed class SqliteConcurrentApprovalTests(SqliteWebFactory factory) : ConcurrentApprovalTests(factory), IClassFixture<SqliteWebFactory>;

public sealed class PostgresConcurrentApprovalTests(PostgresWebFactory factory) : ConcurrentApprovalTests(factory), IClassFixture<PostgresWebFactory>;
