using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Minxin.Data.Staff;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Staff;

namespace Minxin.Data.Configurations;

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> builder)
    {
        builder.ToTable("StaffUsers");
        builder.Property(u => u.DisplayName).HasMaxLength(FieldLimits.Name);
        builder.Property(u => u.Role).HasConversion<Converters.EnumCode<StaffRole>>().HasMaxLength(16);
        builder.HasOne(u => u.Region).WithMany().HasForeignKey(u => u.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(u => u.IsDisabled);
    }
}

internal sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> builder)
    {
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.Property(t => t.Name).HasMaxLength(FieldLimits.Name);
        builder.Property(t => t.Prefix).HasMaxLength(16);
        builder.Property(t => t.Hash).HasMaxLength(64);
        builder.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
