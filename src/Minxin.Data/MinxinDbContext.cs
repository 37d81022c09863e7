using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Minxin.Data.Staff;
using Minxin.Domain.Auditing;
using Minxin.Domain.Editions;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;

namespace Minxin.Data;

/// <summary>
/// The one database context: programs and their reports, the workspace (units, rounds, staff accounts, tokens, the
/// audit log) and the data-protection keys every node shares. Each provider has a subclass only so that its
/// migrations live apart (Sqlite/Migrations, Postgres/Migrations); the model is the same.
/// </summary>
public abstract class MinxinDbContext(DbContextOptions options) : IdentityUserContext<StaffUser, int>(options), IDataProtectionKeyContext
{
    public DbSet<Region> Regions => Set<Region>();

    public DbSet<ResponsibleUnit> Units => Set<ResponsibleUnit>();

    public DbSet<LivelihoodProgram> Programs => Set<LivelihoodProgram>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<Item> Items => Set<Item>();

    public DbSet<ItemUnit> ItemUnits => Set<ItemUnit>();

    public DbSet<Indicator> Indicators => Set<Indicator>();

    public DbSet<Site> Sites => Set<Site>();

    public DbSet<Source> Sources => Set<Source>();

    public DbSet<ReportingRound> Rounds => Set<ReportingRound>();

    public DbSet<Edition> Editions => Set<Edition>();

    public DbSet<Domain.Oversight.ProgramLightRule> LightRules => Set<Domain.Oversight.ProgramLightRule>();

    public DbSet<Domain.Oversight.ItemLightOverride> LightOverrides => Set<Domain.Oversight.ItemLightOverride>();

    public DbSet<Domain.FollowUps.FollowUp> FollowUps => Set<Domain.FollowUps.FollowUp>();

    public DbSet<Domain.FollowUps.FollowUpEntry> FollowUpEntries => Set<Domain.FollowUps.FollowUpEntry>();

    public DbSet<Domain.FollowUps.FollowUpAttachment> FollowUpAttachments => Set<Domain.FollowUps.FollowUpAttachment>();

    public DbSet<Oversight.Notice> Notices => Set<Oversight.Notice>();

    public DbSet<Oversight.SentReminder> SentReminders => Set<Oversight.SentReminder>();

    public DbSet<Oversight.Lease> Leases => Set<Oversight.Lease>();

    public DbSet<Domain.Messages.CitizenMessage> Messages => Set<Domain.Messages.CitizenMessage>();

    public DbSet<Domain.Messages.MessageEntry> MessageEntries => Set<Domain.Messages.MessageEntry>();

    public DbSet<Domain.Ratings.RatingWindow> RatingWindows => Set<Domain.Ratings.RatingWindow>();

    public DbSet<Domain.Ratings.Rating> Ratings => Set<Domain.Ratings.Rating>();

    public DbSet<Domain.Ratings.DeputyTally> DeputyTallies => Set<Domain.Ratings.DeputyTally>();

    public DbSet<Domain.Following.Subscription> Subscriptions => Set<Domain.Following.Subscription>();

    public DbSet<ProgressReport> Reports => Set<ProgressReport>();

    public DbSet<IndicatorValue> IndicatorValues => Set<IndicatorValue>();

    public DbSet<SiteUpdate> SiteUpdates => Set<SiteUpdate>();

    public DbSet<ReportEvent> ReportEvents => Set<ReportEvent>();

    public DbSet<Attachment> Attachments => Set<Attachment>();

    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Saves the tracked changes and moves the data version of <paramref name="programIds"/> on, in one transaction.
    /// The version moves by an atomic <c>DataVersion + 1</c> in the database, never by writing back a value read
    /// earlier: two approvals at the same moment give two new versions, and every node sees both.
    /// </summary>
    public async Task SaveWithNewDataVersionAsync(IEnumerable<int> programIds, CancellationToken cancellationToken = default)
    {
        var ids = programIds.Distinct().ToList();
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await SaveChangesAsync(cancellationToken);
            if (ids.Count > 0)
            {
                await Programs.Where(p => ids.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.DataVersion, p => p.DataVersion + 1), cancellationToken);
            }
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        AppendOnly.Check(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        AppendOnly.Check(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // Identity's schema version is left at its default (StoreOptions.SchemaVersion unset everywhere), so the web app,
    // the CLI and the design-time factories build the same model as the migrations.
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<IdentityUserClaim<int>>().ToTable("StaffUserClaims");
        builder.Entity<IdentityUserLogin<int>>().ToTable("StaffUserLogins");
        builder.Entity<IdentityUserToken<int>>().ToTable("StaffUserTokens");
        builder.ApplyConfigurationsFromAssembly(typeof(MinxinDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Converters.UtcDateTimeOffset>();
        configurationBuilder.Properties<string>().HaveMaxLength(Domain.ProgramFiles.FieldLimits.Text);
    }
}

/// <summary>
/// What was reported is never rewritten, checked before every save (the database's triggers check the same for
/// every other path, bulk statements included): a report's content may change only while it is a draft or returned;
/// a submitted report may only be reviewed; an approved report never changes; its figures, site updates and
/// attachments change only with it; its history and the audit log are only ever appended to.
/// </summary>
internal static class AppendOnly
{
    private static readonly HashSet<string> ReviewProperties =
    [
        nameof(ProgressReport.Review), nameof(ProgressReport.ReviewedBy), nameof(ProgressReport.ReviewedByUserId),
        nameof(ProgressReport.ReviewedAt), nameof(ProgressReport.ReviewNote), nameof(ProgressReport.Revision),
    ];

    public static void Check(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries())
        {
            var refused = entry switch
            {
                { Entity: ProgressReport, State: EntityState.Modified } => RewrittenReport(entry),
                { Entity: ProgressReport, State: EntityState.Deleted } when Original(entry) != ReviewState.Draft => "a report that was submitted",
                { Entity: IndicatorValue or SiteUpdate or Attachment, State: EntityState.Modified or EntityState.Deleted }
                    when !ParentEditable(tracker, entry) => entry.Metadata.ClrType.Name + " of a report under review or approved",
                { Entity: ReportEvent or AuditEntry or Edition or Domain.Oversight.ProgramLightRule or Domain.FollowUps.FollowUpEntry
                    or Domain.FollowUps.FollowUpAttachment or Domain.Messages.MessageEntry or Domain.Ratings.Rating or Domain.Ratings.DeputyTally,
                    State: EntityState.Modified or EntityState.Deleted } => entry.Metadata.ClrType.Name,
                // An override goes with its item when a plan edit removes the item; it is never rewritten.
                { Entity: Domain.Oversight.ItemLightOverride, State: EntityState.Modified } => entry.Metadata.ClrType.Name,
                _ => null,
            };
            if (refused is not null)
            {
                throw new InvalidOperationException(
                    $"Reports are append-only: {refused} cannot be changed or removed. Submit a correction as a new version.");
            }
        }
    }

    private static ReviewState Original(EntityEntry entry) => entry.OriginalValues.GetValue<ReviewState>(nameof(ProgressReport.Review));

    private static string? RewrittenReport(EntityEntry entry)
    {
        var original = Original(entry);
        if (original is ReviewState.Draft or ReviewState.Returned)
        {
            return null;
        }
        var changed = entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).ToList();
        if (original == ReviewState.Approved && changed.Count > 0)
        {
            return "an approved report (" + string.Join(", ", changed) + ")";
        }
        return changed.FirstOrDefault(p => !ReviewProperties.Contains(p)) is { } content ? $"{content} of a submitted report" : null;
    }

    private static bool ParentEditable(ChangeTracker tracker, EntityEntry entry)
    {
        var reportId = entry.Property(nameof(IndicatorValue.ReportId)).OriginalValue as int?;
        var parent = tracker.Entries<ProgressReport>().FirstOrDefault(r => r.Entity.Id == reportId);
        return parent is not null && (parent.State == EntityState.Added || Original(parent) is ReviewState.Draft or ReviewState.Returned);
    }
}
