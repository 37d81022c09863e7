using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Minxin.Data;
using Minxin.Data.Staff;
using Minxin.Web.Platform;
using Minxin.Web.Workspace.Audit;

namespace Minxin.Web.Workspace.Accounts;

/// <summary>
/// POST /workspace/sign-in with the form fields username and password. Every failed or locked attempt is logged and
/// written to the audit log; the fifth failure in a row locks the account for 15 minutes. The message does not say
/// whether the user name exists. Each client address has 20 attempts a minute (Minxin:SignInAttemptsPerMinute).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.SignIn)]
public sealed class SignInModel(SignInManager<StaffUser> signIn, MinxinDbContext db, AuditTrail audit, ILogger<SignInModel> logger) : PageModel
{
    [BindProperty(Name = "username")]
    public string? Username { get; set; }

    [BindProperty(Name = "password")]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true, Name = "returnUrl")]
    public string? ReturnUrl { get; set; }

    public string? Failure { get; private set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true && ReturnUrl is null ? Redirect("/workspace") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var name = Username?.Trim() ?? "";
        if (name.Length == 0 || string.IsNullOrEmpty(Password))
        {
            Failure = "请输入用户名和密码。";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var user = name.Length <= 256 ? await signIn.UserManager.FindByNameAsync(name) : null;
        if (user is null || user.IsDisabled)
        {
            return await RefuseAsync(name, user, user is null ? "sign-in.failed" : "sign-in.disabled", user is null ? "用户名不存在" : "账号已停用");
        }
        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            audit.Record(user.ToActor(), "sign-in", $"user:{user.UserName}", "登录工作台", user.RegionId);
            await db.SaveChangesAsync();
            return Redirect(Local(ReturnUrl) ?? WorkspaceNavigation.Landing(user.Role));
        }
        if (result.IsLockedOut)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return await RefuseAsync(name, user, "sign-in.locked", "账号已锁定",
                $"密码连续输错 {StaffIdentity.MaxFailedSignIns} 次，账号已锁定 {StaffIdentity.LockoutTime.TotalMinutes:0} 分钟。请稍后再试，或请管理员重设密码。");
        }
        return await RefuseAsync(name, user, "sign-in.failed", $"密码错误（第 {user.AccessFailedCount} 次）");
    }

    private async Task<IActionResult> RefuseAsync(string name, StaffUser? user, string action, string why, string? message = null)
    {
        logger.LogWarning("Refused sign-in of {UserName} from {Address}: {Reason}", name, HttpContext.Connection.RemoteIpAddress, action);
        audit.Record(null, action, $"user:{Truncate(name)}", $"登录被拒绝：{why}", user?.RegionId, actorName: Truncate(name));
        await db.SaveChangesAsync();
        Failure = message ?? "用户名或密码不正确。";
        if (Response.StatusCode == StatusCodes.Status200OK)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    private static string Truncate(string name) => name.Length <= 64 ? name : name[..64];

    /// <summary>Only a workspace path of this site: never an open redirect.</summary>
    public static string? Local(string? target) =>
        target is { Length: > 1 and <= 1000 } t && t.StartsWith("/workspace", StringComparison.Ordinal) && !t.Contains("//", StringComparison.Ordinal)
            && !t.Contains('\\', StringComparison.Ordinal) && !t.Any(char.IsControl)
            ? t
            : null;
}
