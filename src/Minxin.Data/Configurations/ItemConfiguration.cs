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
        builder.Property(i => i.LeadOfficial).HasMaxLength(FieldLimits.Name);
        builder.Property(i => i.ResponsiblePerson).HasMaxLength(FieldLimits.Name);
        builder.Property(i => i.Revision).IsConcurrencyToken();
        builder.HasMany(i => i.Units).WithOne(u => u.Item).HasForeignKey(u => u.ItemId);
        builder.Ignore(i => i.LeadUnit);
        builder.Ignore(i => i.LeadUnitName);
        builder.Ignore(i => i.CooperatingUnits);
        builder.Ignore(i => i.CooperatingUnitNames);
        builder.HasMany(i => i.Indicators).WithOne(x => x.Item).HasForeignKey(x => x.ItemId);
        builder.HasMany(i => i.Sites).WithOne(x => x.Item).HasForeignKey(x => x.ItemId);
        builder.HasMany(i => i.Reports).WithOne(x => x.Item).HasForeignKey(x => x.ItemId);
        builder.Ignore(i => i.Code);
    }
}
