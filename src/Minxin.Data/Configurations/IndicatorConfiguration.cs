using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Programs;
using Minxin.Domain.Quantities;

namespace Minxin.Data.Configurations;

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.HasIndex(i => new { i.ItemId, i.Key }).IsUnique();
        builder.Property(i => i.Key).HasMaxLength(FieldLimits.Code);
        builder.Property(i => i.Name).HasMaxLength(FieldLimits.Name);
        builder.Property(i => i.Unit).HasMaxLength(FieldLimits.Unit);
        builder.Property(i => i.Target).HasConversion<Converters.Scaled>();
        builder.Property(i => i.Comparator).HasConversion<Converters.EnumCode<Comparator>>().HasMaxLength(16);
        builder.Property(i => i.Accumulation).HasConversion<Converters.EnumCode<Accumulation>>().HasMaxLength(16);
    }
}
