using Microsoft.EntityFrameworkCore;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;

namespace Minxin.Data;

/// <summary>
/// The one database context. Each provider has a subclass only so that its migrations live apart
/// (Sqlite/Migrations, Postgres/Migrations); the model is the same.
/// </summary>
public abstract class MinxinDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Region> Regions => Set<Region>();

    public DbSet<LivelihoodProgram> Programs => Set<LivelihoodProgram>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<Item> Items => Set<Item>();

    public DbSet<Indicator> Indicators => Set<Indicator>();

    public DbSet<Site> Sites => Set<Site>();

    public DbSet<Source> Sources => Set<Source>();

    public DbSet<ProgressReport> Reports => Set<ProgressReport>();

    public DbSet<IndicatorValue> IndicatorValues => Set<IndicatorValue>();

    public DbSet<SiteUpdate> SiteUpdates => Set<SiteUpdate>();

    /// <summary>
    /// Reports are append-only: what a unit reported (its date, figures, narrative, sites) never changes once saved;
    /// a correction is a new version. Only the review of a report moves on (submitted → approved or returned).
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseRewrittenReports();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseRewrittenReports();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private static readonly HashSet<string> ReviewProperties =
        [nameof(ProgressReport.Review), nameof(ProgressReport.ReviewedBy), nameof(ProgressReport.ReviewedAt), nameof(ProgressReport.ReviewNote)];

    private void RefuseRewrittenReports()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            var rewritten = entry switch
            {
                { Entity: ProgressReport, State: EntityState.Modified } =>
                    entry.Properties.Where(p => p.IsModified && !ReviewProperties.Contains(p.Metadata.Name)).Select(p => p.Metadata.Name).FirstOrDefault(),
                { Entity: IndicatorValue or SiteUpdate, State: EntityState.Modified or EntityState.Deleted } => entry.Metadata.ClrType.Name,
                { Entity: ProgressReport, State: EntityState.Deleted } => "the report itself",
                _ => null,
            };
            if (rewritten is not null)
            {
                throw new InvalidOperationException(
                    $"Reports are append-only: {rewritten} of a saved report cannot be changed or removed. Submit a correction as a new version.");
            }
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MinxinDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Converters.UtcDateTimeOffset>();
        configurationBuilder.Properties<string>().HaveMaxLength(Domain.ProgramFiles.FieldLimits.Text);
    }
}
