using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace;

/// <summary>/workspace: each role's own starting page.</summary>
[Authorize(Policy = StaffPolicies.SignedIn)]
public sealed class HomeModel(CurrentStaff current) : PageModel
{
    public async Task<IActionResult> OnGetAsync() => Redirect(WorkspaceNavigation.Landing((await current.RequiredActorAsync()).Role));
}
