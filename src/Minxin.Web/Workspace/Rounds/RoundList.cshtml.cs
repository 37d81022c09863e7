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

/// <summary>
/// /workspace/rounds: where coordinators and leaders land — the region's programs with their rounds, open ones
/// first with how far each has got, and (for coordinators) the form that opens a round.
/// </summary>
[StaffAuthorize(StaffAction.ViewRounds)]
public sealed class RoundListModel(MinxinDbContext db, CurrentStaff current, StaffAccess access, RoundService rounds, TimeProvider clock) : PageModel
{
    public sealed record ProgramRounds(LivelihoodProgram Program, IReadOnlyList<ReportingRound> Rounds, IReadOnlyDictionary<int, UnitRoundProgress> Totals);

    public IReadOnlyList<ProgramRounds> Programs { get; private set; } = [];

    /// <summary>The programs the actor may open rounds in; empty for a leader, who sees no form.</summary>
    public IReadOnlyList<LivelihoodProgram> Openable { get; private set; } = [];

    [BindProperty(Name = "program")]
    public string? ProgramCode { get; set; }

    [BindProperty(Name = "title")]
    public string? Title { get; set; }

    [BindProperty(Name = "asOf")]
    public string? AsOf { get; set; }

    [BindProperty(Name = "dueDate")]
    public string? DueDate { get; set; }

    public FormFields Fields => new(ModelState);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Who may not open rounds at all learns nothing from the form.
        if (!await access.MayAsync(StaffAction.OpenRounds))
        {
            return Forbid();
        }
        await LoadAsync(cancellationToken);
        var program = Openable.FirstOrDefault(p => p.Code == ProgramCode);
        if (program is null)
        {
            if (!Programs.Any(p => p.Program.Code == ProgramCode))
            {
                ModelState.AddModelError("program", "请选择要开启报送轮次的民心工程。");
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
            return Forbid();
        }
        try
        {
            var round = await rounds.OpenAsync(await current.RequiredActorAsync(cancellationToken), program, new RoundRequest(Title, AsOf, DueDate), cancellationToken);
            return Redirect($"/workspace/rounds/{round.Id}?done=opened");
        }
        catch (InputException e)
        {
            foreach (var (field, message) in e.Errors)
            {
                ModelState.AddModelError(field, message);
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var actor = await current.RequiredActorAsync(cancellationToken);
        var programs = await db.Programs.Include(p => p.Region).VisibleTo(actor)
            .OrderByDescending(p => p.Year).ThenBy(p => p.Code).ToListAsync(cancellationToken);
        var ids = programs.Select(p => p.Id).ToList();
        var all = await db.Rounds.Where(r => ids.Contains(r.ProgramId)).ToListAsync(cancellationToken);
        var openIds = all.Where(r => r.IsOpen).Select(r => r.ProgramId).Distinct().ToList();
        // How far the open rounds have got: their programs' items and reports, read once.
        var items = openIds.Count == 0
            ? []
            : await db.ItemsWithReports().AsNoTrackingWithIdentityResolution().Where(i => openIds.Contains(i.Category.ProgramId)).ToListAsync(cancellationToken);
        var today = ChinaTime.Today(clock);
        Programs = programs.Select(p =>
        {
            var list = all.Where(r => r.ProgramId == p.Id).OrderBy(r => !r.IsOpen).ThenByDescending(r => r.AsOf).ToList();
            var totals = list.Where(r => r.IsOpen).ToDictionary(r => r.Id, r => Total(RoundProgress.ByUnit(items.Where(i => i.Category.ProgramId == p.Id), r, today)));
            return new ProgramRounds(p, list, totals);
        }).ToList();
        var openable = new List<LivelihoodProgram>();
        foreach (var program in programs)
        {
            if (await access.MayAsync(StaffAction.OpenRounds, program))
            {
                openable.Add(program);
            }
        }
        Openable = openable;
    }

    private static UnitRoundProgress Total(IReadOnlyList<UnitRoundProgress> units) => new(null,
        units.Sum(u => u.Items), units.Sum(u => u.Approved), units.Sum(u => u.Submitted), units.Sum(u => u.Returned),
        units.Sum(u => u.Draft), units.Sum(u => u.Missing), units.Sum(u => u.Late));
}
