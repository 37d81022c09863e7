using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;
using Minxin.Web.Workspace.Spreadsheets;

namespace Minxin.Web.Workspace.Messages;

/// <summary>
/// /workspace/messages/export.csv and .xlsx: the inbox's current filter as a file for the 12345 / 政务邮箱 platform,
/// only what the actor may see; name and contact only for those who answer the messages.
/// </summary>
[StaffAuthorize(StaffAction.ViewMessages)]
public sealed class ExportModel(CurrentStaff current, MessageService messages) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string format, string? kind, string? state, string? overdue, string? program, string? item, string? unit,
        CancellationToken cancellationToken)
    {
        if (format is not ("csv" or "xlsx"))
        {
            return NotFound();
        }
        var filter = MessageFilter.Parse(kind, state, overdue, program, item, unit, null, out var errors);
        if (errors.Count > 0)
        {
            return BadRequest(string.Join("；", errors.Select(e => e.Message)));
        }
        var actor = await current.RequiredActorAsync(cancellationToken);
        var list = await messages.ExportAsync(actor, filter, cancellationToken);
        var rows = list.Select(m => MessageExport.Row(m, actor.SeesPersonalData(m)));
        var name = $"群众留言-{messages.Today:yyyyMMdd}.{format}";
        return format == "csv"
            ? File(MessageExport.Csv(rows), "text/csv; charset=utf-8", name)
            : File(MessageExport.Xlsx(rows), Workbooks.ContentType, name);
    }
}
