using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Minxin.Data;
using Minxin.Data.Staff;
using Minxin.Web.Workspace.Access;
using Minxin.Web.Workspace.Audit;

namespace Minxin.Web.Workspace.Accounts;

/// <summary>POST /workspace/sign-out (a form with its antiforgery token; a link could be forged by another site).</summary>
[AllowAnonymous]
public sealed class SignOutModel(SignInManager<StaffUser> signIn, CurrentStaff current, AuditTrail audit, MinxinDbContext db) : PageModel
{
    public IActionResult OnGet() => Redirect("/workspace");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await current.ActorAsync() is { } actor)
        {
            audit.Record(actor, "sign-out", $"user:{actor.UserName}", "退出工作台", actor.RegionId);
            await db.SaveChangesAsync();
        }
        await signIn.SignOutAsync();
        return Redirect(StaffAuthentication.SignInPath);
    }
}
