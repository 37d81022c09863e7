using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Data.Staff;
using Minxin.Domain;
using Minxin.Domain.Programs;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;
using Minxin.Web.Workspace.Audit;

namespace Minxin.Web.Workspace.Users;

/// <summary>/workspace/users: the accounts of the admin's region and the form that makes a new one there (never elsewhere).</summary>
[StaffAuthorize(StaffAction.ManageUsers)]
public sealed class IndexModel(MinxinDbContext db, CurrentStaff current, UserManager<StaffUser> users, AuditTrail audit, TimeProvider clock) : PageModel
{
    public const string Form = "new";

    public sealed class NewAccountInput
    {
        public string? UserName { get; set; }

        public string? DisplayName { get; set; }

        public string? Role { get; set; }

        public string? Unit { get; set; }

        public string? Password { get; set; }
    }

    public sealed record Row(StaffUser User, AccountState State, DateTimeOffset? LastSignIn);

    [BindProperty]
    public NewAccountInput Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public string RegionName { get; private set; } = "";

    public IReadOnlyList<Row> Accounts { get; private set; } = [];

    public IReadOnlyList<ResponsibleUnit> Units { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var actor = await current.RequiredActorAsync();
        var region = await db.Regions.FirstAsync(r => r.Id == actor.RegionId);
        if (!EnumCodes.TryParse<StaffRole>(Input.Role, out var role))
        {
            ModelState.AddModelError(FormFields.Key(Form, "role"), "请选择角色。");
        }
        else
        {
            try
            {
                var user = await StaffAccounts.CreateAsync(users, db,
                    new NewAccount(Input.UserName ?? "", Input.DisplayName, role, region, Input.Unit, Input.Password ?? ""), audit.Author(actor));
                Notice = $"已新建账号 {user.UserName}（{role.ToChinese()}{(user.Unit is null ? "" : "，" + user.Unit.Name)}）。请把用户名和初始密码当面或通过安全渠道交给本人。";
                return Redirect("/workspace/users");
            }
            catch (InputException e)
            {
                ModelState.Add(e, Form);
            }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var actor = await current.RequiredActorAsync();
        RegionName = (await db.Regions.AsNoTracking().FirstAsync(r => r.Id == actor.RegionId)).Name;
        var accounts = await db.Users.AsNoTracking().Include(u => u.Unit).Where(u => u.RegionId == actor.RegionId).OrderBy(u => u.UserName).ToListAsync();
        var lastSignIns = await LastSignInsAsync(db, actor.RegionId);
        var now = clock.GetUtcNow();
        Accounts = accounts.Select(u => new Row(u, StaffAccounts.State(u, now), lastSignIns.GetValueOrDefault(u.Id))).ToList();
        Units = await db.Units.AsNoTracking().Where(u => u.RegionId == actor.RegionId).OrderBy(u => u.Name).ToListAsync();
    }

    /// <summary>When each account of the region last signed in, from the audit log (the latest "sign-in" entry of each).</summary>
    public static async Task<Dictionary<int, DateTimeOffset?>> LastSignInsAsync(MinxinDbContext db, int regionId, int? userId = null)
    {
        var signIns = db.AuditLog.Where(e => e.RegionId == regionId && e.Action == "sign-in" && e.ActorUserId != null);
        if (userId is not null)
        {
            signIns = signIns.Where(e => e.ActorUserId == userId);
        }
        // The highest id is the latest entry: ids only grow, and SQLite cannot take the maximum of a timestamp.
        var latest = await signIns.GroupBy(e => e.ActorUserId).Select(g => g.Max(e => e.Id)).ToListAsync();
        return await db.AuditLog.AsNoTracking().Where(e => latest.Contains(e.Id)).ToDictionaryAsync(e => e.ActorUserId!.Value, e => (DateTimeOffset?)e.At);
    }
}
