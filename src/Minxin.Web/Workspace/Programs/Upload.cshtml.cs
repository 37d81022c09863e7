using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Programs;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;
using Minxin.Web.Workspace.Audit;

namespace Minxin.Web.Workspace.Programs;

/// <summary>
/// /workspace/programs/upload: a data file (minxin-program JSON) of the coordinator's region. It is read and checked
/// whole (every problem listed with its line and place); a new identifier becomes a draft program, a known one is
/// brought in line with the file, or refused with the reasons and left as it was.
/// </summary>
[StaffAuthorize(StaffAction.EditPrograms)]
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
public sealed class UploadModel(MinxinDbContext db, CurrentStaff current, StaffAccess access, AuditTrail audit, PublicChanges changes) : PageModel
{
    public const int MaxBytes = 5 * 1024 * 1024;

    // Room for the form around a file of MaxBytes, so a slightly larger file still gets the message rather than a bare 413.
    private const int RequestLimit = MaxBytes + 1024 * 1024;

    public const string Field = "file";

    [BindProperty(Name = "file")]
    public IFormFile? DataFile { get; set; }

    public string? FileName { get; private set; }

    public IReadOnlyList<ProgramFileError> FileErrors { get; private set; } = [];

    public IReadOnlyList<string> Refusals { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var actor = await current.RequiredActorAsync();
        var region = await db.Regions.AsNoTracking().FirstAsync(r => r.Id == actor.RegionId);
        if (DataFile is null || DataFile.Length == 0)
        {
            return Refuse("请选择要上传的数据文件（.json）。");
        }
        FileName = Path.GetFileName(DataFile.FileName);
        if (DataFile.Length > MaxBytes)
        {
            return Refuse($"文件“{FileName}”有 {DataFile.Length / 1024.0 / 1024.0:0.0} MB，超过了 5 MB 的上限；请拆分或去掉附件后再传。");
        }
        byte[] bytes;
        await using (var stream = DataFile.OpenReadStream())
        {
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory, HttpContext.RequestAborted);
            bytes = memory.ToArray();
        }
        var read = ProgramFileReader.Read(FileName, bytes);
        if (!read.IsValid)
        {
            FileErrors = read.Errors;
            return Refuse($"“{FileName}”中发现 {read.Errors.Count} 处错误，未做任何改动；改正后请重新上传。");
        }
        var program = read.Program!;
        if (program.Region.Code != region.Code)
        {
            return Refuse($"文件中的地区是 {program.Region.Name}（{program.Region.Code}），不是您所在的{region.Name}（{region.Code}）：只能上传本地区的民心工程。");
        }
        var stored = await db.Programs.AsNoTracking().FirstOrDefaultAsync(p => p.Code == program.Code);
        if (stored is not null && !await access.MayAsync(StaffAction.EditPrograms, stored))
        {
            return Refuse($"标识“{program.Code}”已被其他地区的民心工程使用，请换一个标识。");
        }
        var author = audit.Author(actor);
        var entry = author.Entry("program.uploaded", $"program:{program.Code}", $"上传数据文件“{FileName}”：《{program.Title}》", region.Id);
        try
        {
            if (stored is null)
            {
                await ProgramImport.AddAsync(db, program, PublicationState.Draft, entry, broughtBy: author);
                Notice = $"已从“{FileName}”新建民心工程《{program.Title}》（草稿，发布前不公开）：{program.Categories.Count} 个工程，{program.Items.Count()} 个子项。";
            }
            else
            {
                var outcome = await ProgramImport.ApplyAsync(db, program, allowPlanChanges: true, entry, broughtBy: author);
                Notice = outcome.Changed
                    ? $"已用“{FileName}”更新《{program.Title}》：计划改动 {outcome.PlanChanges} 处，追加报告 {outcome.ReportsAdded} 份，替换草稿报告 {outcome.ReportsUpdated} 份。"
                    : $"“{FileName}”与已存的《{program.Title}》相同，没有改动。";
                if (stored.IsPublished && outcome.Changed)
                {
                    changes.Evict(program.Code);
                }
            }
        }
        catch (ProgramExistsException)
        {
            return Refuse($"标识“{program.Code}”刚被他人使用，请重新上传。");
        }
        catch (ImportRefusedException e)
        {
            Refusals = e.Reasons;
            return Refuse($"“{FileName}”会改写不能改写的内容（{e.Reasons.Count} 处），已拒绝，未做任何改动。已提交的报告只能以更正版本追加。");
        }
        return Redirect($"/workspace/programs/{program.Code}");
    }

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError(Field, message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
