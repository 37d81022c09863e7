using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Messages;

/// <summary>
/// /workspace/messages/import: a coordinator uploads the 12345 / 政务邮箱 platform's replies (xlsx or CSV with
/// 回执号 and 答复内容, optionally 答复单位 and 答复时间). Each row becomes a drafted reply waiting for approval; a
/// file with any wrong row saves nothing and lists every problem by row and column.
/// </summary>
[StaffAuthorize(StaffAction.ModerateMessages)]
[RequestSizeLimit(ImportFile.MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportFile.MaxBytes + 1024 * 1024)]
public sealed class ImportModel(CurrentStaff current, MessageService messages) : PageModel
{
    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "imported")]
    public int? Imported { get; set; }

    public FormFields Fields => new(ModelState);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var upload = Request.HasFormContentType ? Request.Form.Files.GetFile("file") : null;
        if (upload is null || upload.Length == 0)
        {
            ModelState.AddModelError("file", "请选择要导入的 xlsx 或 CSV 文件。");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (upload.Length > ImportFile.MaxBytes)
        {
            ModelState.AddModelError("file", $"文件不能超过 {ImportFile.MaxBytes / 1024 / 1024} MB。");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, cancellationToken);
        try
        {
            var rows = ImportFile.Read(upload.FileName, buffer.ToArray());
            var count = await messages.ImportAsync(await current.RequiredActorAsync(cancellationToken), rows, cancellationToken);
            return Redirect($"/workspace/messages/import?imported={count}");
        }
        catch (ImportException e)
        {
            Problems = e.Problems;
            ModelState.AddModelError("file", $"文件有 {e.Problems.Count} 处问题，没有导入任何答复；请改正后重新上传。");
        }
        catch (StaleException e)
        {
            ModelState.AddModelError("file", e.Message);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
