using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Progress;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Review;

/// <summary>/workspace/review: the region's submitted reports, oldest first, each against the last approved report of its item.</summary>
[StaffAuthorize(StaffAction.ViewRounds)]
public sealed class ReviewQueueModel(MinxinDbContext db, CurrentStaff current) : PageModel
{
    public IReadOnlyList<ReportComparison> Queue { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = await current.RequiredActorAsync(cancellationToken);
        var items = await db.ItemsWithReports().AsNoTrackingWithIdentityResolution().VisibleTo(actor)
            .Where(i => i.Reports.Any(r => r.Review == ReviewState.Submitted)).ToListAsync(cancellationToken);
        Queue = items.SelectMany(i => i.Reports.Where(r => r.Review == ReviewState.Submitted).Select(r => ReportComparison.Of(r, i.Reports)))
            .OrderBy(c => c.Report.SubmittedAt).ThenBy(c => c.Report.Id).ToList();
    }
}
