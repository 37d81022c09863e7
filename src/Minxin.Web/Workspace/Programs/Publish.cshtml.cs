using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Programs;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Programs;

/// <summary>
/// /workspace/programs/{code}/publish: the confirm step before a draft goes public, saying what readers will then
/// see (the plan and the approved reports only); the POST publishes it.
/// </summary>
[StaffAuthorize(StaffAction.PublishPrograms)]
public sealed class PublishModel(MinxinDbContext db, CurrentStaff current, StaffAccess access, PlanService plans) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [TempData]
    public string? Notice { get; set; }

    public LivelihoodProgram Program { get; private set; } = null!;

    public int ApprovedReports { get; private set; }

    public int WaitingReports { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var program = await ProgramStore.LoadAsync(db, Code, publicOnly: false);
        if (program is null)
        {
            return NotFound();
        }
        if (!await access.MayAsync(StaffAction.PublishPrograms, program))
        {
            return Forbid();
        }
        if (program.IsPublished)
        {
            return Redirect($"/workspace/programs/{Code}");
        }
        Program = program;
        var reports = program.Items.SelectMany(i => i.Reports).ToList();
        ApprovedReports = reports.Count(r => r.IsPublic);
        WaitingReports = reports.Count - ApprovedReports;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var program = await db.Programs.FirstOrDefaultAsync(p => p.Code == Code);
        if (program is null)
        {
            return NotFound();
        }
        if (!await access.MayAsync(StaffAction.PublishPrograms, program))
        {
            return Forbid();
        }
        try
        {
            await plans.PublishAsync(await current.RequiredActorAsync(), program, HttpContext.RequestAborted);
            Notice = $"已发布《{program.Title}》：公开页面、开放数据和搜索中已能看到它（只含审核通过的报告）。";
        }
        catch (InputException e)
        {
            Notice = string.Join(" ", e.Errors.Select(x => x.Message));
        }
        return Redirect($"/workspace/programs/{Code}");
    }
}
