using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Minxin.Domain.Programs;

namespace Minxin.Data.Configurations;

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> builder)
    {
        builder.HasIndex(s => new { s.ItemId, s.Key }).IsUnique();
        builder.Property(s => s.Key).HasMaxLength(64);
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Town).HasMaxLength(100);
    }
}
