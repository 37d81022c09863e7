using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain;
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

/// <summary>An indicator as the plan form gives it: codes for comparator (exactly, atLeast, over, about) and accumulation.</summary>
public sealed record IndicatorRequest(string? Key, string? Name, string? Unit, string? Target, string? Comparator, string? Accumulation);

public sealed record SiteRequest(string? Key, string? Name, string? Town);

/// <summary>
/// Changes to a program's plan made in the workspace: only what changed, ids kept, reports never touched; each item
/// and program carries a revision so two coordinators never silently overwrite each other. Every change moves the
/// program to a new data version, is audited with its before and after, and evicts the public pages of a published
/// program once it has committed.
/// </summary>
public sealed class PlanService(MinxinDbContext db, AuditTrail audit, PublicChanges changes)
{
    // /workspace/programs/upload and …/import-text are pages: a program of that code could not be reached.
    private static readonly HashSet<string> ReservedCodes = ["upload", "import-text"];

    private const string StaleItem = "这个子项在您打开之后已被他人修改，您的修改没有保存，请刷新后再改。";
    private const string StaleProgram = "这个民心工程的计划在您打开之后已被他人修改，您的修改没有保存，请刷新后再改。";

    /// <summary>A new, empty program of the actor's region, as a draft: nobody outside the workspace sees it until it is published.</summary>
    public async Task<LivelihoodProgram> CreateProgramAsync(StaffActor actor, string? code, string? title, string? year, CancellationToken cancellationToken)
    {
        var errors = new List<(string, string)>();
        code = code?.Trim() ?? "";
        if (!ProgramFileReader.IsProgramCode(code))
        {
            errors.Add(("code", "标识只能用小写字母、数字和连字符（如 jinnan-2026），最多 64 个字符。"));
        }
        else if (ReservedCodes.Contains(code))
        {
            errors.Add(("code", $"“{code}”是工作台页面的地址，不能用作标识。"));
        }
        else if (await db.Programs.AnyAsync(p => p.Code == code, cancellationToken))
        {
            errors.Add(("code", $"标识“{code}”已被使用，请换一个。"));
        }
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 2000 or > 2100)
        {
            errors.Add(("year", "年度应为 2000 到 2100 之间的四位数字。"));
        }
        var name = Text(title, "title", "标题", FieldLimits.Title, errors);
        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }
        var region = await db.Regions.FirstAsync(r => r.Id == actor.RegionId, cancellationToken);
        var program = new LivelihoodProgram { Code = code, Title = name!, Year = y, Region = region, RegionId = region.Id };
        var entry = audit.Author(actor).Entry("program.created", $"program:{code}", $"新建民心工程《{name}》（草稿）", region.Id,
            after: new Dictionary<string, string?> { ["code"] = code, ["title"] = name, ["year"] = year, ["publication"] = "草稿" });
        try
        {
            return await ProgramStore.AddAsync(db, program, PublicationState.Draft, entry, cancellationToken);
        }
        catch (ProgramExistsException)
        {
            throw new InputException("code", $"标识“{code}”已被使用，请换一个。");
        }
    }

    /// <summary>A draft becomes public with its approved reports; this node's caches go at once, the others' when they next poll.</summary>
    public async Task PublishAsync(StaffActor actor, LivelihoodProgram program, CancellationToken cancellationToken)
    {
        try
        {
            await ProgramStore.PublishAsync(db, program, actor.DisplayName, audit.Author(actor), cancellationToken);
        }
        catch (InputException e)
        {
            throw new InputException(e.Errors);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StaleException(StaleProgram);
        }
        changes.Evict(program.Code);
    }

    public async Task AddCategoryAsync(StaffActor actor, LivelihoodProgram program, int? revision, string? number, string? name, CancellationToken cancellationToken)
    {
        RequireRevision(revision, program.Revision, StaleProgram);
        var errors = new List<(string, string)>();
        var n = string.IsNullOrWhiteSpace(number) ? program.Categories.Select(c => c.Number).DefaultIfEmpty(0).Max() + 1 : Number(number, "number", errors);
        if (program.Categories.Any(c => c.Number == n))
        {
            errors.Add(("number", $"编号 {n:00} 已有工程。"));
        }
        var text = Text(name, "name", "工程名称", FieldLimits.Name, errors);
        Refuse(errors);
        var category = new Category { Number = n, Name = text!, Program = program };
        program.Categories.Add(category);
        await CommitAsync(actor, program, null, "category.added", $"program:{program.Code}", $"新增工程 {n:00} {text}", null, Snapshot(category), cancellationToken);
    }

    /// <summary>
    /// Renames or renumbers a category. Its items' codes (07-1) and public addresses come from its number, so a
    /// published program's category is renumbered only when the caller confirms it knows its links change.
    /// </summary>
    public async Task UpdateCategoryAsync(StaffActor actor, LivelihoodProgram program, int? revision, Category category, string? number, string? name,
        bool renumberConfirmed, CancellationToken cancellationToken)
    {
        RequireRevision(revision, program.Revision, StaleProgram);
        var before = Snapshot(category);
        var errors = new List<(string, string)>();
        var n = Number(number, "number", errors);
        if (n != category.Number && program.Categories.Any(c => c != category && c.Number == n))
        {
            errors.Add(("number", $"编号 {n:00} 已有工程；请先给那个工程换一个编号。"));
        }
        else if (n != category.Number && program.IsPublished && !renumberConfirmed)
        {
            errors.Add(("confirm", $"改编号后，这个工程各子项的编号和公开链接都会改变（如 {category.Number:00}-1 变为 {n:00}-1），已分享的旧链接将失效。确认无误请勾选“我已知晓”。"));
        }
        var text = Text(name, "name", "工程名称", FieldLimits.Name, errors);
        Refuse(errors);
        (category.Number, category.Name) = (n, text!);
        var after = Snapshot(category);
        if (!before.SequenceEqual(after))
        {
            await CommitAsync(actor, program, null, "category.updated", $"program:{program.Code}", $"修改工程 {before["number"]} {before["name"]}", before, after, cancellationToken);
        }
    }

    /// <summary>A new item at the end of its category (its code is the category's number and the next free one).</summary>
    public async Task<Item> AddItemAsync(StaffActor actor, LivelihoodProgram program, int? revision, Category category, string? title, string? leadUnit,
        CancellationToken cancellationToken)
    {
        RequireRevision(revision, program.Revision, StaleProgram);
        var errors = new List<(string, string)>();
        var text = Text(title, "title", "子项表述", FieldLimits.Text, errors);
        var lead = string.IsNullOrWhiteSpace(leadUnit) ? null : await UnitAsync(program, leadUnit, "leadUnit", errors, cancellationToken);
        Refuse(errors);
        var item = new Item { Title = text!, Category = category, Number = category.Items.Select(i => i.Number).DefaultIfEmpty(0).Max() + 1 };
        item.SetUnits(lead, []);
        category.Items.Add(item);
        await CommitAsync(actor, program, null, "item.added", $"item:{item.PublicId()}", $"新增子项 {item.Code}", null, Snapshot(item), cancellationToken);
        return item;
    }

    public async Task UpdateItemAsync(StaffActor actor, Item item, int? revision, ItemPlanRequest request, CancellationToken cancellationToken)
    {
        RequireRevision(revision, item.Revision, StaleItem);
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
        Refuse(errors);
        var after = Snapshot(item);
        if (before.SequenceEqual(after))
        {
            return;
        }
        await CommitAsync(actor, program, item, "item.updated", $"item:{item.PublicId()}", $"修改子项 {item.Code} 的计划", before, after, cancellationToken);
    }

    /// <summary>
    /// Adds an indicator (<paramref name="indicator"/> null) or changes one in place. Once reports have figures for
    /// it, its key (narratives name it), unit and accumulation stay as they are: the figures were given in them.
    /// </summary>
    public async Task SaveIndicatorAsync(StaffActor actor, Item item, int? revision, Indicator? indicator, IndicatorRequest request, CancellationToken cancellationToken)
    {
        RequireRevision(revision, item.Revision, StaleItem);
        var errors = new List<(string, string)>();
        decimal? target = null;
        if (!string.IsNullOrWhiteSpace(request.Target))
        {
            if (decimal.TryParse(request.Target.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var t))
            {
                target = t;
            }
            else
            {
                errors.Add(("target", $"目标值“{request.Target.Trim()}”不是数字：请写基本单位的数值，如 460 或 279100。"));
            }
        }
        var file = new IndicatorFile
        {
            Key = request.Key?.Trim(),
            Name = request.Name?.Trim(),
            Unit = request.Unit?.Trim(),
            Target = target,
            Comparator = target is null || request.Comparator is null or "exactly" ? null : request.Comparator,
            Accumulation = request.Accumulation is null or "cumulative" ? null : request.Accumulation,
        };
        var (read, problems) = ProgramFileReader.ReadIndicator(file, item);
        errors.AddRange(problems);
        if (read is not null && item.Indicators.Any(i => i != indicator && i.Key == read.Key))
        {
            errors.Add(("key", $"本子项已有标识为“{read.Key}”的指标。"));
        }
        if (read is not null && indicator is not null && HasFigures(item, indicator))
        {
            if (read.Key != indicator.Key)
            {
                errors.Add(("key", "已有报告的数值（其说明以标识引用它），标识不能再改。"));
            }
            if (read.Unit != indicator.Unit)
            {
                errors.Add(("unit", $"已有报告的数值以“{indicator.Unit}”计，计量单位不能再改。"));
            }
            if (read.Accumulation != indicator.Accumulation)
            {
                errors.Add(("accumulation", "已有报告的数值，累计方式不能再改。"));
            }
        }
        Refuse(errors);
        var before = indicator is null ? null : Snapshot(indicator);
        if (indicator is null)
        {
            indicator = new Indicator { Item = item, Key = read!.Key, Name = read.Name, Unit = read.Unit, Position = item.Indicators.Select(i => i.Position).DefaultIfEmpty(-1).Max() + 1 };
            item.Indicators.Add(indicator);
        }
        (indicator.Key, indicator.Name, indicator.Unit, indicator.Target, indicator.Comparator, indicator.Accumulation) =
            (read!.Key, read.Name, read.Unit, read.Target, read.Comparator, read.Accumulation);
        var after = Snapshot(indicator);
        if (before is not null && before.SequenceEqual(after))
        {
            return;
        }
        await CommitAsync(actor, item.Category.Program, item, before is null ? "indicator.added" : "indicator.updated", $"item:{item.PublicId()}",
            $"{(before is null ? "新增" : "修改")}子项 {item.Code} 的指标“{indicator.Name}”", before, after, cancellationToken);
    }

    public async Task RemoveIndicatorAsync(StaffActor actor, Item item, int? revision, Indicator indicator, CancellationToken cancellationToken)
    {
        RequireRevision(revision, item.Revision, StaleItem);
        if (HasFigures(item, indicator))
        {
            throw new InputException("", $"指标“{indicator.Name}”已有报告的数值，不能删除。");
        }
        var before = Snapshot(indicator);
        item.Indicators.Remove(indicator);
        db.Indicators.Remove(indicator);
        await CommitAsync(actor, item.Category.Program, item, "indicator.removed", $"item:{item.PublicId()}", $"删除子项 {item.Code} 的指标“{indicator.Name}”",
            before, null, cancellationToken);
    }

    public async Task SaveSiteAsync(StaffActor actor, Item item, int? revision, Site? site, SiteRequest request, CancellationToken cancellationToken)
    {
        RequireRevision(revision, item.Revision, StaleItem);
        var (read, problems) = ProgramFileReader.ReadSite(new SiteFile { Key = request.Key?.Trim(), Name = request.Name?.Trim(), Town = Clean(request.Town ?? "") }, item);
        var errors = problems.ToList();
        if (read is not null && item.Sites.Any(s => s != site && s.Key == read.Key))
        {
            errors.Add(("key", $"本子项已有标识为“{read.Key}”的点位。"));
        }
        Refuse(errors);
        var before = site is null ? null : Snapshot(site);
        if (site is null)
        {
            site = new Site { Item = item, Key = read!.Key, Name = read.Name, Position = item.Sites.Select(s => s.Position).DefaultIfEmpty(-1).Max() + 1 };
            item.Sites.Add(site);
        }
        (site.Key, site.Name, site.Town) = (read!.Key, read.Name, read.Town);
        var after = Snapshot(site);
        if (before is not null && before.SequenceEqual(after))
        {
            return;
        }
        await CommitAsync(actor, item.Category.Program, item, before is null ? "site.added" : "site.updated", $"item:{item.PublicId()}",
            $"{(before is null ? "新增" : "修改")}子项 {item.Code} 的点位“{site.Name}”", before, after, cancellationToken);
    }

    public async Task RemoveSiteAsync(StaffActor actor, Item item, int? revision, Site site, CancellationToken cancellationToken)
    {
        RequireRevision(revision, item.Revision, StaleItem);
        if (item.Reports.Any(r => r.SiteUpdates.Any(u => u.SiteId == site.Id)))
        {
            throw new InputException("", $"点位“{site.Name}”已有报告的进展，不能删除。");
        }
        var before = Snapshot(site);
        item.Sites.Remove(site);
        db.Sites.Remove(site);
        await CommitAsync(actor, item.Category.Program, item, "site.removed", $"item:{item.PublicId()}", $"删除子项 {item.Code} 的点位“{site.Name}”",
            before, null, cancellationToken);
    }

    public static bool HasFigures(Item item, Indicator indicator) => item.Reports.Any(r => r.Values.Any(v => v.IndicatorId == indicator.Id));

    /// <summary>
    /// Saves a plan change: the item's and the program's revisions move on (a concurrent save of either fails), the
    /// program gets a new data version, and the audit entry goes in the same SaveChanges.
    /// </summary>
    private async Task CommitAsync(StaffActor actor, LivelihoodProgram program, Item? item, string action, string subject, string summary,
        IReadOnlyDictionary<string, string?>? before, IReadOnlyDictionary<string, string?>? after, CancellationToken cancellationToken)
    {
        if (item is not null)
        {
            item.Revision++;
        }
        program.Revision++;
        audit.Record(actor, action, subject, summary, program.RegionId, before, after);
        try
        {
            await db.SaveWithNewDataVersionAsync([program.Id], cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StaleException(item is null ? StaleProgram : StaleItem);
        }
        if (program.IsPublished)
        {
            changes.Evict(program.Code);
        }
    }

    private static void RequireRevision(int? revision, int current, string message)
    {
        if (revision is { } r && r != current)
        {
            throw new StaleException(message);
        }
    }

    private static void Refuse(List<(string, string)> errors)
    {
        if (errors.Count > 0)
        {
            throw new InputException(errors);
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

    private static int Number(string? text, string field, List<(string, string)> errors)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 99)
        {
            return n;
        }
        errors.Add((field, "编号应为 1 到 99 之间的整数。"));
        return 0;
    }

    private static string? Text(string? value, string field, string label, int maxLength, List<(string, string)> errors)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0 || text.Length > maxLength || text.Any(char.IsControl))
        {
            errors.Add((field, $"{label}不能为空，最多 {maxLength} 个字符，且只能是一行文字。"));
            return null;
        }
        return text;
    }

    private static string? Clean(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static string ToChinese(Comparator comparator) => comparator switch
    {
        Comparator.AtLeast => "不少于",
        Comparator.Over => "以上",
        Comparator.About => "约",
        _ => "准确",
    };

    public static Dictionary<string, string?> Snapshot(Item item) => new(StringComparer.Ordinal)
    {
        ["title"] = item.Title,
        ["deadline"] = item.Deadline is { } d ? IsoDate.Format(d) : null,
        ["leadUnit"] = item.LeadUnitName,
        ["cooperatingUnits"] = string.Join("、", item.CooperatingUnitNames),
        ["leadOfficial"] = item.LeadOfficial,
        ["responsiblePerson"] = item.ResponsiblePerson,
    };

    private static Dictionary<string, string?> Snapshot(Category category) => new(StringComparer.Ordinal)
    {
        ["number"] = category.Number.ToString("00", CultureInfo.InvariantCulture),
        ["name"] = category.Name,
    };

    private static Dictionary<string, string?> Snapshot(Indicator indicator) => new(StringComparer.Ordinal)
    {
        ["key"] = indicator.Key,
        ["name"] = indicator.Name,
        ["unit"] = indicator.Unit,
        ["target"] = indicator.Target is { } t ? ChineseNumbers.Plain(t) : null,
        ["comparator"] = ToChinese(indicator.Comparator),
        ["accumulation"] = indicator.Accumulation == Accumulation.Cumulative ? "累计" : "按期",
    };

    private static Dictionary<string, string?> Snapshot(Site site) => new(StringComparer.Ordinal)
    {
        ["key"] = site.Key,
        ["name"] = site.Name,
        ["town"] = site.Town,
    };
}
