using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Documents.FollowUps;
using Minxin.Documents.Rendering;
using Minxin.Domain.FollowUps;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Audit;
using Minxin.Web.Workspace.Reporting;

namespace Minxin.Web.Workspace.FollowUps;

/// <summary>What a coordinator sends to issue a 督办: the item, the unit (code or name; the lead unit when left out), the number (the next free one when left out), the requirement and the deadline.</summary>
public sealed record FollowUpRequest(string? ItemId, string? Unit, string? Number, string? Requirement, string? Deadline);

/// <summary>A file of an answer as lists show it: without its bytes, which are read only to download it.</summary>
public sealed record FollowUpFile(int Id, int EntryId, string FileName, string ContentType, long Length);

/// <summary>A follow-up with the files of its answers.</summary>
public sealed record FollowUpDetails(FollowUp FollowUp, IReadOnlyList<FollowUpFile> Files)
{
    public IEnumerable<FollowUpFile> FilesOf(FollowUpEntry entry) => Files.Where(f => f.EntryId == entry.Id);
}

/// <summary>Which follow-ups a list shows.</summary>
public enum FollowUpFilter
{
    /// <summary>Not closed.</summary>
    Open,
    /// <summary>Open, waiting for the unit, past the deadline.</summary>
    Overdue,
    Closed,
    All,
}

/// <summary>
/// 督办 in the workspace: issuing, answering (with files checked as evidence files are), sending back and closing,
/// each step saved with its audit entry in one SaveChanges; a stale revision or a concurrent step is a 412.
/// </summary>
public sealed class FollowUpService(MinxinDbContext db, AuditTrail audit, TimeProvider clock)
{
    public DateOnly Today => ChinaTime.Today(clock);

    /// <summary>The next number of the program this year (China time): 津南民心督〔2025〕N号.</summary>
    public async Task<string> SuggestNumberAsync(LivelihoodProgram program, CancellationToken cancellationToken)
    {
        var numbers = await db.FollowUps.Where(f => f.ProgramId == program.Id).Select(f => f.Number).ToListAsync(cancellationToken);
        return FollowUpWorkflow.SuggestNumber(program.Region, Today.Year, numbers);
    }

    public async Task<FollowUp> IssueAsync(StaffActor actor, Item item, FollowUpRequest request, CancellationToken cancellationToken)
    {
        var program = item.Category.Program;
        var unit = await UnitAsync(item, request.Unit, cancellationToken);
        var number = string.IsNullOrWhiteSpace(request.Number) ? await SuggestNumberAsync(program, cancellationToken) : request.Number.Trim();
        var numbers = await db.FollowUps.Where(f => f.ProgramId == program.Id).Select(f => f.Number).ToListAsync(cancellationToken);
        var today = Today;
        var errors = new List<(string Field, string Message)>();
        if (!IsoDate.TryParse(request.Deadline, out var deadline))
        {
            errors.Add(("deadline", string.IsNullOrWhiteSpace(request.Deadline)
                ? "请填写办理时限，格式为 YYYY-MM-DD，例如 2025-08-31。"
                : $"“{request.Deadline}”不是有效日期，应为 YYYY-MM-DD，例如 2025-08-31。"));
            deadline = today;
        }
        if (unit.Missing is { } missing)
        {
            errors.Add(("unit", missing));
        }
        else
        {
            errors.AddRange(FollowUpWorkflow.Check(item, unit.Unit, new FollowUpOrder(number, request.Requirement, deadline), numbers, today));
        }
        if (errors.Count > 0)
        {
            // The fields in the order the form shows them.
            string[] order = ["unit", "number", "requirement", "deadline"];
            throw new InputException(errors.OrderBy(e => Array.IndexOf(order, e.Field)).ToList());
        }
        var followUp = Checked(() => FollowUpWorkflow.Issue(item, unit.Unit!, new FollowUpOrder(number, request.Requirement, deadline), numbers, actor, clock.GetUtcNow(), today));
        db.FollowUps.Add(followUp);
        audit.Record(actor, "followup.issued", Subject(followUp),
            $"向{followUp.Unit.Name}下发督办 {followUp.Number}（子项 {item.PublicId()}，{IsoDate.Format(followUp.Deadline)} 前办理）：{followUp.Requirement}", program.RegionId,
            after: Snapshot(followUp));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (db.Entry(followUp).State == EntityState.Added)
        {
            // Two coordinators took the same number at once: the unique index keeps it one letter's.
            db.ChangeTracker.Clear();
            if (await db.FollowUps.AnyAsync(f => f.ProgramId == program.Id && f.Number == followUp.Number, CancellationToken.None))
            {
                throw new InputException("number", $"督办编号“{followUp.Number}”刚被他人用过，请换一个编号。");
            }
            throw;
        }
        return followUp;
    }

    /// <summary>The unit's answer, with files already checked by <see cref="EvidenceFiles.ReadAsync"/>.</summary>
    public async Task AnswerAsync(StaffActor actor, FollowUp followUp, int? revision, string? text, IReadOnlyList<EvidenceFile> files, CancellationToken cancellationToken)
    {
        RequireRevision(followUp, revision);
        var before = Snapshot(followUp);
        var entry = Checked(() => FollowUpWorkflow.Answer(followUp, actor, text, clock.GetUtcNow(), files.Select(Attachment)));
        audit.Record(actor, "followup.answered", Subject(followUp),
            $"{followUp.Unit.Name}答复督办 {followUp.Number}{FilesSaid(entry.Attachments)}：{entry.Text}", RegionOf(followUp), before, Snapshot(followUp));
        await SaveAsync(cancellationToken);
    }

    /// <summary>A file added to the answer that waits for the coordinator.</summary>
    public async Task<FollowUpAttachment> AttachAsync(StaffActor actor, FollowUp followUp, EvidenceFile file, CancellationToken cancellationToken)
    {
        var pending = FollowUpWorkflow.PendingAnswer(followUp);
        var already = pending is null ? 0 : await db.FollowUpAttachments.CountAsync(a => a.EntryId == pending.Id, cancellationToken);
        var attachment = Attachment(file);
        Checked<int>(() => { FollowUpWorkflow.Attach(followUp, actor, attachment, already); return 0; });

        audit.Record(actor, "followup.attachment-added", Subject(followUp),
            $"为督办 {followUp.Number} 的答复附上“{file.FileName}”（{file.ContentType}，{file.Bytes.Length} 字节）", RegionOf(followUp));
        await SaveAsync(cancellationToken);
        return attachment;
    }

    public async Task SendBackAsync(StaffActor actor, FollowUp followUp, int? revision, string? reason, CancellationToken cancellationToken)
    {
        RequireRevision(followUp, revision);
        var before = Snapshot(followUp);
        var entry = Checked(() => FollowUpWorkflow.SendBack(followUp, actor, reason, clock.GetUtcNow()));
        audit.Record(actor, "followup.sent-back", Subject(followUp), $"退回{followUp.Unit.Name}对督办 {followUp.Number} 的答复：{entry.Text}", RegionOf(followUp),
            before, Snapshot(followUp));
        await SaveAsync(cancellationToken);
    }

    public async Task CloseAsync(StaffActor actor, FollowUp followUp, int? revision, string? note, CancellationToken cancellationToken)
    {
        RequireRevision(followUp, revision);
        var before = Snapshot(followUp);
        var entry = Checked(() => FollowUpWorkflow.Close(followUp, actor, note, clock.GetUtcNow()));
        audit.Record(actor, "followup.closed", Subject(followUp), $"督办 {followUp.Number} 办结{(entry.Text.Length > 0 ? "：" + entry.Text : "")}", RegionOf(followUp),
            before, Snapshot(followUp));
        await SaveAsync(cancellationToken);
    }

    /// <summary>The follow-ups the actor may see, newest first, narrowed by <paramref name="filter"/>.</summary>
    public async Task<List<FollowUp>> ListAsync(StaffActor actor, FollowUpFilter filter, CancellationToken cancellationToken)
    {
        var query = db.FollowUpsWithItems().AsNoTrackingWithIdentityResolution().VisibleTo(actor);
        query = filter switch
        {
            FollowUpFilter.Closed => query.Where(f => f.State == FollowUpState.Closed),
            FollowUpFilter.All => query,
            _ => query.Where(f => f.State != FollowUpState.Closed),
        };
        // Newest first: ids follow the order of issue.
        var list = await query.OrderByDescending(f => f.Id).ToListAsync(cancellationToken);
        var today = Today;
        return filter == FollowUpFilter.Overdue ? list.Where(f => f.IsOverdue(today)).ToList() : list;
    }

    /// <summary>The unit's open follow-ups (a reporter's to-do list): those waiting for the unit first, the nearest deadline first.</summary>
    public async Task<List<FollowUp>> OpenForUnitAsync(StaffActor actor, CancellationToken cancellationToken)
    {
        if (actor.Role != StaffRole.Reporter || actor.UnitId is null)
        {
            return [];
        }
        var open = await ListAsync(actor, FollowUpFilter.Open, cancellationToken);
        return open.OrderBy(f => !FollowUpWorkflow.AwaitsUnit(f)).ThenBy(f => f.Deadline).ThenBy(f => f.Id).ToList();
    }

    /// <summary>The follow-up (tracked, for a step) with the files of its answers, or null.</summary>
    public async Task<FollowUpDetails?> FindAsync(int id, CancellationToken cancellationToken)
    {
        var followUp = await db.FollowUpsWithItems().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (followUp is null)
        {
            return null;
        }
        var entryIds = followUp.Entries.Select(e => e.Id).ToList();
        var files = await db.FollowUpAttachments.AsNoTracking().Where(a => entryIds.Contains(a.EntryId)).OrderBy(a => a.Id)
            .Select(a => new FollowUpFile(a.Id, a.EntryId, a.FileName, a.ContentType, a.Length)).ToListAsync(cancellationToken);
        return new FollowUpDetails(followUp, files);
    }

    /// <summary>A file of one of this follow-up's answers, with its bytes, or null.</summary>
    public Task<FollowUpAttachment?> FileAsync(FollowUp followUp, int attachmentId, CancellationToken cancellationToken)
    {
        var entryIds = followUp.Entries.Select(e => e.Id).ToList();
        return db.FollowUpAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && entryIds.Contains(a.EntryId), cancellationToken);
    }

    /// <summary>What the 督办函 says: the order as issued, and where the item stood by its last approved report.</summary>
    public async Task<SupervisionLetterContent> LetterAsync(FollowUp followUp, CancellationToken cancellationToken)
    {
        var item = followUp.Item;
        var region = item.Category.Program.Region;
        var issuedOn = ChinaTime.Date(followUp.IssuedAt);
        var last = await db.Reports.AsNoTracking()
            .Where(r => r.ItemId == item.Id && r.Review == ReviewState.Approved && r.AsOf <= issuedOn)
            .OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Version)
            .Select(r => new { r.AsOf, r.Status }).FirstOrDefaultAsync(cancellationToken);
        var situation = last is null ? null : $"截至{ChineseDates.Full(last.AsOf)}，{last.Status.ToChinese()}";
        return new SupervisionLetterContent(region.Name, IssuingOffice(region), followUp.Number, followUp.Unit.Name, item.Code, item.Title,
            followUp.Requirement, followUp.Deadline, issuedOn, situation);
    }

    /// <summary>"津南区民心工程办公室": the coordinating office that signs the letters.</summary>
    public static string IssuingOffice(Region region) => region.Name + "民心工程办公室";

    /// <summary>The audit log's name for a follow-up: its program and number, both known before it is first saved.</summary>
    public static string Subject(FollowUp followUp) => $"followup:{followUp.Item.Category.Program.Code}/{followUp.Number}";

    public static string ETag(FollowUp followUp) => $"\"r{followUp.Revision}\"";

    public static void RequireRevision(FollowUp followUp, int? revision)
    {
        if (revision is { } r && r != followUp.Revision)
        {
            throw new StaleException($"督办 {followUp.Number} 在您打开之后已有新的办理记录（答复、退回或办结），您的操作没有保存；请看它现在的状态后再操作。");
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StaleException("这件督办刚被他人办理，您的操作没有保存，请刷新后再试。");
        }
    }

    /// <summary>The unit named by code or name among the item's units; the lead unit when none is named.</summary>
    private async Task<(ResponsibleUnit? Unit, string? Missing)> UnitAsync(Item item, string? named, CancellationToken cancellationToken)
    {
        var units = item.Units.Select(u => u.Unit).ToList();
        if (string.IsNullOrWhiteSpace(named))
        {
            return item.LeadUnit is { } lead ? (lead, null) : (null, $"子项 {item.Code} 还没有牵头单位，请先在计划里指定，或写明被督办单位。");
        }
        var text = named.Trim();
        var unit = units.FirstOrDefault(u => u.Code == text || u.Name == text)
            ?? await db.Units.FirstOrDefaultAsync(u => u.RegionId == item.Category.Program.RegionId && (u.Code == text || u.Name == text), cancellationToken);
        return unit is null ? (null, $"本地区没有名为或代码为“{text}”的责任单位。") : (unit, null);
    }

    private static FollowUpAttachment Attachment(EvidenceFile file) => new()
    {
        FileName = file.FileName,
        ContentType = file.ContentType,
        Length = file.Bytes.Length,
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Bytes)),
        Bytes = file.Bytes,
    };

    private static string FilesSaid(List<FollowUpAttachment> files) =>
        files.Count == 0 ? "" : $"（附 {files.Count} 个文件：{string.Join("、", files.Select(f => f.FileName))}）";

    private static int RegionOf(FollowUp followUp) => followUp.Item.Category.Program.RegionId;

    private static Dictionary<string, string?> Snapshot(FollowUp followUp) => new()
    {
        ["state"] = Minxin.Domain.EnumCodes.ToCode(followUp.State),
        ["unit"] = followUp.Unit.Name,
        ["deadline"] = IsoDate.Format(followUp.Deadline),
    };

    // The domain's refusals as the workspace's: a field error is a 400 at the field, a forbidden step a 409.
    private static T Checked<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (FollowUpInputException e)
        {
            throw new InputException(e.Errors);
        }
    }

    private static void Domain(Action step) => Checked(() => { step(); return 0; });
}

/// <summary>How the workspace reads follow-ups: with their item (program, region, units), unit and entries; scoped to what the actor may see.</summary>
public static class FollowUpQueries
{
    public static IQueryable<FollowUp> FollowUpsWithItems(this MinxinDbContext db) => db.FollowUps
        .Include(f => f.Item).ThenInclude(i => i.Category).ThenInclude(c => c.Program).ThenInclude(p => p.Region)
        .Include(f => f.Item).ThenInclude(i => i.Units).ThenInclude(u => u.Unit)
        .Include(f => f.Unit)
        // Entries are appended, so their ids are their order (and SQLite cannot order by a DateTimeOffset).
        .Include(f => f.Entries.OrderBy(e => e.Id))
        .AsSplitQuery();

    /// <summary>The region's follow-ups; for a reporter only those addressed to its unit; none for who may not view them.</summary>
    public static IQueryable<FollowUp> VisibleTo(this IQueryable<FollowUp> followUps, StaffActor actor)
    {
        if (!actor.May(StaffAction.ViewFollowUps))
        {
            return followUps.Where(_ => false);
        }
        var inRegion = followUps.Where(f => f.Item.Category.Program.RegionId == actor.RegionId);
        return actor.Role switch
        {
            StaffRole.Reporter when actor.UnitId is { } unit => inRegion.Where(f => f.UnitId == unit),
            StaffRole.Reporter => inRegion.Where(_ => false),
            _ => inRegion,
        };
    }
}
