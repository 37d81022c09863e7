using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Auditing;
using Minxin.Domain.Quantities;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Audit;

/// <summary>
/// /workspace/audit: the region's audit log, newest first, 100 entries a page, filtered by day (Beijing), kind of
/// action and actor. Read only: the log is append-only down to the database, and nothing here offers otherwise.
/// </summary>
[StaffAuthorize(StaffAction.ViewAudit)]
public sealed class IndexModel(MinxinDbContext db, CurrentStaff current) : PageModel
{
    public const int PageSize = 100;

    /// <summary>The kinds of action to filter by (the code's first part), in the reader's words.</summary>
    public static readonly IReadOnlyList<(string Prefix, string Name)> Kinds =
    [
        ("sign-in", "登录"), ("sign-out", "退出"), ("user.", "账号"), ("unit.", "单位"), ("token.", "访问令牌"), ("program.", "民心工程"),
        ("category.", "工程"), ("item.", "子项"), ("indicator.", "指标"), ("site.", "点位"), ("round.", "报送轮次"), ("report.", "报告"),
        ("followup.", "督办"),
    ];

    /// <summary>Field names in the log's before/after, in the reader's words.</summary>
    public static readonly IReadOnlyDictionary<string, string> FieldNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["title"] = "标题/表述", ["deadline"] = "完成时限", ["leadUnit"] = "牵头单位", ["cooperatingUnits"] = "配合单位", ["leadOfficial"] = "牵头领导",
        ["responsiblePerson"] = "项目责任人", ["userName"] = "用户名", ["displayName"] = "姓名", ["role"] = "角色", ["unit"] = "单位", ["state"] = "状态",
        ["failedSignIns"] = "连续输错次数", ["password"] = "密码", ["code"] = "代码/标识", ["name"] = "名称", ["parent"] = "上级单位", ["prefix"] = "令牌开头",
        ["expiresAt"] = "失效时间", ["revokedAt"] = "撤销时间", ["publication"] = "发布状态", ["publishedBy"] = "发布人", ["number"] = "编号", ["key"] = "标识",
        ["target"] = "目标值", ["comparator"] = "比较方式", ["accumulation"] = "累计方式", ["town"] = "街镇", ["year"] = "年度", ["review"] = "审核状态",
        ["status"] = "进展状态", ["narrative"] = "进展说明", ["expectedCompletion"] = "预计完成", ["expectedCompletionReason"] = "预计时间变化的原因",
        ["reviewNote"] = "审核意见",
    };

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionPrefix { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "actor")]
    public string? Actor { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public bool HasOlder { get; private set; }

    public async Task OnGetAsync()
    {
        var actor = await current.RequiredActorAsync();
        var query = db.AuditLog.AsNoTracking().Where(e => e.RegionId == actor.RegionId);
        if (Day(From, "from") is { } from)
        {
            query = query.Where(e => e.Day >= from);
        }
        if (Day(To, "to") is { } to)
        {
            query = query.Where(e => e.Day <= to);
        }
        if (!string.IsNullOrWhiteSpace(ActionPrefix))
        {
            var prefix = ActionPrefix.Trim();
            query = query.Where(e => e.Action.StartsWith(prefix));
        }
        if (!string.IsNullOrWhiteSpace(Actor))
        {
            var name = Actor.Trim();
            query = query.Where(e => e.Actor == name);
        }
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        // One more than a page tells whether an older page exists, without counting the whole log.
        var entries = await query.OrderByDescending(e => e.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync();
        HasOlder = entries.Count > PageSize;
        Entries = entries.Take(PageSize).ToList();
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    private DateOnly? Day(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (IsoDate.TryParse(text.Trim(), out var day))
        {
            return day;
        }
        ModelState.AddModelError(field, $"“{text.Trim()}”不是有效日期，应为 YYYY-MM-DD（如 2025-07-17）；这一条件未使用。");
        return null;
    }

    /// <summary>This page's address with another page number, the filters kept.</summary>
    public string PageLink(int page)
    {
        var query = new Dictionary<string, string?> { ["from"] = From, ["to"] = To, ["action"] = ActionPrefix, ["actor"] = Actor, ["p"] = page.ToString(CultureInfo.InvariantCulture) }
            .Where(p => !string.IsNullOrWhiteSpace(p.Value));
        return "/workspace/audit" + Microsoft.AspNetCore.Http.QueryString.Create(query!);
    }

    public static string FieldName(string field)
    {
        var dot = field.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && field[..dot] is "values" or "sites")
        {
            return (field[..dot] == "values" ? "数值 " : "点位 ") + field[(dot + 1)..];
        }
        return FieldNames.TryGetValue(field, out var name) ? name : field;
    }
}
