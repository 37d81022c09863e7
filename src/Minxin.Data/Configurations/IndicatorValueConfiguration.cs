using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;

namespace Minxin.Data.Configurations;

internal sealed class IndicatorValueConfiguration : IEntityTypeConfiguration<IndicatorValue>
{
    public void Configure(EntityTypeBuilder<IndicatorValue> builder)
    {
        builder.HasIndex(v => new { v.ReportId, v.IndicatorId }).IsUnique();
        builder.Property(v => v.Value).HasConversion<Converters.Scaled>();
        builder.Property(v => v.StatedPercent).HasConversion<Converters.Scaled>();
        builder.Property(v => v.Qualifier).HasConversion<Converters.EnumCode<Comparator>>().HasMaxLength(16);
        builder.Property(v => v.Period).HasConversion<Converters.PeriodText>().HasMaxLength(21);
        builder.HasOne(v => v.Indicator).WithMany().HasForeignKey(v => v.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }
}
