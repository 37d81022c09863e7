using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Minxin.Web.Tests.Workspace;

/// <summary>
/// Every workspace endpoint and page, for every kind of caller: anonymous, an admin, a coordinator of this region and
/// of another, a reporter of the item's unit and of another unit, a leader. Each is allowed exactly what the issue
/// says and refused (401/403, or sent to sign in) everything else; nothing answers 500. An endpoint missing from the
/// table fails the test, so a new one cannot slip in unchecked.
/// </summary>
public sealed class AuthorizationMatrixTests(SqliteWebFactory factory) : IClassFixture<SqliteWebFactory>
{
    public enum Caller
    {
        Anonymous,
        Admin,
        Coordinator,
        OtherRegionCoordinator,
        Reporter,
        OtherUnitReporter,
        Leader,
    }

    private static readonly Caller[] Everyone = [Caller.Admin, Caller.Coordinator, Caller.OtherRegionCoordinator, Caller.Reporter, Caller.OtherUnitReporter, Caller.Leader];

    /// <summary>One request and who may make it. Paths may hold {item}, {report}, {round}, {attachment}.</summary>
    public sealed record Rule(string Method, string Route, string Path, Caller[] Allowed, object? Body = null);

    private static Rule[] ApiRules() =>
    [
        new("GET", "/api/v1/workspace/me", "/api/v1/workspace/me", Everyone),
        new("GET", "/api/v1/workspace/tasks", "/api/v1/workspace/tasks", Everyone),
        new("GET", "/api/v1/workspace/programs", "/api/v1/workspace/programs", [Caller.Coordinator, Caller.OtherRegionCoordinator, Caller.Leader]),
        new("GET", "/api/v1/workspace/programs/{programId}/rounds", "/api/v1/workspace/programs/jinnan-2025/rounds", [Caller.Coordinator, Caller.Leader]),
        new("POST", "/api/v1/workspace/programs/{programId}/rounds", "/api/v1/workspace/programs/jinnan-2025/rounds", [Caller.Coordinator],
            new { title = "权限测试轮次", asOf = "2025-10-31", dueDate = "2025-11-05" }),
        new("GET", "/api/v1/workspace/rounds/{roundId:int}", "/api/v1/workspace/rounds/{round}", [Caller.Coordinator, Caller.Leader]),
        new("GET", "/api/v1/workspace/items/{itemId}", "/api/v1/workspace/items/{item}", [Caller.Coordinator, Caller.Reporter, Caller.Leader]),
        new("PATCH", "/api/v1/workspace/items/{itemId}", "/api/v1/workspace/items/{item}", [Caller.Coordinator], new { responsiblePerson = "张三" }),
        new("POST", "/api/v1/workspace/items/{itemId}/reports", "/api/v1/workspace/items/{item}/reports", [Caller.Reporter],
            new { asOf = "2025-12-31", status = "inProgress", values = new[] { new { indicator = "充电接口", value = 5900 } } }),
        new("GET", "/api/v1/workspace/reports/{reportId:int}", "/api/v1/workspace/reports/{report}", [Caller.Coordinator, Caller.Reporter, Caller.Leader]),
        new("PUT", "/api/v1/workspace/reports/{reportId:int}", "/api/v1/workspace/reports/{report}", [Caller.Reporter],
            new { status = "inProgress", values = new[] { new { indicator = "充电接口", value = 5901 } } }),
        new("POST", "/api/v1/workspace/reports/{reportId:int}/submit", "/api/v1/workspace/reports/{report}/submit", [Caller.Reporter]),
        new("POST", "/api/v1/workspace/reports/{reportId:int}/approve", "/api/v1/workspace/reports/{report}/approve", [Caller.Coordinator], new { note = "" }),
        new("POST", "/api/v1/workspace/reports/{reportId:int}/return", "/api/v1/workspace/reports/{report}/return", [Caller.Coordinator], new { reason = "请补充" }),
        new("GET", "/api/v1/workspace/review", "/api/v1/workspace/review", [Caller.Coordinator, Caller.OtherRegionCoordinator, Caller.Leader]),
        new("POST", "/api/v1/workspace/reports/{reportId:int}/attachments", "/api/v1/workspace/reports/{report}/attachments", [Caller.Reporter]),
        new("GET", "/api/v1/workspace/attachments/{attachmentId:int}", "/api/v1/workspace/attachments/{attachment}", [Caller.Coordinator, Caller.Reporter, Caller.Leader]),
    ];

    private static Rule[] PageRules() =>
    [
        new("GET", "/workspace", "/workspace", Everyone),
        new("GET", "/workspace/sign-in", "/workspace/sign-in", [.. Everyone, Caller.Anonymous]),
        new("GET", "/workspace/sign-out", "/workspace/sign-out", [.. Everyone, Caller.Anonymous]),
    ];

    private sealed record Actors(Dictionary<Caller, HttpClient> Clients, Dictionary<string, string> Values);

    private async Task<Actors> SetUpAsync()
    {
        var unit = Staff.Unique("矩阵单位");
        var otherUnit = Staff.Unique("矩阵他单位");
        await Staff.UnitAsync(factory, Staff.Unique("mx"), unit);
        await Staff.UnitAsync(factory, Staff.Unique("mo"), otherUnit);
        await Staff.CliAsync(factory, null, "units", "add", Staff.Unique("市级单位"), "--region", "120000");
        var names = new Dictionary<Caller, string>
        {
            [Caller.Admin] = Staff.Unique("admin"),
            [Caller.Coordinator] = Staff.Unique("coordinator"),
            [Caller.OtherRegionCoordinator] = Staff.Unique("citycoordinator"),
            [Caller.Reporter] = Staff.Unique("reporter"),
            [Caller.OtherUnitReporter] = Staff.Unique("otherreporter"),
            [Caller.Leader] = Staff.Unique("leader"),
        };
        await Staff.UserAsync(factory, names[Caller.Admin], "admin");
        await Staff.UserAsync(factory, names[Caller.Coordinator], "coordinator");
        await Staff.UserAsync(factory, names[Caller.OtherRegionCoordinator], "coordinator", region: "120000");
        await Staff.UserAsync(factory, names[Caller.Reporter], "reporter", unit);
        await Staff.UserAsync(factory, names[Caller.OtherUnitReporter], "reporter", otherUnit);
        await Staff.UserAsync(factory, names[Caller.Leader], "leader");
        var clients = new Dictionary<Caller, HttpClient> { [Caller.Anonymous] = factory.CreateClient(new() { AllowAutoRedirect = false }) };
        foreach (var (caller, name) in names)
        {
            clients[caller] = await Staff.TokenClientAsync(factory, name);
        }

        // An item of the reporter's unit, a round, a submitted report with an attachment.
        var coordinator = clients[Caller.Coordinator];
        const string item = "jinnan-2025-07-1";
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PatchAsJsonAsync($"/api/v1/workspace/items/{item}", new { leadUnit = unit })).StatusCode);
        var round = await Staff.JsonAsync(await Staff.PostJsonAsync(coordinator, "/api/v1/workspace/programs/jinnan-2025/rounds",
            new { title = "矩阵轮次", asOf = "2025-11-30", dueDate = "2025-12-05" }));
        var created = await Staff.PostJsonAsync(clients[Caller.Reporter], $"/api/v1/workspace/items/{item}/reports",
            new { roundId = (int)round["id"]!, status = "inProgress", values = new[] { new { indicator = "充电接口", value = 5200 } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var report = (int)(await Staff.JsonAsync(created))["id"]!;
        using var upload = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()), "file", "证明.pdf" } };
        var attachment = await Staff.JsonAsync(await clients[Caller.Reporter].PostAsync($"/api/v1/workspace/reports/{report}/attachments", upload));
        await clients[Caller.Reporter].PostAsync($"/api/v1/workspace/reports/{report}/submit", null);
        return new Actors(clients, new()
        {
            ["{item}"] = item,
            ["{report}"] = report.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{round}"] = ((int)round["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{attachment}"] = ((int)attachment["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    [Fact]
    public void Every_workspace_endpoint_has_a_rule()
    {
        _ = factory.Server;
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/workspace", StringComparison.Ordinal) || raw.StartsWith("/api/v1/workspace", StringComparison.Ordinal)))
            .Select(e => e.RoutePattern.RawText!)
            .Distinct()
            .ToList();
        var covered = ApiRules().Concat(PageRules()).Select(r => r.Route).ToHashSet();

        var uncovered = routes.Where(r => !covered.Contains(r)).ToList();
        Assert.True(uncovered.Count == 0, "Endpoints without a rule: " + string.Join(", ", uncovered));
    }

    [Fact]
    public async Task Every_caller_is_allowed_exactly_what_its_role_and_scope_allow()
    {
        var actors = await SetUpAsync();
        var wrong = new List<string>();
        foreach (var rule in ApiRules().Concat(PageRules()))
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                var path = actors.Values.Aggregate(rule.Path, (p, v) => p.Replace(v.Key, v.Value, StringComparison.Ordinal));
                using var request = new HttpRequestMessage(new HttpMethod(rule.Method), path);
                if (rule.Body is not null)
                {
                    request.Content = JsonContent.Create(rule.Body);
                }
                if (rule.Method == "PUT")
                {
                    request.Headers.IfMatch.ParseAdd("*");
                }
                var response = await actors.Clients[caller].SendAsync(request);
                var status = (int)response.StatusCode;
                var refused = status is 401 or 403 || (status == 302 && response.Headers.Location?.OriginalString.Contains("/workspace/sign-in", StringComparison.Ordinal) == true);
                var allowed = rule.Allowed.Contains(caller);
                if (status >= 500 || allowed == refused)
                {
                    wrong.Add($"{rule.Method} {path} as {caller}: {status} ({(allowed ? "should be allowed" : "should be refused")})");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
