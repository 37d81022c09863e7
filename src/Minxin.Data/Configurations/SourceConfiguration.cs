using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Programs;

namespace Minxin.Data.Configurations;

internal sealed class SourceConfiguration : IEntityTypeConfiguration<Source>
{
    public void Configure(EntityTypeBuilder<Source> builder)
    {
        builder.HasIndex(s => new { s.ProgramId, s.Key }).IsUnique();
        builder.Property(s => s.Key).HasMaxLength(FieldLimits.Code);
        builder.Property(s => s.Title).HasMaxLength(FieldLimits.Title);
        builder.Property(s => s.Publisher).HasMaxLength(FieldLimits.Name);
        builder.Property(s => s.Url).HasMaxLength(FieldLimits.Url);
    }
}
