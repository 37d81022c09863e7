using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Progress;

namespace Minxin.Data.Configurations;

internal sealed class SiteUpdateConfiguration : IEntityTypeConfiguration<SiteUpdate>
{
    public void Configure(EntityTypeBuilder<SiteUpdate> builder)
    {
        builder.HasIndex(u => new { u.ReportId, u.SiteId }).IsUnique();
        builder.Property(u => u.Phase).HasConversion<Converters.EnumCode<SitePhase>>().HasMaxLength(16);
        builder.Property(u => u.ExpectedCompletion).HasConversion<Converters.ExpectedDateText>().HasMaxLength(10);
        builder.Property(u => u.Note).HasMaxLength(FieldLimits.Note);
        builder.HasOne(u => u.Site).WithMany().HasForeignKey(u => u.SiteId).OnDelete(DeleteBehavior.Cascade);
    }
}
