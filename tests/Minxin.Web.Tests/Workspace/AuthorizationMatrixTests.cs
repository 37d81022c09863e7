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

    /// <summary>
    /// One request and who may make it. Paths may hold {item}, {report}, {round}, {attachment}, {unit}, {victim},
    /// {token}, {followup} (a 督办 to the reporter's unit, answered with a file), {followupfile} (that file) and {message} (a citizen's message routed to the reporter's unit). API rules go with each caller's token; page rules with its signed-in browser session, posting a form
    /// with that session's antiforgery token.
    /// </summary>
    public sealed record Rule(string Method, string Route, string Path, Caller[] Allowed, object? Body = null, Dictionary<string, string>? Form = null)
    {
        public bool IsPage => !Route.StartsWith("/api/", StringComparison.Ordinal);
    }

    private static readonly Caller[] Coordinators = [Caller.Coordinator, Caller.OtherRegionCoordinator];

    private static Dictionary<string, string> Form(params string[] pairs) =>
        Enumerable.Range(0, pairs.Length / 2).ToDictionary(i => pairs[2 * i], i => pairs[2 * i + 1]);

    private static readonly Caller[] FollowUpReaders = [Caller.Coordinator, Caller.Reporter, Caller.Leader];

    private static readonly Caller[] AnyFollowUpViewer = [.. Coordinators, Caller.Reporter, Caller.OtherUnitReporter, Caller.Leader];

    // Longer than a note may be: refused at the field, so the follow-up stays open for the rules after it.
    private static readonly string TooLongNote = new('长', 2001);

    private static Rule[] ApiRules() =>
    [
        new("GET", "/api/v1/workspace/me", "/api/v1/workspace/me", Everyone),
        new("GET", "/api/v1/workspace/tasks", "/api/v1/workspace/tasks", Everyone),
        new("GET", "/api/v1/workspace/notices", "/api/v1/workspace/notices", Everyone),
        new("GET", "/api/v1/workspace/programs", "/api/v1/workspace/programs", [Caller.Coordinator, Caller.OtherRegionCoordinator, Caller.Leader]),
        new("GET", "/api/v1/workspace/programs/{programId}/rounds", "/api/v1/workspace/programs/jinnan-2025/rounds", [Caller.Coordinator, Caller.Leader]),
        new("POST", "/api/v1/workspace/programs/{programId}/rounds", "/api/v1/workspace/programs/jinnan-2025/rounds", [Caller.Coordinator],
            new { title = "权限测试轮次", asOf = "2025-10-31", dueDate = "2025-11-05" }),
        // An empty request: the coordinator is told what is missing (400), nothing is published.
        new("POST", "/api/v1/workspace/programs/{programId}/editions", "/api/v1/workspace/programs/jinnan-2025/editions", [Caller.Coordinator],
            new { title = "" }),
        new("PUT", "/api/v1/workspace/programs/{programId}/light-rule", "/api/v1/workspace/programs/jinnan-2025/light-rule", [Caller.Coordinator],
            new { greenWithinPoints = 200 }),
        new("POST", "/api/v1/workspace/items/{itemId}/light-override", "/api/v1/workspace/items/{item}/light-override", [Caller.Coordinator],
            new { color = "purple" }),
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
        new("GET", "/api/v1/workspace/rounds/{roundId:int}/sheet", "/api/v1/workspace/rounds/{round}/sheet", [Caller.Reporter, Caller.OtherUnitReporter]),
        new("POST", "/api/v1/workspace/rounds/{roundId:int}/sheet", "/api/v1/workspace/rounds/{round}/sheet", [Caller.Reporter, Caller.OtherUnitReporter]),
        new("GET", "/api/v1/workspace/programs/{programId}/sheet", "/api/v1/workspace/programs/jinnan-2025/sheet", [Caller.Coordinator, Caller.Leader]),
        new("GET", "/api/v1/workspace/attachments/{attachmentId:int}", "/api/v1/workspace/attachments/{attachment}", [Caller.Coordinator, Caller.Reporter, Caller.Leader]),
        new("POST", "/api/v1/workspace/programs/{programId}/editions", "/api/v1/workspace/programs/jinnan-2025/editions", [Caller.Coordinator], new { title = "" }),
        new("GET", "/api/v1/workspace/followups", "/api/v1/workspace/followups", AnyFollowUpViewer),
        new("POST", "/api/v1/workspace/followups", "/api/v1/workspace/followups", [Caller.Coordinator], new { itemId = "jinnan-2025-07-1", requirement = "" }),
        new("GET", "/api/v1/workspace/followups/{id:int}", "/api/v1/workspace/followups/{followup}", FollowUpReaders),
        new("POST", "/api/v1/workspace/followups/{id:int}/answer", "/api/v1/workspace/followups/{followup}/answer", [Caller.Reporter], new { text = "" }),
        new("POST", "/api/v1/workspace/followups/{id:int}/attachments", "/api/v1/workspace/followups/{followup}/attachments", [Caller.Reporter]),
        new("GET", "/api/v1/workspace/followups/{id:int}/attachments/{attachmentId:int}", "/api/v1/workspace/followups/{followup}/attachments/{followupfile}", FollowUpReaders),
        new("POST", "/api/v1/workspace/followups/{id:int}/send-back", "/api/v1/workspace/followups/{followup}/send-back", [Caller.Coordinator], new { reason = "" }),
        new("POST", "/api/v1/workspace/followups/{id:int}/close", "/api/v1/workspace/followups/{followup}/close", [Caller.Coordinator], new { note = TooLongNote }),
        new("GET", "/api/v1/workspace/followups/{id:int}/letter.docx", "/api/v1/workspace/followups/{followup}/letter.docx", FollowUpReaders),
        new("GET", "/api/v1/workspace/followups/{id:int}/letter.pdf", "/api/v1/workspace/followups/{followup}/letter.pdf", FollowUpReaders),
        // Citizens' messages: {message} is routed to the reporter's unit; steps its state refuses answer 409, empty fields 400.
        new("GET", "/api/v1/workspace/messages", "/api/v1/workspace/messages?overdue=true", AnyFollowUpViewer),
        new("GET", "/api/v1/workspace/messages/{id:int}", "/api/v1/workspace/messages/{message}", FollowUpReaders),
        new("POST", "/api/v1/workspace/messages/{id:int}/take", "/api/v1/workspace/messages/{message}/take", MessageRepliers),
        new("POST", "/api/v1/workspace/messages/{id:int}/reply", "/api/v1/workspace/messages/{message}/reply", MessageRepliers, new { text = "" }),
        new("POST", "/api/v1/workspace/messages/{id:int}/publish", "/api/v1/workspace/messages/{message}/publish", [Caller.Coordinator]),
        new("POST", "/api/v1/workspace/messages/{id:int}/answer-privately", "/api/v1/workspace/messages/{message}/answer-privately", [Caller.Coordinator]),
        new("POST", "/api/v1/workspace/messages/{id:int}/hide", "/api/v1/workspace/messages/{message}/hide", [Caller.Coordinator], new { reason = "" }),
        new("POST", "/api/v1/workspace/messages/{id:int}/close", "/api/v1/workspace/messages/{message}/close", MessageRepliers),
        new("GET", "/api/v1/workspace/programs/{code}/rating-windows", "/api/v1/workspace/programs/jinnan-2025/rating-windows", [Caller.Coordinator, Caller.Leader]),
        new("POST", "/api/v1/workspace/programs/{code}/rating-windows", "/api/v1/workspace/programs/jinnan-2025/rating-windows", [Caller.Coordinator], new { title = "" }),
        new("POST", "/api/v1/workspace/programs/{code}/rating-windows/{id:int}/end", "/api/v1/workspace/programs/jinnan-2025/rating-windows/{ratingwindow}/end", [Caller.Coordinator]),
        new("POST", "/api/v1/workspace/programs/{code}/rating-windows/{id:int}/deputies", "/api/v1/workspace/programs/jinnan-2025/rating-windows/{ratingwindow}/deputies",
            [Caller.Coordinator], new { itemId = "jinnan-2025-07-1", source = "" }),
    ];

    private static readonly Caller[] MessageRepliers = [Caller.Coordinator, Caller.Reporter];

    private static Rule[] PageRules() =>
    [
        new("GET", "/workspace", "/workspace", Everyone),
        new("GET", "/workspace/sign-in", "/workspace/sign-in", [.. Everyone, Caller.Anonymous]),
        new("GET", "/workspace/sign-out", "/workspace/sign-out", [.. Everyone, Caller.Anonymous]),
        new("GET", "/workspace/tasks", "/workspace/tasks", [Caller.Reporter, Caller.OtherUnitReporter]),
        new("GET", "/workspace/items/{itemId}/report", "/workspace/items/{item}/report?round={round}", [Caller.Reporter]),
        new("POST", "/workspace/items/{itemId}/report", "/workspace/items/{item}/report?round={round}", [Caller.Reporter], Form: Form("status", "inProgress")),
        new("GET", "/workspace/reports/{id:int}", "/workspace/reports/{report}", [Caller.Coordinator, Caller.Reporter, Caller.Leader]),
        new("POST", "/workspace/reports/{id:int}", "/workspace/reports/{report}", [Caller.Reporter], Form: Form("status", "inProgress", "revision", "0")),
        new("GET", "/workspace/review", "/workspace/review", [.. Coordinators, Caller.Leader]),
        new("GET", "/workspace/review/{id:int}", "/workspace/review/{report}", [Caller.Coordinator, Caller.Leader]),
        new("POST", "/workspace/review/{id:int}", "/workspace/review/{report}?handler=return", [Caller.Coordinator], Form: Form("reason", "请补充照片")),
        new("POST", "/workspace/review/{id:int}", "/workspace/review/{report}?handler=approve", [Caller.Coordinator], Form: Form("note", "")),
        new("GET", "/workspace/rounds", "/workspace/rounds", [.. Coordinators, Caller.Leader]),
        new("POST", "/workspace/rounds", "/workspace/rounds", Coordinators, Form: Form("programId", "jinnan-2025", "title", "", "asOf", "", "dueDate", "")),
        new("GET", "/workspace/rounds/{id:int}", "/workspace/rounds/{round}", [Caller.Coordinator, Caller.Leader]),
        new("GET", "/workspace/programs", "/workspace/programs", [.. Coordinators, Caller.Leader]),
        new("POST", "/workspace/programs", "/workspace/programs", Coordinators, Form: Form("code", "", "title", "", "year", "")),
        new("GET", "/workspace/programs/{code}", "/workspace/programs/jinnan-2025", [Caller.Coordinator, Caller.Leader]),
        new("POST", "/workspace/programs/{code}", "/workspace/programs/jinnan-2025?handler=addCategory", [Caller.Coordinator], Form: Form("name", "")),
        new("GET", "/workspace/programs/{code}/items/{item}", "/workspace/programs/jinnan-2025/items/07-1", [Caller.Coordinator, Caller.Leader]),
        new("POST", "/workspace/programs/{code}/items/{item}", "/workspace/programs/jinnan-2025/items/07-1?handler=plan", [Caller.Coordinator],
            Form: Form("revision", "-1")),
        new("GET", "/workspace/overview", "/workspace/overview?program=jinnan-2025", [Caller.Coordinator, Caller.Leader]),
        new("GET", "/workspace/programs/{code}/editions", "/workspace/programs/jinnan-2025/editions", [Caller.Coordinator, Caller.Leader]),
        // Empty forms: the coordinator is told what is missing (400), nothing changes.
        new("POST", "/workspace/programs/{code}/editions", "/workspace/programs/jinnan-2025/editions", [Caller.Coordinator], Form: Form("title", "")),
        new("GET", "/workspace/programs/{code}/lights", "/workspace/programs/jinnan-2025/lights", [Caller.Coordinator, Caller.Leader]),
        new("POST", "/workspace/programs/{code}/lights", "/workspace/programs/jinnan-2025/lights?handler=rule", [Caller.Coordinator], Form: Form("reason", "")),
        new("POST", "/workspace/programs/{code}/lights", "/workspace/programs/jinnan-2025/lights?handler=override", [Caller.Coordinator],
            Form: Form("item", "07-1", "color", "purple", "reason", "")),
        new("GET", "/workspace/programs/{code}/publish", "/workspace/programs/jinnan-2025/publish", [Caller.Coordinator]),
        new("POST", "/workspace/programs/{code}/publish", "/workspace/programs/jinnan-2025/publish", [Caller.Coordinator]),
        new("GET", "/workspace/programs/upload", "/workspace/programs/upload", Coordinators),
        new("POST", "/workspace/programs/upload", "/workspace/programs/upload", Coordinators),
        new("GET", "/workspace/programs/import-text", "/workspace/programs/import-text", Coordinators),
        new("POST", "/workspace/programs/import-text", "/workspace/programs/import-text?handler=read", Coordinators, Form: Form("text", "")),
        new("GET", "/workspace/units", "/workspace/units", [Caller.Admin, .. Coordinators, Caller.Leader]),
        new("POST", "/workspace/units", "/workspace/units", [Caller.Admin], Form: Form("name", "")),
        new("GET", "/workspace/units/{id:int}", "/workspace/units/{unit}", [Caller.Admin]),
        new("POST", "/workspace/units/{id:int}", "/workspace/units/{unit}", [Caller.Admin], Form: Form("name", "")),
        new("GET", "/workspace/users", "/workspace/users", [Caller.Admin]),
        new("POST", "/workspace/users", "/workspace/users", [Caller.Admin], Form: Form("username", "")),
        new("GET", "/workspace/users/{name}", "/workspace/users/{victim}", [Caller.Admin]),
        new("POST", "/workspace/users/{name}", "/workspace/users/{victim}?handler=unlock", [Caller.Admin]),
        new("GET", "/workspace/tokens", "/workspace/tokens", Everyone),
        new("GET", "/workspace/notices", "/workspace/notices", Everyone),
        new("POST", "/workspace/notices", "/workspace/notices", Everyone),
        new("POST", "/workspace/tokens", "/workspace/tokens", Everyone, Form: Form("name", "")),
        new("GET", "/workspace/audit", "/workspace/audit", [Caller.Admin, .. Coordinators, Caller.Leader]),
        // The unit spreadsheet: any reporter of the region may fetch its own (its unit's items only); the round closes last.
        new("GET", "/workspace/rounds/{id:int}/sheet", "/workspace/rounds/{round}/sheet", [Caller.Reporter, Caller.OtherUnitReporter]),
        new("POST", "/workspace/rounds/{id:int}/sheet", "/workspace/rounds/{round}/sheet", [Caller.Reporter, Caller.OtherUnitReporter]),
        new("GET", "/workspace/programs/{code}/sheet", "/workspace/programs/jinnan-2025/sheet", [Caller.Coordinator, Caller.Leader]),
        new("POST", "/workspace/rounds/{id:int}", "/workspace/rounds/{round}?handler=close", [Caller.Coordinator]),
        new("GET", "/workspace/followups", "/workspace/followups?show=overdue", AnyFollowUpViewer),
        new("GET", "/workspace/followups/new", "/workspace/followups/new", Coordinators),
        new("GET", "/workspace/followups/new", "/workspace/followups/new?item={item}", [Caller.Coordinator]),
        new("POST", "/workspace/followups/new", "/workspace/followups/new?item={item}", [Caller.Coordinator], Form: Form("requirement", "", "deadline", "")),
        new("GET", "/workspace/followups/{id:int}", "/workspace/followups/{followup}", FollowUpReaders),
        new("POST", "/workspace/followups/{id:int}", "/workspace/followups/{followup}?handler=answer", [Caller.Reporter], Form: Form("text", "", "revision", "0")),
        new("POST", "/workspace/followups/{id:int}", "/workspace/followups/{followup}?handler=sendBack", [Caller.Coordinator], Form: Form("reason", "", "revision", "0")),
        new("POST", "/workspace/followups/{id:int}", "/workspace/followups/{followup}?handler=close", [Caller.Coordinator], Form: Form("note", TooLongNote)),
        new("GET", "/workspace/messages", "/workspace/messages?kind=problem&overdue=true", AnyFollowUpViewer),
        new("GET", "/workspace/messages/{id:int}", "/workspace/messages/{message}", FollowUpReaders),
        new("POST", "/workspace/messages/{id:int}", "/workspace/messages/{message}?handler=take", MessageRepliers, Form: Form("revision", "-1")),
        new("POST", "/workspace/messages/{id:int}", "/workspace/messages/{message}?handler=reply", MessageRepliers, Form: Form("text", "", "revision", "-1")),
        new("POST", "/workspace/messages/{id:int}", "/workspace/messages/{message}?handler=publish", [Caller.Coordinator], Form: Form("revision", "-1")),
        new("POST", "/workspace/messages/{id:int}", "/workspace/messages/{message}?handler=private", [Caller.Coordinator], Form: Form("revision", "-1")),
        new("POST", "/workspace/messages/{id:int}", "/workspace/messages/{message}?handler=hide", [Caller.Coordinator], Form: Form("reason", "", "revision", "-1")),
        new("POST", "/workspace/messages/{id:int}", "/workspace/messages/{message}?handler=close", MessageRepliers, Form: Form("revision", "-1")),
        new("GET", "/workspace/messages/export.{format}", "/workspace/messages/export.csv?kind=problem", AnyFollowUpViewer),
        new("GET", "/workspace/messages/export.{format}", "/workspace/messages/export.xlsx", AnyFollowUpViewer),
        new("GET", "/workspace/messages/import", "/workspace/messages/import", Coordinators),
        new("POST", "/workspace/messages/import", "/workspace/messages/import", Coordinators),
        new("GET", "/workspace/ratings", "/workspace/ratings", [.. Coordinators, Caller.Leader]),
        new("GET", "/workspace/programs/{code}/ratings", "/workspace/programs/jinnan-2025/ratings", [Caller.Coordinator, Caller.Leader]),
        new("POST", "/workspace/programs/{code}/ratings", "/workspace/programs/jinnan-2025/ratings?handler=open", [Caller.Coordinator], Form: Form("title", "")),
        new("POST", "/workspace/programs/{code}/ratings", "/workspace/programs/jinnan-2025/ratings?handler=end", [Caller.Coordinator], Form: Form("window", "0")),
        new("POST", "/workspace/programs/{code}/ratings", "/workspace/programs/jinnan-2025/ratings?handler=deputies", [Caller.Coordinator],
            Form: Form("window", "0", "itemId", "07-1", "source", "")),
    ];

    private sealed record Actors(Dictionary<Caller, HttpClient> Clients, Dictionary<Caller, StaffSession?> Sessions, Dictionary<Caller, string> FormTokens,
        Dictionary<string, string> Values);

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
        var victim = Staff.Unique("victim");
        await Staff.UserAsync(factory, victim, "leader");
        var clients = new Dictionary<Caller, HttpClient> { [Caller.Anonymous] = factory.CreateClient(new() { AllowAutoRedirect = false }) };
        var sessions = new Dictionary<Caller, StaffSession?> { [Caller.Anonymous] = null };
        var formTokens = new Dictionary<Caller, string>
        {
            [Caller.Anonymous] = StaffSession.Token(await StaffSession.ReadAsync(await clients[Caller.Anonymous].GetAsync("/workspace/sign-in"), "/workspace/sign-in")),
        };
        foreach (var (caller, name) in names)
        {
            clients[caller] = await Staff.TokenClientAsync(factory, name);
            var session = await StaffSession.SignInAsync(factory, name);
            sessions[caller] = session;
            formTokens[caller] = StaffSession.Token(await session.PageAsync("/workspace/tokens"));
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

        // A 督办 to the reporter's unit about the item, answered with a file (the app runs on the real clock).
        var deadline = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var issued = await Staff.PostJsonAsync(coordinator, "/api/v1/workspace/followups",
            new { itemId = item, requirement = "权限测试：请报送进度", deadline });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var followUp = (int)(await Staff.JsonAsync(issued))["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await Staff.PostJsonAsync(clients[Caller.Reporter], $"/api/v1/workspace/followups/{followUp}/answer", new { text = "已办理" })).StatusCode);
        using var answerFile = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()), "file", "办理情况.pdf" } };
        var followUpFile = await Staff.JsonAsync(await clients[Caller.Reporter].PostAsync($"/api/v1/workspace/followups/{followUp}/attachments", answerFile));
        // A citizen's message about the item, routed to the reporter's unit (its lead unit now).
        var message = await MessagesTestData.AddAsync(factory, item, "权限测试：小区充电桩什么时候装？", DateTimeOffset.UtcNow);
        // A rating window of the program (only 07-1, so that the matrix's invalid posts never open another).
        var ratingWindow = await Staff.JsonAsync(await Staff.PostJsonAsync(coordinator, "/api/v1/workspace/programs/jinnan-2025/rating-windows",
            new { title = "矩阵测评", opensOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), closesOn = deadline, items = new[] { item } }));
        await using var db = factory.OpenDatabase();
        var unitId = db.Units.Single(u => u.Name == unit).Id;
        return new Actors(clients, sessions, formTokens, new()
        {
            ["{unit}"] = unitId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{victim}"] = victim,
            ["{item}"] = item,
            ["{report}"] = report.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{round}"] = ((int)round["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{attachment}"] = ((int)attachment["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{followupfile}"] = ((int)followUpFile["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{followup}"] = followUp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{message}"] = message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{ratingwindow}"] = ((int)ratingWindow["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    [Fact]
    public void Every_workspace_endpoint_has_a_rule()
    {
        _ = factory.Server;
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/'))
            .Where(raw => raw.StartsWith("/workspace", StringComparison.Ordinal) || raw.StartsWith("/api/v1/workspace", StringComparison.Ordinal))
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
                var response = rule.IsPage ? await PageAsync(actors, caller, rule, path) : await ApiAsync(actors, caller, rule, path);
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

    private static async Task<HttpResponseMessage> ApiAsync(Actors actors, Caller caller, Rule rule, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(rule.Method), path);
        if (rule.Body is not null)
        {
            request.Content = JsonContent.Create(rule.Body);
        }
        if (rule.Method == "PUT")
        {
            request.Headers.IfMatch.ParseAdd("*");
        }
        return await actors.Clients[caller].SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PageAsync(Actors actors, Caller caller, Rule rule, string path)
    {
        var session = actors.Sessions[caller];
        if (rule.Method == "GET")
        {
            return session is null ? await actors.Clients[caller].GetAsync(path) : await session.GetAsync(path);
        }
        var fields = new Dictionary<string, string>(rule.Form ?? []) { ["__RequestVerificationToken"] = actors.FormTokens[caller] };
        using var form = new FormUrlEncodedContent(fields);
        return session is null ? await actors.Clients[caller].PostAsync(path, form) : await session.PostAsync(path, form);
    }
}
