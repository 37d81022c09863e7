using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Spreadsheets;

/// <summary>/workspace/programs/{code}/sheet: the whole program as xlsx, for the coordinators of its region.</summary>
[StaffAuthorize(StaffAction.ViewPrograms)]
public sealed class ProgramSheetModel(MinxinDbContext db, StaffAccess access) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().Include(p => p.Region).FirstOrDefaultAsync(p => p.Code == code, cancellationToken);
        if (program is null)
        {
            return NotFound();
        }
        if (!await access.MayAsync(StaffAction.ViewPrograms, program))
        {
            return Forbid();
        }
        var bytes = await ProgramSheets.WriteAsync(db, program, cancellationToken);
        return File(bytes, Workbooks.ContentType, ProgramSheet.FileName(program));
    }
}

/// <summary>Loading what the program sheet shows, for the page and the API alike.</summary>
public static class ProgramSheets
{
    public static async Task<byte[]> WriteAsync(MinxinDbContext db, Domain.Programs.LivelihoodProgram program, CancellationToken cancellationToken)
    {
        var items = await db.ItemsWithReports().AsNoTrackingWithIdentityResolution().Where(i => i.Category.ProgramId == program.Id).ToListAsync(cancellationToken);
        return ProgramSheet.Write(program, items);
    }
}
