using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Minxin.Domain.Editions;
using Minxin.Domain.Following;
using Minxin.Domain.Messages;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Programs;
using Minxin.Domain.Ratings;

namespace Minxin.Data.Configurations;

internal sealed class CitizenMessageConfiguration : IEntityTypeConfiguration<CitizenMessage>
{
    public void Configure(EntityTypeBuilder<CitizenMessage> builder)
    {
        builder.HasIndex(m => m.ReceiptNumber).IsUnique();
        builder.HasIndex(m => new { m.ProgramId, m.ItemId, m.Visibility });
        builder.HasIndex(m => new { m.UnitId, m.State });
        builder.HasIndex(m => m.Contact);
        builder.Property(m => m.ReceiptNumber).HasMaxLength(32);
        builder.Property(m => m.Kind).HasConversion<Converters.EnumCode<MessageKind>>().HasMaxLength(16);
        builder.Property(m => m.State).HasConversion<Converters.EnumCode<MessageState>>().HasMaxLength(16);
        builder.Property(m => m.Visibility).HasConversion<Converters.EnumCode<MessageVisibility>>().HasMaxLength(16);
        builder.Property(m => m.Text).HasMaxLength(MessageText.MaxTextLength);
        builder.Property(m => m.SenderName).HasMaxLength(MessageText.MaxNameLength);
        builder.Property(m => m.Contact).HasMaxLength(MessageText.MaxContactLength);
        builder.Property(m => m.MaskedContact).HasMaxLength(MessageText.MaxContactLength);
        builder.Property(m => m.HiddenReason).HasMaxLength(MessageText.MaxReasonLength);
        builder.Property(m => m.Reply).HasMaxLength(MessageText.MaxReplyLength);
        builder.Property(m => m.ReplyBy).HasMaxLength(FieldLimits.Name);
        builder.Property(m => m.AnsweredBy).HasMaxLength(FieldLimits.Name);
        builder.Property(m => m.Revision).IsConcurrencyToken();
        builder.HasOne(m => m.Program).WithMany().HasForeignKey(m => m.ProgramId).OnDelete(DeleteBehavior.Restrict);
        // A plan edit may remove an item: its messages stay, about the program.
        builder.HasOne(m => m.Item).WithMany().HasForeignKey(m => m.ItemId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Edition>().WithMany().HasForeignKey(m => m.EditionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.Unit).WithMany().HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(m => m.Entries).WithOne().HasForeignKey(e => e.MessageId);
        builder.Ignore(m => m.IsAnswered);
        builder.Ignore(m => m.IsPublic);
    }
}

internal sealed class MessageEntryConfiguration : IEntityTypeConfiguration<MessageEntry>
{
    public void Configure(EntityTypeBuilder<MessageEntry> builder)
    {
        builder.Property(e => e.Action).HasConversion<Converters.EnumCode<MessageAction>>().HasMaxLength(24);
        builder.Property(e => e.Text).HasMaxLength(MessageText.MaxReplyLength);
        builder.Property(e => e.By).HasMaxLength(FieldLimits.Name);
    }
}

internal sealed class RatingWindowConfiguration : IEntityTypeConfiguration<RatingWindow>
{
    public void Configure(EntityTypeBuilder<RatingWindow> builder)
    {
        builder.HasIndex(w => w.ProgramId);
        builder.Property(w => w.Title).HasMaxLength(RatingWindow.MaxTitleLength);
        builder.Property(w => w.OpenedBy).HasMaxLength(FieldLimits.Name);
        builder.Property(w => w.Revision).IsConcurrencyToken();
        builder.HasOne(w => w.Program).WithMany().HasForeignKey(w => w.ProgramId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(w => w.Items).WithOne().HasForeignKey(i => i.WindowId);
    }
}

internal sealed class RatingWindowItemConfiguration : IEntityTypeConfiguration<RatingWindowItem>
{
    public void Configure(EntityTypeBuilder<RatingWindowItem> builder)
    {
        builder.HasKey(i => new { i.WindowId, i.ItemId });
        builder.HasOne<Item>().WithMany().HasForeignKey(i => i.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RatingConfiguration : IEntityTypeConfiguration<Rating>
{
    public void Configure(EntityTypeBuilder<Rating> builder)
    {
        // One rating per reader per item per window, refused by the database itself.
        builder.HasIndex(r => new { r.WindowId, r.ItemId, r.ReaderKey }).IsUnique();
        builder.Property(r => r.Choice).HasConversion<Converters.EnumCode<RatingChoice>>().HasMaxLength(24);
        builder.Property(r => r.Comment).HasMaxLength(Rating.MaxCommentLength);
        builder.Property(r => r.ReaderKey).HasMaxLength(64);
        builder.HasOne<RatingWindow>().WithMany().HasForeignKey(r => r.WindowId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Item>().WithMany().HasForeignKey(r => r.ItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DeputyTallyConfiguration : IEntityTypeConfiguration<DeputyTally>
{
    public void Configure(EntityTypeBuilder<DeputyTally> builder)
    {
        builder.HasIndex(t => new { t.WindowId, t.ItemId });
        builder.Property(t => t.Source).HasMaxLength(FieldLimits.Name);
        builder.Property(t => t.EnteredBy).HasMaxLength(FieldLimits.Name);
        builder.HasOne<RatingWindow>().WithMany().HasForeignKey(t => t.WindowId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Item>().WithMany().HasForeignKey(t => t.ItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.HasIndex(s => s.ConfirmTokenHash).IsUnique();
        builder.HasIndex(s => s.UnsubscribeTokenHash).IsUnique();
        builder.HasIndex(s => new { s.ProgramId, s.ItemId });
        builder.Property(s => s.Email).HasMaxLength(Subscription.MaxEmailLength);
        builder.Property(s => s.ConfirmTokenHash).HasMaxLength(64);
        builder.Property(s => s.UnsubscribeTokenHash).HasMaxLength(64);
        builder.HasOne<LivelihoodProgram>().WithMany().HasForeignKey(s => s.ProgramId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Item>().WithMany().HasForeignKey(s => s.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(s => s.IsActive);
    }
}
