using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Progress;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Spreadsheets;

/// <summary>
/// /workspace/rounds/{id}/sheet: GET downloads the unit's spreadsheet for the round; POST (from the to-do list's
/// upload form) saves it as drafts and goes back to the list, or shows every refused cell with its address.
/// </summary>
[StaffAuthorize(StaffAction.WriteReports)]
[RequestSizeLimit(UnitSheetService.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = UnitSheetService.MaxBytes + 64 * 1024)]
public sealed class RoundSheetModel(MinxinDbContext db, CurrentStaff current, StaffAccess access, UnitSheetService sheets) : PageModel
{
    public ReportingRound Round { get; private set; } = null!;

    public IReadOnlyList<SheetError> Errors { get; private set; } = [];

    /// <summary>Why nothing could be done at all (the round has ended, no file was chosen).</summary>
    public string? Problem { get; private set; }

    public string? FileName { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        var actor = await current.RequiredActorAsync(cancellationToken);
        try
        {
            var bytes = await sheets.DownloadAsync(actor, Round, cancellationToken);
            return File(bytes, Workbooks.ContentType, UnitSheet.FileName(Round, actor.UnitName));
        }
        catch (ReviewRuleException e)
        {
            return Show(StatusCodes.Status409Conflict, e.Message);
        }
    }

    public async Task<IActionResult> OnPostAsync(int id, IFormFile? file, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        if (file is null || file.Length == 0)
        {
            return Show(StatusCodes.Status400BadRequest, "没有收到文件：请选择填写好的填报表（.xlsx）再上传。");
        }
        FileName = file.FileName;
        var actor = await current.RequiredActorAsync(cancellationToken);
        try
        {
            await using var content = file.OpenReadStream();
            var result = await sheets.UploadAsync(actor, Round, content, file.Length, cancellationToken);
            if (result.Saved)
            {
                return Redirect($"/workspace/tasks?sheetCreated={result.Created}&sheetUpdated={result.Updated}#round-{Round.Id}");
            }
            Errors = result.Errors;
            return Show(StatusCodes.Status400BadRequest, null);
        }
        catch (ReviewRuleException e)
        {
            return Show(StatusCodes.Status409Conflict, e.Message);
        }
    }

    private async Task<IActionResult?> LoadAsync(int id)
    {
        var round = await db.Rounds.AsNoTracking().Include(r => r.Program).FirstOrDefaultAsync(r => r.Id == id);
        if (round is null)
        {
            return NotFound();
        }
        if (!await access.MayAsync(StaffAction.WriteReports, round))
        {
            return Forbid();
        }
        Round = round;
        return null;
    }

    private PageResult Show(int status, string? problem)
    {
        Problem = problem;
        Response.StatusCode = status;
        return Page();
    }
}
