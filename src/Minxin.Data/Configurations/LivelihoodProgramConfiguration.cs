using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Programs;

namespace Minxin.Data.Configurations;

internal sealed class LivelihoodProgramConfiguration : IEntityTypeConfiguration<LivelihoodProgram>
{
    public void Configure(EntityTypeBuilder<LivelihoodProgram> builder)
    {
        builder.ToTable("Programs");
        builder.HasIndex(p => p.Code).IsUnique();
        builder.Property(p => p.Code).HasMaxLength(FieldLimits.Code);
        builder.Property(p => p.Title).HasMaxLength(FieldLimits.Title);
        builder.HasOne(p => p.Region).WithMany().HasForeignKey(p => p.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Categories).WithOne(c => c.Program).HasForeignKey(c => c.ProgramId);
        builder.HasMany(p => p.Sources).WithOne().HasForeignKey(s => s.ProgramId);
        builder.Property(p => p.Revision).IsConcurrencyToken();
        builder.Property(p => p.Publication).HasConversion<Converters.EnumCode<PublicationState>>().HasMaxLength(16);
        builder.Property(p => p.PublishedBy).HasMaxLength(FieldLimits.Name);
        builder.Property(p => p.MessageServiceDays).HasDefaultValue(Domain.Messages.ServiceLevel.DefaultWorkingDays);
        builder.Ignore(p => p.IsPublished);
        builder.Ignore(p => p.Items);
        builder.Ignore(p => p.FirstDay);
        builder.Ignore(p => p.LastDay);
    }
}
