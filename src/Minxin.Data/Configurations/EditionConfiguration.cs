using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Minxin.Domain.Editions;
using Minxin.Domain.ProgramFiles;

namespace Minxin.Data.Configurations;

internal sealed class EditionConfiguration : IEntityTypeConfiguration<Edition>
{
    public void Configure(EntityTypeBuilder<Edition> builder)
    {
        builder.HasIndex(e => new { e.ProgramId, e.Slug }).IsUnique();
        builder.Property(e => e.Slug).HasMaxLength(Edition.MaxSlugLength);
        builder.Property(e => e.Title).HasMaxLength(Edition.MaxTitleLength);
        builder.Property(e => e.PublishedBy).HasMaxLength(FieldLimits.Name);
        builder.Property(e => e.SnapshotSha256).HasMaxLength(64);
        // A whole program: unbounded text, not the model's default length.
        builder.Property(e => e.Snapshot).Metadata.SetMaxLength(null);
        builder.Property(e => e.LightRule).Metadata.SetMaxLength(null);
        builder.Property(e => e.LightOverrides).Metadata.SetMaxLength(null);
        builder.HasOne<Domain.Programs.LivelihoodProgram>().WithMany(p => p.Editions).HasForeignKey(e => e.ProgramId).OnDelete(DeleteBehavior.Restrict);
    }
}
