using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Data.Oversight;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Reminders;

/// <summary>/workspace/notices (提醒): the signed-in person's own notices, newest first; "mark all read".</summary>
[Authorize(Policy = StaffPolicies.SignedIn)]
public sealed class NoticesModel(MinxinDbContext db, CurrentStaff current, TimeProvider clock) : PageModel
{
    public const string Path = "/workspace/notices";

    public IReadOnlyList<Notice> Notices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = await current.RequiredActorAsync(cancellationToken);
        Notices = await NoticeQueries.ForUser(db, actor.UserId).Take(NoticeQueries.PageSize).ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var actor = await current.RequiredActorAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await db.Notices.Where(n => n.UserId == actor.UserId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        return Redirect(Path);
    }
}

/// <summary>A person's notices, as the page, the API and the layout's count read them: only ever their own.</summary>
public static class NoticeQueries
{
    public const int PageSize = 200;

    /// <summary>Newest first: ids grow with time (SQLite cannot order by a DateTimeOffset).</summary>
    public static IQueryable<Notice> ForUser(MinxinDbContext db, int userId) =>
        db.Notices.AsNoTracking().Where(n => n.UserId == userId).OrderByDescending(n => n.Id);

    public static Task<int> UnreadAsync(MinxinDbContext db, int userId, CancellationToken cancellationToken = default) =>
        db.Notices.CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);
}
