using System.ComponentModel.DataAnnotations;

namespace Minxin.Web.Following;

/// <summary>"Minxin:Following": feeds and e-mail subscriptions (the mail server is Minxin:Smtp, shared with reminders).</summary>
public sealed class FollowingOptions : IValidatableObject
{
    public const string Section = "Minxin:Following";

    /// <summary>How often each node looks for news to mail subscribers; the lease lasts twice as long.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The most entries one mail carries; the rest follow in the next run.</summary>
    [Range(1, 200)]
    public int EntriesPerMail { get; set; } = 20;

    /// <summary>The most entries a feed carries, newest first.</summary>
    [Range(1, 500)]
    public int EntriesPerFeed { get; set; } = 50;

    /// <summary>Subscription requests (POSTs of the form) per client address per minute.</summary>
    [Range(1, int.MaxValue)]
    public int SubscriptionsPerMinute { get; set; } = 5;

    /// <summary>
    /// Confirmation mails one e-mail address may be sent per day, whoever asks: the form can never be used to flood
    /// someone's mailbox. Past it the form answers as always and sends nothing.
    /// </summary>
    [Range(1, 100)]
    public int ConfirmationsPerAddressPerDay { get; set; } = 3;

    /// <summary>How long a confirmation link works; unconfirmed requests (and their address) are deleted after it.</summary>
    public TimeSpan ConfirmWithin { get; set; } = TimeSpan.FromDays(7);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Interval < TimeSpan.FromMilliseconds(100) || Interval > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult($"Minxin:Following:Interval {Interval} must lie between 100 ms and one day.", [nameof(Interval)]);
        }
        if (ConfirmWithin < TimeSpan.FromHours(1) || ConfirmWithin > TimeSpan.FromDays(90))
        {
            yield return new ValidationResult($"Minxin:Following:ConfirmWithin {ConfirmWithin} must lie between an hour and 90 days.", [nameof(ConfirmWithin)]);
        }
    }
}
