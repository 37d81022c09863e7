using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Data.Staff;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;
using Minxin.Web.Workspace.Audit;

namespace Minxin.Web.Workspace.Users;

/// <summary>
/// /workspace/users/{name}: one account of the admin's region: disable or enable it, unlock it, give it a new
/// password (typed by the admin, or made up and shown on this one response only).
/// </summary>
[StaffAuthorize(StaffAction.ManageUsers)]
public sealed class AccountModel(MinxinDbContext db, CurrentStaff current, StaffAccess access, UserManager<StaffUser> users, AuditTrail audit, TimeProvider clock)
    : PageModel
{
    public const string ResetForm = "reset";

    [BindProperty(SupportsGet = true)]
    public string Name { get; set; } = "";

    [BindProperty(Name = "generate")]
    public bool Generate { get; set; }

    [BindProperty(Name = "password")]
    public string? Password { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public StaffUser Account { get; private set; } = null!;

    public AccountState State { get; private set; }

    public DateTimeOffset? LastSignIn { get; private set; }

    /// <summary>A password made up for this reset: shown on this response and never again.</summary>
    public string? NewPassword { get; private set; }

    public bool IsSelf { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public Task<IActionResult> OnPostDisableAsync() => ChangeAsync(async (actor, user) =>
    {
        if (user.Id == actor.UserId)
        {
            throw new InputException("", "不能停用自己的账号：请另一位管理员操作。");
        }
        await StaffAccounts.SetDisabledAsync(users, db, user, disabled: true, audit.Author(actor));
        return $"已停用账号 {user.UserName}：它不能再登录或使用令牌，已登录的会话将在一分钟内失效。";
    });

    public Task<IActionResult> OnPostEnableAsync() => ChangeAsync(async (actor, user) =>
    {
        await StaffAccounts.SetDisabledAsync(users, db, user, disabled: false, audit.Author(actor));
        return $"已启用账号 {user.UserName}。";
    });

    public Task<IActionResult> OnPostUnlockAsync() => ChangeAsync(async (actor, user) =>
    {
        await StaffAccounts.UnlockAsync(users, db, user, audit.Author(actor));
        return $"已解除账号 {user.UserName} 的锁定。";
    });

    public async Task<IActionResult> OnPostResetAsync()
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }
        var actor = await current.RequiredActorAsync();
        if (!Generate && string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(FormFields.Key(ResetForm, "password"), "请输入新密码，或选择“随机生成”。");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        try
        {
            var password = await StaffAccounts.ResetPasswordAsync(users, db, Account, Generate ? null : Password, audit.Author(actor));
            NewPassword = Generate ? password : null;
        }
        catch (InputException e)
        {
            ModelState.Add(e, ResetForm);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (NewPassword is null)
        {
            Notice = $"已重设 {Account.UserName} 的密码并解除锁定；其他已登录的会话将在一分钟内失效。";
            return Redirect($"/workspace/users/{Account.UserName}");
        }
        // The made-up password is on this page only: no redirect, no cookie, nothing stored.
        await LoadAsync();
        return Page();
    }

    private async Task<IActionResult> ChangeAsync(Func<StaffActor, StaffUser, Task<string>> change)
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }
        try
        {
            Notice = await change(await current.RequiredActorAsync(), Account);
        }
        catch (InputException e)
        {
            ModelState.Add(e);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return Redirect($"/workspace/users/{Account.UserName}");
    }

    /// <summary>The account, tracked for a change; a refusal when there is none or it is another region's.</summary>
    private async Task<IActionResult?> LoadAsync()
    {
        var normalized = users.NormalizeName(Name);
        var user = await db.Users.Include(u => u.Unit).Include(u => u.Region).FirstOrDefaultAsync(u => u.NormalizedUserName == normalized);
        if (user is null)
        {
            return NotFound();
        }
        if (!await access.MayAsync(StaffAction.ManageUsers, user))
        {
            return Forbid();
        }
        Account = user;
        State = StaffAccounts.State(user, clock.GetUtcNow());
        LastSignIn = (await IndexModel.LastSignInsAsync(db, user.RegionId, user.Id)).GetValueOrDefault(user.Id);
        IsSelf = user.Id == (await current.RequiredActorAsync()).UserId;
        return null;
    }
}
