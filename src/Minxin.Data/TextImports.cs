using Microsoft.EntityFrameworkCore;
using Minxin.Domain;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Importer;

namespace Minxin.Data;

/// <summary>What saving a text's draft did.</summary>
public enum TextSaveKind
{
    /// <summary>A new program, stored as a draft, its reports waiting for review.</summary>
    NewDraft,

    /// <summary>The text's reports were added to the program already stored, each waiting for review.</summary>
    ReportsAdded,

    /// <summary>A draft program's plan was brought in line with the text (--replace).</summary>
    PlanUpdated,

    /// <summary>The draft program already says what the text says.</summary>
    Unchanged,
}

public sealed record TextSaveOutcome(TextSaveKind Kind, string Code, string Title, ImportOutcome Import, int ReportsAppended);

/// <summary>Why a text's draft was not saved; nothing was.</summary>
public enum TextSaveRefusal
{
    /// <summary>The program id belongs to a program of another region.</summary>
    OtherRegion,

    /// <summary>A published program's plan is never replaced from a text.</summary>
    PublishedPlan,

    /// <summary>The text's reports could not be added to the stored program (see the reasons).</summary>
    ReportsNotAdded,

    /// <summary>The draft, as corrected, is not a valid data file (see the file errors).</summary>
    InvalidFile,

    /// <summary>Storing would rewrite what may not be rewritten (see the reasons).</summary>
    ImportRefused,
}

public sealed class TextSaveRefusedException(TextSaveRefusal why, string message, IReadOnlyList<string> reasons, IReadOnlyList<ProgramFileError>? fileErrors = null)
    : Exception(message)
{
    public TextSaveRefusal Why { get; } = why;

    public IReadOnlyList<string> Reasons { get; } = reasons;

    public IReadOnlyList<ProgramFileError> FileErrors { get; } = fileErrors ?? [];

    /// <summary>The stored program the text concerned, when there was one.</summary>
    public bool ProgramIsDraft { get; init; }
}

/// <summary>
/// Stores the draft read from a published text, for `minxin import-text --save` and the workspace's import page alike,
/// never where the public can see it: a new program is a draft; a text about a program already stored adds its
/// reports, each waiting for a coordinator's review, and leaves the plan as it is. With replace, the plan of a draft
/// program is brought in line with the text; a published program's plan never is.
/// </summary>
public static class TextImports
{
    /// <param name="FindProgram">Look for the stored program of the draft's region and year (no program id was given).</param>
    /// <param name="Region">
    /// The region the draft belongs to, whatever the text says (the workspace's: a coordinator's own); null to take
    /// the text's region, matched by name (the command line).
    /// </param>
    public sealed record Options(bool FindProgram, bool Replace, Region? Region);

    /// <summary>The stored program the draft's reports would join, or null when saving makes a new draft program.</summary>
    public static async Task<LivelihoodProgram?> TargetAsync(MinxinDbContext db, ProgramFile draft, Options options, CancellationToken cancellationToken = default)
    {
        if (options.FindProgram && await SameRegionAndYearAsync(db, draft, options.Region, cancellationToken) is { } known)
        {
            return known;
        }
        return await db.Programs.AsNoTracking().Include(p => p.Region).FirstOrDefaultAsync(p => p.Code == draft.Id, cancellationToken);
    }

    /// <summary>Saves <paramref name="draft"/> (which it adjusts: region, id, review states); refusals throw <see cref="TextSaveRefusedException"/>.</summary>
    public static async Task<TextSaveOutcome> SaveAsync(MinxinDbContext db, ProgramFile draft, Options options, AuditAuthor by,
        CancellationToken cancellationToken = default)
    {
        if (options.Region is { } region)
        {
            draft.Region = RegionFile(region);
        }
        if (options.FindProgram && await SameRegionAndYearAsync(db, draft, options.Region, cancellationToken) is { } known)
        {
            draft.Id = known.Code;
            draft.Region = RegionFile(known.Region);
        }
        var existing = await ProgramStore.LoadAsync(db, draft.Id!, publicOnly: false, cancellationToken);
        if (existing is not null && options.Region is not null && existing.RegionId != options.Region.Id)
        {
            throw new TextSaveRefusedException(TextSaveRefusal.OtherRegion, $"标识“{draft.Id}”已被其他地区的民心工程使用，请换一个标识；未做任何改动。", []);
        }
        if (existing is { IsPublished: true } && options.Replace)
        {
            throw new TextSaveRefusedException(TextSaveRefusal.PublishedPlan,
                $"“{draft.Id}”已经发布，不能用文本替换它的计划，未做任何改动。计划请在工作台中修改。", []);
        }
        AwaitReview(draft);
        var toStore = draft;
        var appended = 0;
        if (existing is not null && !options.Replace)
        {
            var merge = ReportMerger.AppendReports(ProgramFileWriter.ToFile(existing), draft);
            if (merge.Program is null)
            {
                throw new TextSaveRefusedException(TextSaveRefusal.ReportsNotAdded,
                    $"已有标识为“{draft.Id}”的民心工程，这份文本的报告无法作为新报告加入，未做任何改动。", merge.Problems)
                {
                    ProgramIsDraft = !existing.IsPublished,
                };
            }
            toStore = merge.Program;
            appended = merge.ReportsAdded;
        }
        var checkedFile = ProgramFileReader.Read($"{draft.Id}.json", ProgramFileWriter.Serialize(toStore));
        if (!checkedFile.IsValid)
        {
            throw new TextSaveRefusedException(TextSaveRefusal.InvalidFile, "草稿没有通过数据文件校验，未做任何改动。",
                checkedFile.Errors.Select(e => e.ToString()).ToList(), checkedFile.Errors);
        }
        var audit = by.Entry("program.text-imported", $"program:{draft.Id}", $"从文本导入：{draft.Sources?.FirstOrDefault()?.Title ?? draft.Title}",
            existing?.RegionId ?? options.Region?.Id);
        ImportOutcome outcome;
        try
        {
            outcome = await ProgramImport.AddOrApplyAsync(db, checkedFile.Program!, PublicationState.Draft,
                allowPlanChanges: existing is null || options.Replace, audit, broughtBy: by, cancellationToken: cancellationToken);
        }
        catch (ImportRefusedException e)
        {
            throw new TextSaveRefusedException(TextSaveRefusal.ImportRefused,
                $"导入被拒绝（{e.Reasons.Count} 处），未做任何改动。已提交的报告只能以更正版本追加，不能改写。", e.Reasons);
        }
        var kind = existing is null ? TextSaveKind.NewDraft
            : !options.Replace ? TextSaveKind.ReportsAdded
            : outcome.Changed ? TextSaveKind.PlanUpdated : TextSaveKind.Unchanged;
        return new TextSaveOutcome(kind, draft.Id!, toStore.Title ?? draft.Id!, outcome, appended);
    }

    /// <summary>What a text brings is given for review: each of its reports waits for a coordinator.</summary>
    private static void AwaitReview(ProgramFile draft)
    {
        foreach (var review in (draft.Categories ?? []).SelectMany(c => c.Items ?? []).SelectMany(i => i.Reports ?? []).Select(r => r.Review))
        {
            if (review is not null)
            {
                review.State = EnumCodes.ToCode(ReviewState.Submitted);
            }
        }
    }

    // The command line trusts the text's region name; the workspace looks only in the region it was given.
    private static async Task<LivelihoodProgram?> SameRegionAndYearAsync(MinxinDbContext db, ProgramFile draft, Region? region, CancellationToken cancellationToken)
    {
        var programs = db.Programs.AsNoTracking().Include(p => p.Region).ThenInclude(r => r.Parent).Where(p => p.Year == draft.Year);
        var candidates = await (region is null ? programs.Where(p => p.Region.Name == draft.Region!.Name) : programs.Where(p => p.RegionId == region.Id))
            .ToListAsync(cancellationToken);
        return candidates.Count == 1 ? candidates[0] : null;
    }

    /// <summary>The region as a data file names it, parents included (they must be loaded).</summary>
    public static RegionFile RegionFile(Region region) =>
        new() { Code = region.Code, Name = region.Name, Parent = region.Parent is null ? null : RegionFile(region.Parent) };
}
