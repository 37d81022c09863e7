using Microsoft.AspNetCore.Mvc;
using Minxin.Data;
using Minxin.Domain.Progress;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Reporting;

/// <summary>
/// /workspace/reports/{id}: a report. Its unit edits it while it is a draft or returned; everyone else who may see
/// it, and everyone once it is submitted, reads it with its history, review notes and attachments.
/// </summary>
[StaffAuthorize(StaffAction.ViewReports)]
[RequestSizeLimit(RequestLimit)]
public sealed class ReportModel(MinxinDbContext db, CurrentStaff current, StaffAccess access, ReportingService reporting, EvidenceFiles evidence)
    : ReportEditorModel(db, current, access, reporting, evidence)
{
    /// <summary>Whether the page shows the form (the actor's unit may still change the report) rather than the record.</summary>
    public bool Editing { get; private set; }

    /// <summary>"saved" or "submitted" after a save, to say what happened.</summary>
    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    /// <summary>Whether the actor's unit may correct this approved report with a new version.</summary>
    public bool MayCorrect { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, StaffAction.ViewReports, cancellationToken) is { } refused)
        {
            return refused;
        }
        Editing = Report!.IsEditable && await Access.MayAsync(StaffAction.WriteReports, Report);
        if (Editing)
        {
            Form = ReportForm.Of(Report);
        }
        MayCorrect = Report.Review == ReviewState.Approved && await Access.MayAsync(StaffAction.WriteReports, Report);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, StaffAction.WriteReports, cancellationToken) is { } refused)
        {
            return refused;
        }
        // A refused form is shown again as it was sent, whatever the report's state now.
        Editing = true;
        return await SaveAsync(async (actor, request) =>
        {
            await Reporting.UpdateAsync(actor, Report!, Form.Revision ?? -1, request, cancellationToken);
            return Report!;
        }, cancellationToken);
    }

    private async Task<IActionResult?> LoadAsync(int id, StaffAction action, CancellationToken cancellationToken)
    {
        var report = await Db.FindReportAsync(id, cancellationToken);
        if (await RefuseAsync(report, action) is { } refused)
        {
            return refused;
        }
        Report = report!;
        Item = Report.Item;
        AsOf = Report.AsOf;
        Round = Report.RoundId is { } roundId ? await Db.Rounds.FindAsync([roundId], cancellationToken) : null;
        Previous = ReportComparison.Of(Report, Item.Reports).Previous;
        return null;
    }
}
