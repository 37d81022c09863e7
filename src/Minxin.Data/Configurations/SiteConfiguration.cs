using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Programs;

namespace Minxin.Data.Configurations;

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> builder)
    {
        builder.HasIndex(s => new { s.ItemId, s.Key }).IsUnique();
        builder.Property(s => s.Key).HasMaxLength(FieldLimits.Code);
        builder.Property(s => s.Name).HasMaxLength(FieldLimits.Name);
        builder.Property(s => s.Town).HasMaxLength(FieldLimits.Name);
    }
}
