using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Programs;
using Minxin.Domain.Quantities;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Audit;

namespace Minxin.Web.Workspace.Programs;

/// <summary>A change to one item's plan; absent fields stay as they are.</summary>
public sealed record ItemPlanRequest
{
    public string? Title { get; init; }

    /// <summary>The lead unit's code or name; "" removes it.</summary>
    public string? LeadUnit { get; init; }

    /// <summary>Co-operating units' codes or names, in order.</summary>
    public List<string>? CooperatingUnits { get; init; }

    /// <summary>YYYY-MM-DD; "" for the end of the program year.</summary>
    public string? Deadline { get; init; }

    public string? LeadOfficial { get; init; }

    public string? ResponsiblePerson { get; init; }
}

/// <summary>
/// Changes to a program's plan made in the workspace: only what changed, ids kept, reports never touched; each item
/// and program carries a revision so two coordinators never silently overwrite each other.
/// </summary>
public sealed class PlanService(MinxinDbContext db, AuditTrail audit, PublicChanges changes)
{
    public async Task UpdateItemAsync(StaffActor actor, Item item, int? revision, ItemPlanRequest request, CancellationToken cancellationToken)
    {
        if (revision is { } r && r != item.Revision)
        {
            throw new StaleException("这个子项在您打开之后已被他人修改，您的修改没有保存，请刷新后再改。");
        }
        var program = item.Category.Program;
        var before = Snapshot(item);
        var errors = new List<(string, string)>();
        if (request.Title is { } title)
        {
            title = title.Trim();
            if (title.Length is 0 or > FieldLimits.Text || title.Any(char.IsControl))
            {
                errors.Add(("title", "子项表述不能为空，且不能含控制字符。"));
            }
            item.Title = title;
        }
        if (request.Deadline is { } deadline)
        {
            if (deadline.Length == 0)
            {
                item.Deadline = null;
            }
            else if (IsoDate.TryParse(deadline, out var date) && date.Year >= program.Year && date.Year <= program.Year + 1)
            {
                item.Deadline = date;
            }
            else
            {
                errors.Add(("deadline", $"“{deadline}”不是 {program.Year} 年度内的有效日期（YYYY-MM-DD）。"));
            }
        }
        item.LeadOfficial = request.LeadOfficial is { } official ? Clean(official) : item.LeadOfficial;
        item.ResponsiblePerson = request.ResponsiblePerson is { } person ? Clean(person) : item.ResponsiblePerson;
        if (request.LeadUnit is not null || request.CooperatingUnits is not null)
        {
            var lead = request.LeadUnit is null ? item.LeadUnit : request.LeadUnit.Trim().Length == 0 ? null : await UnitAsync(program, request.LeadUnit, "leadUnit", errors, cancellationToken);
            var cooperating = new List<ResponsibleUnit>();
            foreach (var (name, k) in (request.CooperatingUnits ?? item.CooperatingUnits.Select(u => u.Code).ToList()).Select((n, k) => (n, k)))
            {
                if (await UnitAsync(program, name, $"cooperatingUnits[{k}]", errors, cancellationToken) is { } unit)
                {
                    cooperating.Add(unit);
                }
            }
            item.SetUnits(lead, cooperating);
        }
        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }
        var after = Snapshot(item);
        if (before.SequenceEqual(after))
        {
            return;
        }
        item.Revision++;
        program.Revision++;
        program.DataVersion++;
        audit.Record(actor, "item.updated", $"item:{item.PublicId()}", $"修改子项 {item.Code} 的计划", program.RegionId, before, after);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StaleException("这个子项刚被他人修改，您的修改没有保存，请刷新后再改。");
        }
        if (program.IsPublished)
        {
            changes.Evict(program.Code);
        }
    }

    private async Task<ResponsibleUnit?> UnitAsync(LivelihoodProgram program, string codeOrName, string field, List<(string, string)> errors,
        CancellationToken cancellationToken)
    {
        var unit = await UnitDirectory.FindAsync(db, program.RegionId, codeOrName, cancellationToken);
        if (unit is null)
        {
            errors.Add((field, $"“{codeOrName}”不在{program.Region.Name}的单位名录中；请先由系统管理员添加。"));
        }
        return unit;
    }

    private static string? Clean(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static Dictionary<string, string?> Snapshot(Item item) => new(StringComparer.Ordinal)
    {
        ["title"] = item.Title,
        ["deadline"] = item.Deadline is { } d ? IsoDate.Format(d) : null,
        ["leadUnit"] = item.LeadUnitName,
        ["cooperatingUnits"] = string.Join("、", item.CooperatingUnitNames),
        ["leadOfficial"] = item.LeadOfficial,
        ["responsiblePerson"] = item.ResponsiblePerson,
    };
}
