using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Minxin.Domain.Programs;
using Minxin.Domain.Quantities;

namespace Minxin.Data.Configurations;

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.HasIndex(i => new { i.ItemId, i.Key }).IsUnique();
        builder.Property(i => i.Key).HasMaxLength(64);
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.Unit).HasMaxLength(32);
        builder.Property(i => i.Target).HasConversion<Converters.Scaled>();
        builder.Property(i => i.Comparator).HasConversion<Converters.EnumCode<Comparator>>().HasMaxLength(16);
        builder.Property(i => i.Accumulation).HasConversion<Converters.EnumCode<Accumulation>>().HasMaxLength(16);
    }
}
