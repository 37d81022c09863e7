using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Programs;

namespace Minxin.Data.Configurations;

internal sealed class ItemConfiguration : IEntityTypeConfiguration<Item>
{
    public void Configure(EntityTypeBuilder<Item> builder)
    {
        builder.HasIndex(i => new { i.CategoryId, i.Number }).IsUnique();
        builder.Property(i => i.LeadUnit).HasMaxLength(FieldLimits.Name);
        builder.PrimitiveCollection(i => i.CooperatingUnits);
        builder.HasMany(i => i.Indicators).WithOne(x => x.Item).HasForeignKey(x => x.ItemId);
        builder.HasMany(i => i.Sites).WithOne(x => x.Item).HasForeignKey(x => x.ItemId);
        builder.HasMany(i => i.Reports).WithOne(x => x.Item).HasForeignKey(x => x.ItemId);
        builder.Ignore(i => i.Code);
    }
}
