using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Minxin.Data.Staff;

namespace Minxin.Web.Tests.Workspace;

/// <summary>Staff sign-in: where each role lands, the cookie it gets, lockout after five failures, every refusal logged.</summary>
public sealed partial class SignInTests(SqliteWebFactory factory) : IClassFixture<SqliteWebFactory>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string username, string password, string? returnUrl = null)
    {
        var form = await client.GetStringAsync("/workspace/sign-in");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        var fields = new Dictionary<string, string> { ["username"] = username, ["password"] = password, ["__RequestVerificationToken"] = token };
        if (returnUrl is not null)
        {
            fields["returnUrl"] = returnUrl;
        }
        return await client.PostAsync("/workspace/sign-in", new FormUrlEncodedContent(fields));
    }

    private HttpClient Client() => factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [InlineData("reporter", "/workspace/tasks")]
    [InlineData("coordinator", "/workspace/rounds")]
    [InlineData("leader", "/workspace/overview")]
    [InlineData("admin", "/workspace/users")]
    public async Task Each_role_lands_on_its_own_page_with_an_httponly_strict_cookie(string role, string landing)
    {
        var unit = role == "reporter" ? Staff.Unique("单位") : null;
        if (unit is not null)
        {
            await Staff.UnitAsync(factory, Staff.Unique("u"), unit);
        }
        var name = Staff.Unique(role);
        await Staff.UserAsync(factory, name, role, unit);
        using var client = Client();

        var response = await SignInAsync(client, name, Staff.Password(name));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(landing, response.Headers.Location!.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("minxin-staff=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes_even_against_the_right_one()
    {
        var name = Staff.Unique("liming");
        await Staff.UserAsync(factory, name, "coordinator");
        using var client = Client();

        var failures = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            failures.Add(await SignInAsync(client, name, "Wrong-Password-Again-" + i));
        }
        var locked = await SignInAsync(client, name, Staff.Password(name));

        Assert.All(failures.Take(4), r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Contains("账号已锁定", await failures[4].Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.Contains("账号已锁定 15 分钟", await locked.Content.ReadAsStringAsync());
        await using var db = factory.OpenDatabase();
        var user = await db.Users.SingleAsync(u => u.UserName == name);
        Assert.InRange(user.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));
        var logged = await db.AuditLog.Where(e => e.Subject == "user:" + name).Select(e => e.Action).ToListAsync();
        Assert.Equal(4, logged.Count(a => a == "sign-in.failed"));
        Assert.Equal(2, logged.Count(a => a == "sign-in.locked"));
    }

    [Fact]
    public async Task An_unknown_user_gets_the_same_answer_as_a_wrong_password_and_is_logged()
    {
        var name = Staff.Unique("liming");
        await Staff.UserAsync(factory, name, "coordinator");
        using var client = Client();

        var unknown = await SignInAsync(client, "nobody-" + name, "Whatever-Password-2025");
        var wrong = await SignInAsync(client, name, "Whatever-Password-2025");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("用户名或密码不正确", await unknown.Content.ReadAsStringAsync());
        Assert.Contains("用户名或密码不正确", await wrong.Content.ReadAsStringAsync());
        await using var db = factory.OpenDatabase();
        Assert.True(await db.AuditLog.AnyAsync(e => e.Action == "sign-in.failed" && e.Subject == "user:nobody-" + name));
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_its_session_ends()
    {
        var name = Staff.Unique("liming");
        await Staff.UserAsync(factory, name, "coordinator");
        using var client = Client();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, name, Staff.Password(name))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/workspace/me")).StatusCode);

        await Staff.CliAsync(factory, null, "users", "disable", name);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/workspace/me")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SignInAsync(client, name, Staff.Password(name))).StatusCode);
    }

    [Fact]
    public async Task Signing_in_goes_back_only_to_a_workspace_page_of_this_site()
    {
        var name = Staff.Unique("liming");
        await Staff.UserAsync(factory, name, "coordinator");
        using var client = Client();

        var elsewhere = await SignInAsync(client, name, Staff.Password(name), "//evil.example/workspace");

        Assert.Equal("/workspace/rounds", elsewhere.Headers.Location!.OriginalString);
        using var again = Client();
        var back = await SignInAsync(again, name, Staff.Password(name), "/workspace/review");
        Assert.Equal("/workspace/review", back.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_staff_page_without_a_session_sends_the_browser_to_sign_in()
    {
        using var client = Client();

        var response = await client.GetAsync("/workspace");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/workspace/sign-in?returnUrl=%2Fworkspace", response.Headers.Location!.OriginalString);
    }
}
