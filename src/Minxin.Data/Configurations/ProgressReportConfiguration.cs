using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Programs;
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
        builder.Property(r => r.ExpectedCompletionReason).HasMaxLength(FieldLimits.Note);
        builder.Property(r => r.Revision).IsConcurrencyToken();
        builder.HasOne(r => r.Round).WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ResponsibleUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.ReportId);
        builder.HasMany(r => r.Attachments).WithOne().HasForeignKey(a => a.ReportId);
        builder.HasIndex(r => r.Review);
        builder.Ignore(r => r.IsPublic);
        builder.Ignore(r => r.IsEditable);
    }
}
