using Microsoft.EntityFrameworkCore;
using Minxin.Domain.Auditing;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;

namespace Minxin.Data;

public sealed class ProgramExistsException(string code)
    : Exception($"Program \"{code}\" already exists.")
{
    public string Code { get; } = code;
}

/// <summary>Reads programs out of the database, and adds new ones. Changes to stored programs go through <see cref="ProgramImport"/> and the workspace.</summary>
public static class ProgramStore
{
    /// <summary>
    /// The program with its whole tree. With <paramref name="publicOnly"/>, only a published program and only its
    /// approved reports: what the public may see.
    /// </summary>
    public static Task<LivelihoodProgram?> LoadAsync(MinxinDbContext db, string code, bool publicOnly, CancellationToken cancellationToken = default) =>
        WholeTree(db.Programs.AsNoTrackingWithIdentityResolution(), publicOnly).FirstOrDefaultAsync(p => p.Code == code, cancellationToken);

    /// <summary>Every program with its whole tree, newest year first.</summary>
    public static Task<List<LivelihoodProgram>> LoadAllAsync(MinxinDbContext db, bool publicOnly, CancellationToken cancellationToken = default) =>
        WholeTree(db.Programs.AsNoTrackingWithIdentityResolution(), publicOnly).OrderByDescending(p => p.Year).ThenBy(p => p.Code).ToListAsync(cancellationToken);

    /// <summary>The program's whole tree, tracked, for a change to it.</summary>
    public static Task<LivelihoodProgram?> LoadForChangeAsync(MinxinDbContext db, string code, CancellationToken cancellationToken = default) =>
        WholeTree(db.Programs, publicOnly: false).FirstOrDefaultAsync(p => p.Code == code, cancellationToken);

    // Without tracking, identity resolution fixes navigations up across the split queries.
    private static IQueryable<LivelihoodProgram> WholeTree(IQueryable<LivelihoodProgram> programs, bool publicOnly)
    {
        var query = (publicOnly ? programs.Where(p => p.Publication == PublicationState.Published) : programs)
            .Include(p => p.Region).ThenInclude(r => r.Parent)
            .Include(p => p.Sources)
            .Include(p => p.Editions)
            .Include(p => p.LightRules)
            .Include(p => p.Categories).ThenInclude(c => c.Items).ThenInclude(i => i.LightOverrides)
            .Include(p => p.Categories).ThenInclude(c => c.Items).ThenInclude(i => i.Units).ThenInclude(u => u.Unit)
            .Include(p => p.Categories).ThenInclude(c => c.Items).ThenInclude(i => i.Indicators)
            .Include(p => p.Categories).ThenInclude(c => c.Items).ThenInclude(i => i.Sites);
        var withReports = publicOnly
            ? query.Include(p => p.Categories).ThenInclude(c => c.Items).ThenInclude(i => i.Reports.Where(r => r.Review == ReviewState.Approved))
            : query.Include(p => p.Categories).ThenInclude(c => c.Items).ThenInclude(i => i.Reports);
        return withReports
            .Include(p => p.Categories).ThenInclude(c => c.Items).ThenInclude(i => i.Reports).ThenInclude(r => r.Values)
            .Include(p => p.Categories).ThenInclude(c => c.Items).ThenInclude(i => i.Reports).ThenInclude(r => r.SiteUpdates);
    }

    /// <summary>Stores a new program read from a data file or a text, in one transaction; an existing code is refused.</summary>
    public static async Task<LivelihoodProgram> AddAsync(MinxinDbContext db, LivelihoodProgram program, PublicationState publication,
        AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Programs.AnyAsync(p => p.Code == program.Code, cancellationToken))
        {
            throw new ProgramExistsException(program.Code);
        }
        program.Region = await AttachRegionAsync(db, program.Region, cancellationToken);
        await UnitDirectory.ResolveAsync(db, program.Region, program.Items, cancellationToken);
        program.DataVersion = 1;
        program.Publication = publication;
        if (publication == PublicationState.Published)
        {
            program.PublishedAt = audit?.At ?? DateTimeOffset.UtcNow;
            program.PublishedBy = "数据文件导入";
        }
        db.Programs.Add(program);
        if (audit is not null)
        {
            audit.Region = program.Region;
            db.AuditLog.Add(audit);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return program;
    }

    /// <summary>
    /// Makes a draft program public with its approved reports: a new data version, so every node drops what it
    /// cached, saved with its audit entry. The caller evicts this node's public caches once this returns.
    /// </summary>
    public static async Task PublishAsync(MinxinDbContext db, LivelihoodProgram program, string publishedBy, AuditAuthor by,
        CancellationToken cancellationToken = default)
    {
        if (program.IsPublished)
        {
            throw new InputException("", $"“{program.Code}”已经发布。");
        }
        var before = PublicationSnapshot(program);
        program.Publication = PublicationState.Published;
        program.PublishedAt = by.Now;
        program.PublishedBy = publishedBy;
        by.Record(db, "program.published", $"program:{program.Code}", $"发布民心工程《{program.Title}》", program.RegionId, before, PublicationSnapshot(program));
        await db.SaveWithNewDataVersionAsync([program.Id], cancellationToken);
    }

    private static Dictionary<string, string?> PublicationSnapshot(LivelihoodProgram program) => new(StringComparer.Ordinal)
    {
        ["publication"] = program.IsPublished ? "已发布" : "草稿",
        ["publishedBy"] = program.PublishedBy,
    };

    /// <summary>Regions are shared between programs: reuse one with the same code, parents included.</summary>
    public static async Task<Region> AttachRegionAsync(MinxinDbContext db, Region region, CancellationToken cancellationToken)
    {
        var stored = await db.Regions.FirstOrDefaultAsync(r => r.Code == region.Code, cancellationToken);
        if (stored is not null)
        {
            return stored;
        }
        if (region.Parent is not null)
        {
            region.Parent = await AttachRegionAsync(db, region.Parent, cancellationToken);
        }
        return region;
    }
}
