using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Minxin.Domain.Programs;

namespace Minxin.Data.Configurations;

internal sealed class SourceConfiguration : IEntityTypeConfiguration<Source>
{
    public void Configure(EntityTypeBuilder<Source> builder)
    {
        builder.HasIndex(s => new { s.ProgramId, s.Key }).IsUnique();
        builder.Property(s => s.Key).HasMaxLength(64);
        builder.Property(s => s.Title).HasMaxLength(300);
        builder.Property(s => s.Publisher).HasMaxLength(200);
        builder.Property(s => s.Url).HasMaxLength(1000);
    }
}
