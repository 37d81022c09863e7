using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Minxin.Data.Oversight;
using Minxin.Domain.FollowUps;
using Minxin.Domain.Oversight;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Programs;

namespace Minxin.Data.Configurations;

internal sealed class ProgramLightRuleConfiguration : IEntityTypeConfiguration<ProgramLightRule>
{
    public void Configure(EntityTypeBuilder<ProgramLightRule> builder)
    {
        builder.HasIndex(r => new { r.ProgramId, r.Version }).IsUnique();
        builder.Property(r => r.Aggregation).HasConversion<Converters.EnumCode<IndicatorAggregation>>().HasMaxLength(24);
        builder.Property(r => r.Reason).HasMaxLength(ProgramLightRule.MaxReasonLength);
        builder.Property(r => r.ChangedBy).HasMaxLength(FieldLimits.Name);
        builder.HasOne<LivelihoodProgram>().WithMany(p => p.LightRules).HasForeignKey(r => r.ProgramId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ItemLightOverrideConfiguration : IEntityTypeConfiguration<ItemLightOverride>
{
    public void Configure(EntityTypeBuilder<ItemLightOverride> builder)
    {
        builder.HasIndex(o => o.ItemId);
        builder.Property(o => o.Color).HasConversion<Converters.EnumCode<LightColor>>().HasMaxLength(16);
        builder.Property(o => o.Reason).HasMaxLength(ItemLightOverride.MaxReasonLength);
        builder.Property(o => o.By).HasMaxLength(FieldLimits.Name);
        builder.HasOne<Item>().WithMany(i => i.LightOverrides).HasForeignKey(o => o.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> builder)
    {
        builder.HasIndex(f => new { f.ProgramId, f.Number }).IsUnique();
        builder.HasIndex(f => new { f.UnitId, f.State });
        builder.Property(f => f.Number).HasMaxLength(FollowUp.MaxNumberLength);
        builder.Property(f => f.Requirement).HasMaxLength(FollowUp.MaxTextLength);
        builder.Property(f => f.IssuedBy).HasMaxLength(FieldLimits.Name);
        builder.Property(f => f.State).HasConversion<Converters.EnumCode<FollowUpState>>().HasMaxLength(16);
        builder.Property(f => f.Revision).IsConcurrencyToken();
        builder.HasOne<LivelihoodProgram>().WithMany().HasForeignKey(f => f.ProgramId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.Item).WithMany().HasForeignKey(f => f.ItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.Unit).WithMany().HasForeignKey(f => f.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(f => f.Entries).WithOne().HasForeignKey(e => e.FollowUpId);
        builder.Ignore(f => f.IsClosed);
    }
}

internal sealed class FollowUpEntryConfiguration : IEntityTypeConfiguration<FollowUpEntry>
{
    public void Configure(EntityTypeBuilder<FollowUpEntry> builder)
    {
        builder.Property(e => e.Action).HasConversion<Converters.EnumCode<FollowUpAction>>().HasMaxLength(16);
        builder.Property(e => e.Text).HasMaxLength(FollowUp.MaxTextLength);
        builder.Property(e => e.By).HasMaxLength(FieldLimits.Name);
        builder.HasMany(e => e.Attachments).WithOne().HasForeignKey(a => a.EntryId);
    }
}

internal sealed class FollowUpAttachmentConfiguration : IEntityTypeConfiguration<FollowUpAttachment>
{
    public void Configure(EntityTypeBuilder<FollowUpAttachment> builder)
    {
        builder.Property(a => a.FileName).HasMaxLength(FieldLimits.Name);
        builder.Property(a => a.ContentType).HasMaxLength(64);
        builder.Property(a => a.Sha256).HasMaxLength(64);
    }
}

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> builder)
    {
        builder.HasIndex(n => new { n.UserId, n.ReminderKey }).IsUnique();
        builder.Property(n => n.ReminderKey).HasMaxLength(200);
        builder.Property(n => n.Subject).HasMaxLength(200);
        builder.Property(n => n.Body).HasMaxLength(2000);
        builder.Property(n => n.Link).HasMaxLength(300);
    }
}

internal sealed class SentReminderConfiguration : IEntityTypeConfiguration<SentReminder>
{
    public void Configure(EntityTypeBuilder<SentReminder> builder)
    {
        builder.HasKey(r => r.Key);
        builder.Property(r => r.Key).HasMaxLength(200);
        builder.Property(r => r.Kind).HasMaxLength(32);
        builder.Property(r => r.SentBy).HasMaxLength(200);
    }
}

internal sealed class LeaseConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> builder)
    {
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(64);
        builder.Property(l => l.Holder).HasMaxLength(200);
    }
}
