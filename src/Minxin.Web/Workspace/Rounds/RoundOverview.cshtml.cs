using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Rounds;

/// <summary>/workspace/rounds/{id}: how far a round has got, unit by unit and item by item; coordinators close it here.</summary>
[StaffAuthorize(StaffAction.ViewRounds)]
public sealed class RoundOverviewModel(MinxinDbContext db, CurrentStaff current, StaffAccess access, RoundService rounds, TimeProvider clock) : PageModel
{
    /// <summary>One item of the round with its state and the report that state comes from.</summary>
    public sealed record ItemState(Item Item, TaskState State, bool Late, ProgressReport? Report);

    public ReportingRound Round { get; private set; } = null!;

    public IReadOnlyList<UnitRoundProgress> Units { get; private set; } = [];

    public ILookup<ResponsibleUnit?, ItemState> ItemsByUnit { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    /// <summary>Coordinators may close an open round; leaders only read.</summary>
    public bool MayClose { get; private set; }

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostCloseAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (!await access.MayAsync(StaffAction.OpenRounds, Round))
        {
            return Forbid();
        }
        try
        {
            await rounds.CloseAsync(await current.RequiredActorAsync(cancellationToken), Round, cancellationToken);
        }
        catch (ReviewRuleException e)
        {
            Problem = e.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        return Redirect($"/workspace/rounds/{id}?done=closed");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.Include(r => r.Program).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (round is null)
        {
            return NotFound();
        }
        if (!await access.MayAsync(StaffAction.ViewRounds, round))
        {
            return Forbid();
        }
        Round = round;
        Today = ChinaTime.Today(clock);
        var items = await db.ItemsWithReports().AsNoTrackingWithIdentityResolution()
            .Where(i => i.Category.ProgramId == round.ProgramId).ToListAsync(cancellationToken);
        Units = RoundProgress.ByUnit(items, round, Today);
        ItemsByUnit = items.Where(i => RoundProgress.MustReport(i, round))
            .OrderBy(i => i.Category.Number).ThenBy(i => i.Number)
            .Select(i =>
            {
                var state = RoundProgress.StateOf(i, round);
                var report = i.Reports.Where(r => r.AsOf == round.AsOf).OrderBy(r => r.Version).LastOrDefault();
                return new ItemState(i, state, RoundProgress.IsLate(state, round, Today), report);
            })
            .ToLookup(s => s.Item.LeadUnit);
        MayClose = round.IsOpen && await access.MayAsync(StaffAction.OpenRounds, round);
        return null;
    }
}
