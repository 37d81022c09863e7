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

/// <summary>
/// /workspace/units: the region's unit directory (责任单位) with how many items each leads and co-operates on; the
/// admin adds units here. Units are never deleted: items and reports name them.
/// </summary>
[StaffAuthorize(StaffAction.ViewUnits)]
public sealed class IndexModel(MinxinDbContext db, CurrentStaff current, StaffAccess access, AuditTrail audit) : PageModel
{
    public const string Form = "new";

    public sealed class UnitInput
    {
        public string? Name { get; set; }

        public string? Code { get; set; }

        public string? Parent { get; set; }
    }

    public sealed record Row(ResponsibleUnit Unit, UnitUse Use);

    [BindProperty]
    public UnitInput Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public Region Region { get; private set; } = null!;

    public bool MayManage { get; private set; }

    public IReadOnlyList<Row> Units { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (!MayManage)
        {
            return Forbid();
        }
        var actor = await current.RequiredActorAsync();
        try
        {
            var region = await db.Regions.FirstAsync(r => r.Id == Region.Id);
            var unit = await UnitDirectory.AddAsync(db, region, Input.Name ?? "", Input.Code, Input.Parent, audit.Author(actor));
            Notice = $"已新建单位 {unit.Name}（代码 {unit.Code}）。";
            return Redirect("/workspace/units");
        }
        catch (InputException e)
        {
            ModelState.Add(e, Form);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync()
    {
        var actor = await current.RequiredActorAsync();
        Region = await db.Regions.AsNoTracking().FirstAsync(r => r.Id == actor.RegionId);
        MayManage = await access.MayAsync(StaffAction.ManageUnits, Region);
        var use = await UnitDirectory.UseAsync(db, Region.Id);
        var units = await db.Units.AsNoTracking().Include(u => u.Parent).Where(u => u.RegionId == Region.Id).OrderBy(u => u.Code).ToListAsync();
        Units = units.Select(u => new Row(u, use.GetValueOrDefault(u.Id) ?? new UnitUse(0, 0))).ToList();
    }
}
