using System.Net;
using System.Net.Http.Headers;

namespace Minxin.Web.Tests.Workspace;

/// <summary>
/// The admin's pages, worked as a person works them (real cookie sign-in, forms as rendered): accounts and units of
/// the admin's own region, the audit log, and everyone's own access tokens.
/// </summary>
public abstract class AdminPagesTests(MinxinWebFactory factory) : IAsyncLifetime
{
    private string _admin = "";

    public async Task InitializeAsync()
    {
        using (var warm = factory.CreateClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await warm.GetAsync("/api/v1/programs")).StatusCode);
        }
        _admin = Staff.Unique("admin");
        await Staff.UserAsync(factory, _admin, "admin");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_admin_makes_a_unit_a_coordinator_and_a_reporter_and_both_can_then_sign_in()
    {
        using var admin = await StaffBrowser.SignInAsync(factory, _admin);
        Assert.EndsWith("/workspace/users", admin.Page.Url, StringComparison.Ordinal);
        var (unitCode, unitName) = (Staff.Unique("swj"), Staff.Unique("区商务局"));
        var (coordinator, reporter) = (Staff.Unique("zhoujing"), Staff.Unique("sunli"));

        await admin.OpenAsync("/workspace/units");
        await admin.SubmitAsync("#f-new", new() { ["Input.Name"] = unitName, ["Input.Code"] = unitCode });
        Assert.Contains($"已新建单位 {unitName}（代码 {unitCode}）", admin.Text(".ws-notice"));
        Assert.Contains(admin.Page.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains(unitName, StringComparison.Ordinal));

        await admin.OpenAsync("/workspace/users");
        await admin.SubmitAsync("#f-new", new()
        {
            ["Input.UserName"] = coordinator, ["Input.DisplayName"] = "周静", ["Input.Role"] = "coordinator", ["Input.Password"] = Staff.Password(coordinator),
        });
        Assert.Contains($"已新建账号 {coordinator}（民心办）", admin.Text(".ws-notice"));
        await admin.SubmitAsync("#f-new", new()
        {
            ["Input.UserName"] = reporter, ["Input.DisplayName"] = "孙丽", ["Input.Role"] = "reporter", ["Input.Unit"] = unitCode, ["Input.Password"] = Staff.Password(reporter),
        });
        Assert.Contains($"已新建账号 {reporter}（责任单位填报员，{unitName}）", admin.Text(".ws-notice"));
        var row = admin.Page.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == reporter);
        Assert.Equal(["孙丽", "责任单位填报员", unitName, "正常", "从未登录"], row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()));

        using var signedIn = await StaffBrowser.SignInAsync(factory, reporter);
        Assert.EndsWith("/workspace/tasks", signedIn.Page.Url, StringComparison.Ordinal);
        await signedIn.OpenAsync("/workspace/tokens");
        Assert.Contains($"孙丽（责任单位填报员，{unitName}，津南区）", signedIn.Text(".ws-user"));
        using var office = await StaffBrowser.SignInAsync(factory, coordinator);
        Assert.EndsWith("/workspace/rounds", office.Page.Url, StringComparison.Ordinal);
        await office.OpenAsync("/workspace/tokens");
        Assert.Contains("周静（民心办，津南区）", office.Text(".ws-user"));

        await admin.OpenAsync("/workspace/users");
        var signedInRow = admin.Page.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == reporter);
        Assert.DoesNotContain("从未登录", signedInRow.TextContent);
        await admin.OpenAsync("/workspace/units");
        var unitRow = admin.Page.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(unitName, StringComparison.Ordinal));
        Assert.Equal(["0", "0"], unitRow.QuerySelectorAll("td.num").Select(c => c.TextContent.Trim()));

        await signedIn.SubmitAsync("form[action='/workspace/sign-out']", []);
        Assert.Contains("/workspace/sign-in", signedIn.Page.Url, StringComparison.Ordinal);
        await signedIn.OpenAsync("/workspace/tokens");
        Assert.Contains("/workspace/sign-in", signedIn.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_is_renamed_and_given_a_parent_but_never_one_below_it_and_readers_see_the_new_name_at_once()
    {
        var (code, name, parentCode) = (Staff.Unique("cgw"), Staff.Unique("区城管委"), Staff.Unique("zf"));
        await Staff.UnitAsync(factory, code, name);
        await Staff.UnitAsync(factory, parentCode, Staff.Unique("区政府"));
        var coordinator = Staff.Unique("coord");
        await Staff.UserAsync(factory, coordinator, "coordinator");
        using var api = await Staff.TokenClientAsync(factory, coordinator);
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync("/api/v1/workspace/items/jinnan-2025-07-2",
            new StringContent($$"""{"leadUnit":"{{code}}"}""", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Contains(name, (await factory.GetDocumentAsync("/items/jinnan-2025-07-2")).DocumentElement.TextContent);
        using var admin = await StaffBrowser.SignInAsync(factory, _admin);

        await admin.OpenAsync("/workspace/units");
        var row = admin.Page.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(name, StringComparison.Ordinal));
        Assert.Equal(["1", "0"], row.QuerySelectorAll("td.num").Select(c => c.TextContent.Trim()));
        await admin.OpenAsync(row.QuerySelector("a")!.GetAttribute("href")!);
        await admin.SubmitAsync("#f-unit", new() { ["Input.Name"] = name + "（城市管理委员会）", ["Input.Parent"] = parentCode });
        Assert.Contains($"已保存单位 {name}（城市管理委员会）", admin.Text(".ws-notice"));
        Assert.Contains(name + "（城市管理委员会）", (await factory.GetDocumentAsync("/items/jinnan-2025-07-2")).DocumentElement.TextContent);

        // The parent may not become its own child's child.
        await admin.OpenAsync("/workspace/units");
        var parentRow = admin.Page.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("td")!.TextContent.Trim() == parentCode);
        await admin.OpenAsync(parentRow.QuerySelector("a")!.GetAttribute("href")!);
        await admin.SubmitAsync("#f-unit", new() { ["Input.Parent"] = code });
        Assert.Equal(HttpStatusCode.BadRequest, admin.Status);
        Assert.Contains("不能作它的上级", admin.FieldError("f-unit-parent"));
        Assert.Empty(admin.Page.QuerySelectorAll("main button.danger, main form[action*='delete']"));

        var log = await admin.OpenAsync($"/workspace/audit?action=unit.updated&actor={_admin}");
        var changes = log.QuerySelector("ol.ws-log > li")!.QuerySelectorAll("tbody tr").Select(r => r.QuerySelector("th")!.TextContent).ToList();
        Assert.Equal(["名称", "上级单位"], changes);
    }

    [Fact]
    public async Task A_weak_password_or_a_reporter_without_a_unit_is_refused_with_the_message_at_the_field()
    {
        using var admin = await StaffBrowser.SignInAsync(factory, _admin);
        var name = Staff.Unique("weak");

        await admin.SubmitAsync("#f-new", new() { ["Input.UserName"] = name, ["Input.Role"] = "coordinator", ["Input.Password"] = "password1234" });

        Assert.Equal(HttpStatusCode.BadRequest, admin.Status);
        Assert.Contains("这个密码太常见或太容易猜到", admin.FieldError("f-new-password"));
        Assert.Equal("true", admin.Page.GetElementById("f-new-password")!.GetAttribute("aria-invalid"));
        Assert.Equal("#f-new-password", admin.Page.QuerySelector(".ws-error-summary a")!.GetAttribute("href"));
        Assert.Equal(name, admin.Page.GetElementById("f-new-username")!.GetAttribute("value"));

        await admin.SubmitAsync("#f-new", new() { ["Input.UserName"] = name, ["Input.Role"] = "coordinator", ["Input.Password"] = "short" });
        Assert.Contains("密码至少要 12 个字符", admin.FieldError("f-new-password"));

        await admin.SubmitAsync("#f-new", new() { ["Input.UserName"] = name, ["Input.Role"] = "reporter", ["Input.Password"] = Staff.Password(name) });
        Assert.Contains("填报员须属于一个单位", admin.FieldError("f-new-unit"));

        await admin.OpenAsync("/workspace/users");
        Assert.DoesNotContain(admin.Page.QuerySelectorAll("tbody th"), c => c.TextContent.Trim() == name);
        using var anonymous = StaffBrowser.Anonymous(factory);
        await anonymous.OpenAsync("/workspace/sign-in");
        await anonymous.SubmitAsync("form", new() { ["username"] = name, ["password"] = Staff.Password(name) });
        Assert.Contains("用户名或密码不正确", anonymous.Text(".ws-error-summary"));
    }

    [Fact]
    public async Task An_admin_of_another_region_neither_sees_nor_changes_this_regions_accounts()
    {
        var region = Staff.Unique("r");
        await Staff.CliAsync(factory, null, "regions", "add", region, Staff.Unique("西青区"));
        var otherAdmin = Staff.Unique("xqadmin");
        await Staff.UserAsync(factory, otherAdmin, "admin", region: region);
        var local = Staff.Unique("local");
        await Staff.UserAsync(factory, local, "coordinator");

        using var other = await StaffBrowser.SignInAsync(factory, otherAdmin);
        await other.OpenAsync("/workspace/users");
        Assert.DoesNotContain(local, other.Text("tbody"));
        Assert.DoesNotContain(_admin, other.Text("tbody"));
        // Its own account page is reachable; this region's is not, and a forged form changes nothing.
        await other.OpenAsync($"/workspace/users/{otherAdmin}");
        var disable = other.Page.QuerySelector("form[action*='disable']");
        Assert.Null(disable); // one's own account cannot be disabled
        await other.OpenAsync($"/workspace/users/{local}", HttpStatusCode.Forbidden);
        await other.OpenAsync("/workspace/users");
        await other.SubmitAsync("#f-new", new() { ["Input.UserName"] = local + "x", ["Input.Role"] = "coordinator", ["Input.Password"] = Staff.Password(local) });

        using var admin = await StaffBrowser.SignInAsync(factory, _admin);
        await admin.OpenAsync("/workspace/users");
        Assert.DoesNotContain(local + "x", admin.Text("tbody"));
        Assert.Contains(local, admin.Text("tbody"));
        var page = await admin.OpenAsync($"/workspace/users/{local}");
        Assert.Equal("正常", page.QuerySelectorAll("dl.ws-facts dd")[4].TextContent.Trim());
    }

    [Fact]
    public async Task An_admin_disables_enables_and_gives_a_new_password_shown_once()
    {
        var name = Staff.Unique("zhangwei");
        await Staff.UserAsync(factory, name, "leader");
        using var admin = await StaffBrowser.SignInAsync(factory, _admin);

        await admin.OpenAsync($"/workspace/users/{name}");
        await admin.SubmitAsync("form[action*='disable']", []);
        Assert.Contains($"已停用账号 {name}", admin.Text(".ws-notice"));
        Assert.Equal("已停用", admin.Page.QuerySelectorAll("dl.ws-facts dd")[4].TextContent.Trim());
        using (var anonymous = StaffBrowser.Anonymous(factory))
        {
            await anonymous.OpenAsync("/workspace/sign-in");
            await anonymous.SubmitAsync("form", new() { ["username"] = name, ["password"] = Staff.Password(name) });
            Assert.Contains("用户名或密码不正确", anonymous.Text(".ws-error-summary"));
        }
        await admin.SubmitAsync("form[action*='enable']", []);
        Assert.Equal("正常", admin.Page.QuerySelectorAll("dl.ws-facts dd")[4].TextContent.Trim());

        await admin.SubmitAsync("#f-reset", new() { ["generate"] = "true" });
        var password = admin.Text("#new-password code");
        Assert.Equal(20, password.Length);
        Assert.Contains("只显示这一次", admin.Text("#new-password"));
        await admin.OpenAsync($"/workspace/users/{name}");
        Assert.DoesNotContain(password, admin.Page.DocumentElement.OuterHtml);
        using var leader = await StaffBrowser.SignInAsync(factory, name, password);
        Assert.EndsWith("/workspace/overview", leader.Page.Url, StringComparison.Ordinal);

        await admin.SubmitAsync("#f-reset", new() { ["generate"] = "false", ["password"] = "qwertyuiopas" });
        Assert.Contains("太常见或太容易猜到", admin.FieldError("f-reset-password"));
    }

    [Fact]
    public async Task A_locked_account_shows_as_locked_and_signs_in_again_once_the_admin_unlocks_it()
    {
        var name = Staff.Unique("locked");
        await Staff.UserAsync(factory, name, "leader");
        using (var guesser = StaffBrowser.Anonymous(factory))
        {
            for (var attempt = 0; attempt < 5; attempt++)
            {
                await guesser.OpenAsync("/workspace/sign-in");
                await guesser.SubmitAsync("form", new() { ["username"] = name, ["password"] = "not-the-password-" + attempt });
            }
            Assert.Contains("账号已锁定", guesser.Text(".ws-error-summary"));
        }
        using var admin = await StaffBrowser.SignInAsync(factory, _admin);
        await admin.OpenAsync("/workspace/users");
        Assert.Contains("已锁定", admin.Page.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == name).TextContent);

        await admin.OpenAsync($"/workspace/users/{name}");
        await admin.SubmitAsync("form[action*='unlock']", []);

        Assert.Contains($"已解除账号 {name} 的锁定", admin.Text(".ws-notice"));
        Assert.Equal("正常", admin.Page.QuerySelectorAll("dl.ws-facts dd")[4].TextContent.Trim());
        using var leader = await StaffBrowser.SignInAsync(factory, name);
        var log = await admin.OpenAsync($"/workspace/audit?action=user.unlocked&actor={_admin}");
        var state = log.QuerySelector("ol.ws-log > li")!.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "状态");
        Assert.Equal(["已锁定", "正常"], state.QuerySelectorAll("td").Select(c => c.TextContent));
    }

    [Fact]
    public async Task A_token_is_shown_once_works_on_the_API_and_stops_working_once_revoked()
    {
        var name = Staff.Unique("liuyang");
        await Staff.UserAsync(factory, name, "coordinator");
        using var browser = await StaffBrowser.SignInAsync(factory, name);

        await browser.OpenAsync("/workspace/tokens");
        await browser.SubmitAsync("#f-new", new() { ["name"] = "单位台账系统", ["days"] = "30" });
        var token = browser.Page.GetElementById("token-value")!.GetAttribute("value")!;
        Assert.StartsWith("mxt_", token, StringComparison.Ordinal);
        Assert.Contains("新令牌只显示这一次", browser.Text("#new-token"));
        var row = Assert.Single(browser.Page.QuerySelectorAll("tbody tr"));
        Assert.Equal("单位台账系统", row.QuerySelector("th")!.TextContent.Trim());
        Assert.Contains("有效", row.TextContent);
        Assert.Contains("从未使用", row.TextContent);

        using var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = await Staff.JsonAsync(await api.GetAsync("/api/v1/workspace/me"));
        Assert.Equal(name, (string?)me["username"]);

        var list = await browser.OpenAsync("/workspace/tokens");
        Assert.DoesNotContain(token, list.DocumentElement.OuterHtml);
        Assert.Null(list.GetElementById("token-value"));
        Assert.DoesNotContain("从未使用", list.QuerySelector("tbody tr")!.TextContent);

        await browser.SubmitAsync("tbody form", []);
        Assert.Contains("已撤销令牌“单位台账系统”", browser.Text(".ws-notice"));
        Assert.Contains("已撤销", browser.Text("tbody tr"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/workspace/me")).StatusCode);
    }

    [Fact]
    public async Task A_token_of_someone_else_cannot_be_revoked_from_the_tokens_page()
    {
        var (owner, other) = (Staff.Unique("owner"), Staff.Unique("other"));
        await Staff.UserAsync(factory, owner, "reporter", unit: await UnitAsync());
        await Staff.UserAsync(factory, other, "coordinator");
        using var ownerBrowser = await StaffBrowser.SignInAsync(factory, owner);
        await ownerBrowser.OpenAsync("/workspace/tokens");
        await ownerBrowser.SubmitAsync("#f-new", new() { ["name"] = "填报接口", ["days"] = "7" });
        var revokeAction = ownerBrowser.Page.QuerySelector("tbody form")!.GetAttribute("action")!;

        using var otherBrowser = await StaffBrowser.SignInAsync(factory, other);
        var page = await otherBrowser.OpenAsync("/workspace/tokens");
        Assert.Empty(page.QuerySelectorAll("tbody tr"));
        otherBrowser.Page.QuerySelector("#f-new")!.SetAttribute("action", revokeAction);
        await otherBrowser.SubmitAsync("#f-new", []);
        Assert.Equal(HttpStatusCode.NotFound, otherBrowser.Status);

        await ownerBrowser.OpenAsync("/workspace/tokens");
        Assert.Contains("有效", ownerBrowser.Text("tbody tr"));
    }

    [Fact]
    public async Task The_audit_log_lists_each_change_with_its_fields_and_another_regions_coordinator_sees_none_of_it()
    {
        var name = Staff.Unique("chenmin");
        using var admin = await StaffBrowser.SignInAsync(factory, _admin);
        await admin.SubmitAsync("#f-new", new()
        {
            ["Input.UserName"] = name, ["Input.DisplayName"] = "陈敏", ["Input.Role"] = "leader", ["Input.Password"] = Staff.Password(name),
        });
        await admin.OpenAsync($"/workspace/users/{name}");
        await admin.SubmitAsync("form[action*='disable']", []);

        var log = await admin.OpenAsync($"/workspace/audit?action=user.&actor={_admin}");
        var entries = log.QuerySelectorAll("ol.ws-log > li");
        Assert.True(entries.Length >= 2);
        Assert.Contains($"停用账号 {name}", entries[0].TextContent);
        Assert.Contains($"新建账号 {name}（领导，津南区）", entries[1].TextContent);
        Assert.Contains(_admin, entries[0].QuerySelector(".ws-muted")!.TextContent);
        Assert.Matches(@"\d{4}-\d\d-\d\d \d\d:\d\d", entries[0].QuerySelector("time")!.TextContent);
        var change = entries[0].QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "状态");
        Assert.Equal(["正常", "已停用"], change.QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        Assert.Empty(log.QuerySelectorAll("ol.ws-log form, ol.ws-log button"));
        Assert.Empty((await admin.OpenAsync("/workspace/audit?action=user.&from=2000-01-01&to=2000-01-31")).QuerySelectorAll("ol.ws-log > li"));

        var region = Staff.Unique("r");
        await Staff.CliAsync(factory, null, "regions", "add", region, Staff.Unique("东丽区"));
        var outsider = Staff.Unique("dlcoord");
        await Staff.UserAsync(factory, outsider, "coordinator", region: region);
        using var other = await StaffBrowser.SignInAsync(factory, outsider);
        var theirs = await other.OpenAsync("/workspace/audit?action=user.");
        Assert.DoesNotContain(name, theirs.QuerySelector("ol.ws-log")!.TextContent);
        Assert.DoesNotContain(theirs.QuerySelectorAll("ol.ws-log > li"), e => e.TextContent.Contains(_admin, StringComparison.Ordinal));
        using var reporter = await StaffBrowser.SignInAsync(factory, await ReporterAsync());
        await reporter.OpenAsync("/workspace/audit", HttpStatusCode.Forbidden);
    }

    private async Task<string> UnitAsync()
    {
        var code = Staff.Unique("unit");
        await Staff.UnitAsync(factory, code, Staff.Unique("区民政局"));
        return code;
    }

    private async Task<string> ReporterAsync()
    {
        var name = Staff.Unique("reporter");
        await Staff.UserAsync(factory, name, "reporter", unit: await UnitAsync());
        return name;
    }
}

public sealed class SqliteAdminPagesTests(SqliteWebFactory factory) : AdminPagesTests(factory), IClassFixture<SqliteWebFactory>;

public sealed class PostgresAdminPagesTests(PostgresWebFactory factory) : AdminPagesTests(factory), IClassFixture<PostgresWebFactory>;
