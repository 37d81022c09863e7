using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Minxin.Data;
using Minxin.Domain.Progress;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Review;

/// <summary>
/// /workspace/review/{id}: one report against the last approved one, with its attachments and history; a coordinator
/// approves it (it is then public) or returns it with a reason. Leaders read the same page without the forms.
/// </summary>
[StaffAuthorize(StaffAction.ViewRounds)]
public sealed class ReviewReportModel(MinxinDbContext db, CurrentStaff current, StaffAccess access, ReviewService review) : PageModel
{
    public ProgressReport Report { get; private set; } = null!;

    public ReportComparison Comparison { get; private set; } = null!;

    /// <summary>Whether the actor may decide (a coordinator of the region) and the report awaits a decision.</summary>
    public bool MayDecide { get; private set; }

    [BindProperty(Name = "revision")]
    public int? Revision { get; set; }

    [BindProperty(Name = "note")]
    public string? Note { get; set; }

    [BindProperty(Name = "reason")]
    public string? Reason { get; set; }

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public FormFields Fields => new(ModelState);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        Revision = Report.Revision;
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(int id, CancellationToken cancellationToken) =>
        DecideAsync(id, "approved", (actor, report) => review.ApproveAsync(actor, report, Revision, Note, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReturnAsync(int id, CancellationToken cancellationToken) =>
        DecideAsync(id, "returned", (actor, report) => review.ReturnAsync(actor, report, Revision, Reason, cancellationToken), cancellationToken);

    private async Task<IActionResult> DecideAsync(int id, string done, Func<StaffActor, ProgressReport, Task> decide, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (!await access.MayAsync(StaffAction.ReviewReports, Report))
        {
            return Forbid();
        }
        try
        {
            await decide(await current.RequiredActorAsync(cancellationToken), Report);
            return Redirect($"/workspace/review/{id}?done={done}");
        }
        catch (InputException e)
        {
            foreach (var (field, message) in e.Errors)
            {
                ModelState.AddModelError(field, message);
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (ReviewRuleException e)
        {
            ModelState.AddModelError("", e.Message);
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (StaleException)
        {
            ModelState.AddModelError("", "在您打开之后，这份报告已被他人处理或修改，您的决定没有保存；下面是它现在的内容和状态。");
            Response.StatusCode = StatusCodes.Status412PreconditionFailed;
            // Shown as stored now, not as this request left it in memory.
            db.ChangeTracker.Clear();
            await LoadAsync(id, cancellationToken);
        }
        // What the page shows is the report as stored now; a second decision then answers that.
        Revision = Report.Revision;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var report = await db.FindReportAsync(id, cancellationToken);
        if (report is null)
        {
            return NotFound();
        }
        if (!await access.MayAsync(StaffAction.ViewReports, report))
        {
            return Forbid();
        }
        Report = report;
        Comparison = ReportComparison.Of(report, report.Item.Reports);
        MayDecide = report.Review == ReviewState.Submitted && await access.MayAsync(StaffAction.ReviewReports, report);
        return null;
    }
}
