using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Data.Staff;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;
using Minxin.Web.Workspace.Audit;

namespace Minxin.Web.Workspace.Tokens;

/// <summary>
/// /workspace/tokens: the signed-in person's own personal access tokens for the staff API. A new token is shown on
/// the one response that made it and never again (only its hash is kept); revoking one refuses it from then on.
/// </summary>
[StaffAuthorize(StaffAction.UseTokens)]
public sealed class IndexModel(MinxinDbContext db, CurrentStaff current, AuditTrail audit, TimeProvider clock) : PageModel
{
    public const string Form = "new";
    public const int DefaultDays = 90;

    [BindProperty(Name = "name")]
    public string? Name { get; set; }

    [BindProperty(Name = "days")]
    public string? Days { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public IReadOnlyList<AccessToken> Tokens { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>The token just made: on this page only.</summary>
    public string? NewToken { get; private set; }

    public AccessToken? NewEntity { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var actor = await current.RequiredActorAsync();
        var user = await db.Users.FirstAsync(u => u.Id == actor.UserId);
        try
        {
            var days = int.TryParse(Days, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : 0;
            (NewEntity, NewToken) = await AccessTokens.IssueAsync(db, user, Name ?? "", days, audit.Author(actor));
            Name = null;
            Days = null;
        }
        catch (InputException e)
        {
            ModelState.Add(e, Form);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        // No redirect: the token is in this response and nowhere else.
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id)
    {
        var actor = await current.RequiredActorAsync();
        // Only one's own tokens: another's is "not found", whoever asks.
        var token = await db.AccessTokens.Include(t => t.User).FirstOrDefaultAsync(t => t.Id == id && t.UserId == actor.UserId);
        if (token is null)
        {
            return NotFound();
        }
        try
        {
            await AccessTokens.RevokeAsync(db, token, audit.Author(actor));
            Notice = $"已撤销令牌“{token.Name}”（{token.Prefix}…）：用它的调用从现在起会被拒绝。";
        }
        catch (InputException e)
        {
            Notice = e.Message;
        }
        return Redirect("/workspace/tokens");
    }

    private async Task LoadAsync()
    {
        var actor = await current.RequiredActorAsync();
        Now = clock.GetUtcNow();
        Tokens = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == actor.UserId).OrderByDescending(t => t.Id).ToListAsync();
    }

    public string StateOf(AccessToken token) => token.RevokedAt is not null ? "已撤销" : token.ExpiresAt <= Now ? "已过期" : "有效";
}
