using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Programs;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;
using Minxin.Web.Workspace.Audit;

namespace Minxin.Web.Workspace.Units;

/// <summary>/workspace/units/{id}: the admin renames a unit, changes its code or its parent (never to itself or one below it).</summary>
[StaffAuthorize(StaffAction.ManageUnits)]
public sealed class EditModel(MinxinDbContext db, CurrentStaff current, StaffAccess access, AuditTrail audit, PublicChanges changes) : PageModel
{
    public const string Form = "unit";

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public IndexModel.UnitInput Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public ResponsibleUnit Unit { get; private set; } = null!;

    public UnitUse Use { get; private set; } = new(0, 0);

    /// <summary>The units that may be its parent: all of the region's but itself (cycles are refused on saving).</summary>
    public IReadOnlyList<ResponsibleUnit> Others { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }
        Input = new IndexModel.UnitInput { Name = Unit.Name, Code = Unit.Code, Parent = Unit.Parent?.Code };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }
        var actor = await current.RequiredActorAsync();
        try
        {
            var evict = await UnitDirectory.UpdateAsync(db, Unit.Region, Unit, Input.Name ?? "", Input.Code, Input.Parent, audit.Author(actor));
            foreach (var code in evict)
            {
                changes.Evict(code);
            }
            Notice = $"已保存单位 {Unit.Name}（代码 {Unit.Code}）。";
            return Redirect("/workspace/units");
        }
        catch (InputException e)
        {
            ModelState.Add(e, Form);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var unit = await db.Units.Include(u => u.Parent).Include(u => u.Region).FirstOrDefaultAsync(u => u.Id == Id);
        if (unit is null)
        {
            return NotFound();
        }
        if (!await access.MayAsync(StaffAction.ManageUnits, unit))
        {
            return Forbid();
        }
        Unit = unit;
        Use = (await UnitDirectory.UseAsync(db, unit.RegionId)).GetValueOrDefault(unit.Id) ?? new UnitUse(0, 0);
        Others = await db.Units.AsNoTracking().Where(u => u.RegionId == unit.RegionId && u.Id != unit.Id).OrderBy(u => u.Name).ToListAsync();
        return null;
    }
}
