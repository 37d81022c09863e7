using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Reporting;

/// <summary>
/// /workspace/items/{itemId}/report?round={roundId}: a unit starts its report of an item for a round (or, with
/// ?asOf=, a correction of an approved report of that date), filled in with what it reported last time.
/// </summary>
[StaffAuthorize(StaffAction.WriteReports)]
[RequestSizeLimit(RequestLimit)]
public sealed class NewReportModel(MinxinDbContext db, CurrentStaff current, StaffAccess access, ReportingService reporting, EvidenceFiles evidence)
    : ReportEditorModel(db, current, access, reporting, evidence)
{
    [BindProperty(SupportsGet = true, Name = "round")]
    public int? RoundId { get; set; }

    [BindProperty(SupportsGet = true, Name = "asOf")]
    public string? AsOfText { get; set; }

    /// <summary>Why no form can be offered (the round has ended), instead of the form.</summary>
    public string? Closed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string itemId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(itemId, cancellationToken) is { } refused)
        {
            return refused;
        }
        // One open report per date: the unit goes on with it.
        if (Item.Reports.Where(r => r.AsOf == AsOf).FirstOrDefault(r => r.Review != ReviewState.Approved) is { } open)
        {
            return Redirect($"/workspace/reports/{open.Id}");
        }
        Form = ReportForm.Prefill(Item, AsOf, Previous);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string itemId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(itemId, cancellationToken) is { } refused)
        {
            return refused;
        }
        return await SaveAsync((actor, request) => Reporting.CreateAsync(actor, Item, request, cancellationToken), cancellationToken);
    }

    private async Task<IActionResult?> LoadAsync(string itemId, CancellationToken cancellationToken)
    {
        var item = await Db.FindItemAsync(itemId, cancellationToken);
        if (await RefuseAsync(item, StaffAction.WriteReports) is { } refused)
        {
            return refused;
        }
        Item = item!;
        if (RoundId is { } roundId)
        {
            Round = await Db.Rounds.FirstOrDefaultAsync(r => r.Id == roundId && r.ProgramId == Item.Category.ProgramId, cancellationToken);
            if (Round is null)
            {
                return NotFound();
            }
            AsOf = Round.AsOf;
            Closed = Round.IsOpen ? null : $"报送轮次“{Round.Title}”已于 {ReportWords.Time(Round.ClosedAt!.Value)} 结束，不能再新建报告。";
        }
        else if (IsoDate.TryParse(AsOfText, out var asOf))
        {
            AsOf = asOf;
        }
        else
        {
            return NotFound();
        }
        IsCorrection = Item.Reports.Any(r => r.AsOf == AsOf && r.Review == ReviewState.Approved);
        Previous = LastApproved(Item, AsOf);
        return null;
    }
}
