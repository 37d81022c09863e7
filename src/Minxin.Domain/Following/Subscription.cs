namespace Minxin.Domain.Following;

/// <summary>
/// An e-mail subscription to a program or one item (关注): new approved reports, editions and published replies.
/// Double opt-in: nothing is sent but the confirmation until the link in it is followed. Every mail carries a
/// one-click unsubscribe link (RFC 8058). The tokens are stored only as hashes; the address is personal data, used
/// for nothing else and deleted on unsubscribing.
/// </summary>
public class Subscription
{
    public const int MaxEmailLength = 100;

    public int Id { get; set; }

    public int ProgramId { get; set; }

    /// <summary>Null for the whole program.</summary>
    public int? ItemId { get; set; }

    /// <summary>Personal data; null once unsubscribed.</summary>
    public string? Email { get; set; }

    /// <summary>SHA-256 of the confirmation token, hex.</summary>
    public required string ConfirmTokenHash { get; set; }

    /// <summary>SHA-256 of the unsubscribe token, hex.</summary>
    public required string UnsubscribeTokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    public DateTimeOffset? UnsubscribedAt { get; set; }

    /// <summary>The newest feed entry already mailed: the next mail carries only what is newer.</summary>
    public DateTimeOffset? NotifiedUpTo { get; set; }

    public bool IsActive => ConfirmedAt is not null && UnsubscribedAt is null && Email is not null;
}
