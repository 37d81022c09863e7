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

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MinxinDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Converters.UtcDateTimeOffset>();
        configurationBuilder.Properties<string>().HaveMaxLength(Domain.ProgramFiles.FieldLimits.Text);
    }
}
