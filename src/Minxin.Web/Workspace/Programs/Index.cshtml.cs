using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Programs;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Programs;

/// <summary>
/// /workspace/programs: the region's programs with their publication state; a coordinator makes a new one (a draft,
/// seen by nobody outside the workspace until it is published). Leaders read.
/// </summary>
[StaffAuthorize(StaffAction.ViewPrograms)]
public sealed class IndexModel(MinxinDbContext db, CurrentStaff current, StaffAccess access, PlanService plans, TimeProvider clock) : PageModel
{
    public const string Form = "new";

    public sealed class ProgramInput
    {
        public string? Code { get; set; }

        public string? Title { get; set; }

        public string? Year { get; set; }
    }

    public sealed record Row(string Code, string Title, int Year, PublicationState Publication, int Items);

    [BindProperty]
    public ProgramInput Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public Region Region { get; private set; } = null!;

    public IReadOnlyList<Row> Programs { get; private set; } = [];

    public bool MayEdit { get; private set; }

    public bool MayPublish { get; private set; }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        var year = Domain.Quantities.ChinaTime.Today(clock).Year + 1;
        Input = new ProgramInput { Year = year.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (!MayEdit)
        {
            return Forbid();
        }
        try
        {
            var program = await plans.CreateProgramAsync(await current.RequiredActorAsync(), Input.Code, Input.Title, Input.Year, HttpContext.RequestAborted);
            Notice = $"已新建民心工程《{program.Title}》（草稿）。添加工程和子项后，可在本页发布。";
            return Redirect($"/workspace/programs/{program.Code}");
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
        MayEdit = await access.MayAsync(StaffAction.EditPrograms, Region);
        MayPublish = await access.MayAsync(StaffAction.PublishPrograms, Region);
        Programs = await db.Programs.AsNoTracking().VisibleTo(actor).OrderByDescending(p => p.Year).ThenBy(p => p.Code)
            .Select(p => new Row(p.Code, p.Title, p.Year, p.Publication, p.Categories.SelectMany(c => c.Items).Count()))
            .ToListAsync();
    }
}
