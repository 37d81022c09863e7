using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Programs;

namespace Minxin.Data.Configurations;

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.HasIndex(c => new { c.ProgramId, c.Number }).IsUnique();
        builder.Property(c => c.Name).HasMaxLength(FieldLimits.Name);
        builder.HasMany(c => c.Items).WithOne(i => i.Category).HasForeignKey(i => i.CategoryId);
        builder.Ignore(c => c.NumberText);
    }
}
