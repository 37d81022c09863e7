using Microsoft.EntityFrameworkCore;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;

namespace Minxin.Data;

public sealed class ProgramExistsException(string code)
    : Exception($"Program \"{code}\" already exists.")
{
    public string Code { get; } = code;
}

/// <summary>Reads whole programs out of the database and puts whole programs in, each in one transaction.</summary>
public static class ProgramStore
{
    /// <summary>
    /// The program with its whole tree. With <paramref name="publicOnly"/>, only approved reports come along:
    /// what the public may see.
    /// </summary>
    public static Task<LivelihoodProgram?> LoadAsync(MinxinDbContext db, string code, bool publicOnly, CancellationToken cancellationToken = default) =>
        WholeTree(db, publicOnly).FirstOrDefaultAsync(p => p.Code == code, cancellationToken);

    /// <summary>Every program with its whole tree, newest year first.</summary>
    public static Task<List<LivelihoodProgram>> LoadAllAsync(MinxinDbContext db, bool publicOnly, CancellationToken cancellationToken = default) =>
        WholeTree(db, publicOnly).OrderByDescending(p => p.Year).ThenBy(p => p.Code).ToListAsync(cancellationToken);

    // Tracking is off; identity resolution fixes navigations up across the split queries.
    private static IQueryable<LivelihoodProgram> WholeTree(MinxinDbContext db, bool publicOnly)
    {
        var query = db.Programs.AsNoTrackingWithIdentityResolution()
            .Include(p => p.Region).ThenInclude(r => r.Parent)
            .Include(p => p.Sources)
            .Include(p => p.Categories).ThenInclude(c => c.Items).ThenInclude(i => i.Indicators)
            .Include(p => p.Categories).ThenInclude(c => c.Items).ThenInclude(i => i.Sites);
        var withReports = publicOnly
            ? query.Include(p => p.Categories).ThenInclude(c => c.Items).ThenInclude(i => i.Reports.Where(r => r.Review == ReviewState.Approved))
            : query.Include(p => p.Categories).ThenInclude(c => c.Items).ThenInclude(i => i.Reports);
        return withReports
            .Include(p => p.Categories).ThenInclude(c => c.Items).ThenInclude(i => i.Reports).ThenInclude(r => r.Values)
            .Include(p => p.Categories).ThenInclude(c => c.Items).ThenInclude(i => i.Reports).ThenInclude(r => r.SiteUpdates);
    }

    /// <summary>
    /// Stores a program read from a data file. An existing program with the same code is refused unless
    /// <paramref name="replace"/> is set, in which case it is removed in the same transaction.
    /// </summary>
    public static async Task<LivelihoodProgram> AddAsync(MinxinDbContext db, LivelihoodProgram program, bool replace, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.Programs.FirstOrDefaultAsync(p => p.Code == program.Code, cancellationToken);
        long version = 1;
        if (existing is not null)
        {
            if (!replace)
            {
                throw new ProgramExistsException(program.Code);
            }
            version = existing.DataVersion + 1;
            await DeleteAsync(db, existing.Id, cancellationToken);
        }
        program.Region = await AttachRegionAsync(db, program.Region, cancellationToken);
        program.DataVersion = version;
        db.Programs.Add(program);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return program;
    }

    private static async Task DeleteAsync(MinxinDbContext db, int programId, CancellationToken cancellationToken)
    {
        var items = db.Items.Where(i => i.Category.ProgramId == programId);
        var reports = db.Reports.Where(r => items.Contains(r.Item));
        await db.IndicatorValues.Where(v => reports.Contains(v.Report)).ExecuteDeleteAsync(cancellationToken);
        await db.SiteUpdates.Where(u => reports.Contains(u.Report)).ExecuteDeleteAsync(cancellationToken);
        await reports.ExecuteDeleteAsync(cancellationToken);
        await db.Indicators.Where(x => items.Contains(x.Item)).ExecuteDeleteAsync(cancellationToken);
        await db.Sites.Where(x => items.Contains(x.Item)).ExecuteDeleteAsync(cancellationToken);
        await items.ExecuteDeleteAsync(cancellationToken);
        await db.Categories.Where(c => c.ProgramId == programId).ExecuteDeleteAsync(cancellationToken);
        await db.Sources.Where(s => s.ProgramId == programId).ExecuteDeleteAsync(cancellationToken);
        await db.Programs.Where(p => p.Id == programId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Regions are shared between programs: reuse one with the same code, parents included.</summary>
    private static async Task<Region> AttachRegionAsync(MinxinDbContext db, Region region, CancellationToken cancellationToken)
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
