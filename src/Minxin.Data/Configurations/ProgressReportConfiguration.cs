using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Progress;

namespace Minxin.Data.Configurations;

internal sealed class ProgressReportConfiguration : IEntityTypeConfiguration<ProgressReport>
{
    public void Configure(EntityTypeBuilder<ProgressReport> builder)
    {
        builder.ToTable("Reports");
        builder.HasIndex(r => new { r.ItemId, r.AsOf, r.Version }).IsUnique();
        builder.Property(r => r.Status).HasConversion<Converters.EnumCode<ItemStatus>>().HasMaxLength(16);
        builder.Property(r => r.Review).HasConversion<Converters.EnumCode<ReviewState>>().HasMaxLength(16);
        builder.Property(r => r.ExpectedCompletion).HasConversion<Converters.ExpectedDateText>().HasMaxLength(10);
        builder.Property(r => r.Narrative).HasMaxLength(FieldLimits.Narrative);
        builder.Property(r => r.SubmittedBy).HasMaxLength(FieldLimits.Name);
        builder.Property(r => r.ReviewedBy).HasMaxLength(FieldLimits.Name);
        builder.HasOne(r => r.Source).WithMany().HasForeignKey(r => r.SourceId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(r => r.Values).WithOne(v => v.Report).HasForeignKey(v => v.ReportId);
        builder.HasMany(r => r.SiteUpdates).WithOne(u => u.Report).HasForeignKey(u => u.ReportId);
        builder.Ignore(r => r.IsPublic);
    }
}
