using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Minxin.Domain.Auditing;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;

namespace Minxin.Data.Configurations;

internal sealed class ResponsibleUnitConfiguration : IEntityTypeConfiguration<ResponsibleUnit>
{
    public void Configure(EntityTypeBuilder<ResponsibleUnit> builder)
    {
        builder.ToTable("Units");
        builder.HasIndex(u => new { u.RegionId, u.Code }).IsUnique();
        builder.HasIndex(u => new { u.RegionId, u.Name }).IsUnique();
        builder.Property(u => u.Code).HasMaxLength(FieldLimits.Code);
        builder.Property(u => u.Name).HasMaxLength(FieldLimits.Name);
        builder.HasOne(u => u.Region).WithMany().HasForeignKey(u => u.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ItemUnitConfiguration : IEntityTypeConfiguration<ItemUnit>
{
    public void Configure(EntityTypeBuilder<ItemUnit> builder)
    {
        builder.HasIndex(u => new { u.ItemId, u.UnitId }).IsUnique();
        builder.Property(u => u.Role).HasConversion<Converters.EnumCode<UnitRole>>().HasMaxLength(16);
        builder.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReportingRoundConfiguration : IEntityTypeConfiguration<ReportingRound>
{
    public void Configure(EntityTypeBuilder<ReportingRound> builder)
    {
        builder.ToTable("Rounds");
        builder.HasIndex(r => new { r.ProgramId, r.AsOf });
        builder.Property(r => r.Title).HasMaxLength(ReportingRound.MaxTitleLength);
        builder.Property(r => r.OpenedBy).HasMaxLength(FieldLimits.Name);
        builder.HasOne(r => r.Program).WithMany().HasForeignKey(r => r.ProgramId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(r => r.IsOpen);
    }
}

internal sealed class ReportEventConfiguration : IEntityTypeConfiguration<ReportEvent>
{
    public void Configure(EntityTypeBuilder<ReportEvent> builder)
    {
        builder.Property(e => e.Action).HasConversion<Converters.EnumCode<ReportAction>>().HasMaxLength(16);
        builder.Property(e => e.By).HasMaxLength(FieldLimits.Name);
        builder.Property(e => e.Note).HasMaxLength(FieldLimits.Note);
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.Property(a => a.FileName).HasMaxLength(FieldLimits.Name);
        builder.Property(a => a.ContentType).HasMaxLength(64);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.Property(a => a.UploadedBy).HasMaxLength(FieldLimits.Name);
        // The bytes live in their own table, read only when someone opens the file.
        builder.HasOne(a => a.Content).WithOne().HasForeignKey<AttachmentContent>(c => c.AttachmentId);
    }
}

internal sealed class AttachmentContentConfiguration : IEntityTypeConfiguration<AttachmentContent>
{
    public void Configure(EntityTypeBuilder<AttachmentContent> builder)
    {
        builder.HasKey(c => c.AttachmentId);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditLog");
        builder.HasIndex(e => e.Day);
        builder.HasIndex(e => new { e.RegionId, e.Day });
        builder.HasOne(e => e.Region).WithMany().HasForeignKey(e => e.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Actor).HasMaxLength(FieldLimits.Name);
        builder.Property(e => e.Address).HasMaxLength(64);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.Subject).HasMaxLength(FieldLimits.Title);
        builder.Property(e => e.Summary).HasMaxLength(FieldLimits.Note);
        // Before/after of each field, as one JSON text: read with the entry, never queried into.
        builder.Property(e => e.Changes)
            .HasConversion(
                v => JsonSerializer.Serialize(v, Json),
                v => JsonSerializer.Deserialize<List<FieldChange>>(v, Json) ?? new List<FieldChange>(),
                new ValueComparer<List<FieldChange>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
    }
}
