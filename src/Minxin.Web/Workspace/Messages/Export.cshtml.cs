using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Minxin.Data;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;
using Minxin.Web.Workspace.Audit;
using Minxin.Web.Workspace.Spreadsheets;

namespace Minxin.Web.Workspace.Messages;

/// <summary>
/// /workspace/messages/export.csv and .xlsx: the inbox's current filter as a file for the 12345 / 政务邮箱 platform,
/// only what the actor may see; name and contact only for those who answer the messages. Each export is in the audit log.
/// </summary>
[StaffAuthorize(StaffAction.ViewMessages)]
public sealed class ExportModel(CurrentStaff current, MessageService messages, AuditTrail audit, MinxinDbContext db) : PageModel
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
        var personal = list.Count(actor.SeesPersonalData);
        var rows = list.Select(m => MessageExport.Row(m, actor.SeesPersonalData(m))).ToList();
        // Personal data leaving the workspace (个人信息保护法): who took how many, with which filter.
        audit.Record(actor, "messages.exported", "messages",
            $"导出群众留言{list.Count}条（{format}{(filter.Query() is { Length: > 0 } q ? "，筛选 " + q : "")}），其中{personal}条含姓名和联系方式", actor.RegionId);
        await db.SaveChangesAsync(cancellationToken);
        var name = $"群众留言-{messages.Today:yyyyMMdd}.{format}";
        return format == "csv"
            ? File(MessageExport.Csv(rows), "text/csv; charset=utf-8", name)
            : File(MessageExport.Xlsx(rows), Workbooks.ContentType, name);
    }
}
