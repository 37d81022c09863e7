using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Ratings;

/// <summary>/workspace/ratings: the region's programs, each with its number of rating windows, leading to its ratings page.</summary>
[StaffAuthorize(StaffAction.ViewPrograms)]
public sealed class IndexModel(MinxinDbContext db, CurrentStaff current) : PageModel
{
    public sealed record Row(string Code, string Title, int Windows);

    public IReadOnlyList<Row> Programs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = await current.RequiredActorAsync(cancellationToken);
        Programs = await db.Programs.AsNoTracking().VisibleTo(actor).OrderByDescending(p => p.Year).ThenBy(p => p.Code)
            .Select(p => new Row(p.Code, p.Title, db.RatingWindows.Count(w => w.ProgramId == p.Id))).ToListAsync(cancellationToken);
    }
}
