using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Minxin.Data;
using Minxin.Domain.Following;
using Minxin.Domain.Programs;
using Minxin.Web.ReportCards;

namespace Minxin.Web.Following;

/// <summary>What the subscription form was asked to follow: a published program, or one of its items.</summary>
public sealed record FollowTarget(LivelihoodProgram Program, Item? Item)
{
    public string Name => Item is null ? $"《{Program.Title}》" : $"子项{Item.Code}“{FeedEntries.Shorten(Item.Title, 40)}”";
}

public enum SubscribeOutcome
{
    /// <summary>The page says "请查收确认邮件", whatever happened behind it (mailed, already subscribed, capped).</summary>
    Accepted,
    /// <summary>The mail server refused or could not be reached: nothing was kept.</summary>
    MailFailed,
}

public enum TokenOutcome
{
    Done,
    AlreadyDone,
    Expired,
    Unknown,
}

/// <summary>
/// Double opt-in subscriptions: a request stores the address with hashed tokens and mails the confirmation link; only
/// the link confirms it (a POST: mail scanners follow GETs). Unsubscribing erases the address at once. Nothing here
/// tells a visitor whether an address was already subscribed, and no address is ever logged.
/// </summary>
public sealed class Subscriptions(
    MinxinDbContext db,
    PublicPrograms programs,
    SubscriptionMailer mailer,
    TimeProvider clock,
    IOptions<FollowingOptions> options)
{
    public const string ConfirmPath = "/subscriptions/confirm";
    public const string UnsubscribePath = "/subscriptions/unsubscribe";

    public bool IsAvailable => mailer.IsAvailable;

    /// <summary>The published program (code) or item (public id) to follow; null when there is none such.</summary>
    public async Task<FollowTarget?> TargetAsync(string? program, string? item, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(item))
        {
            if (!PublicIds.TryParseItem(item, out var programCode, out var itemCode) || (!string.IsNullOrEmpty(program) && program != programCode))
            {
                return null;
            }
            var owner = await programs.FindAsync(programCode, cancellationToken);
            return owner?.Items.FirstOrDefault(i => i.Code == itemCode) is { } found ? new FollowTarget(owner, found) : null;
        }
        if (string.IsNullOrEmpty(program) || program.Length > 100)
        {
            return null;
        }
        return await programs.FindAsync(program, cancellationToken) is { } p ? new FollowTarget(p, null) : null;
    }

    /// <summary>The address as it is kept (trimmed, domain in lower case), or the message that names what is wrong.</summary>
    public static (string? Address, string? Error) CheckEmail(string? email)
    {
        var text = email?.Trim() ?? "";
        if (text.Length == 0)
        {
            return (null, "请填写电子邮箱，例如 zhangsan@163.com");
        }
        if (text.Length > Subscription.MaxEmailLength)
        {
            return (null, $"电子邮箱不能超过{Subscription.MaxEmailLength}个字符");
        }
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1 || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"')
            || !text[(at + 1)..].Contains('.') || !MailboxAddress.TryParse(text, out var parsed) || parsed.Address != text)
        {
            return (null, "电子邮箱格式不对，应形如 zhangsan@163.com");
        }
        return (text[..at] + "@" + text[(at + 1)..].ToLowerInvariant(), null);
    }

    public async Task<SubscribeOutcome> SubscribeAsync(string address, FollowTarget target, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var programId = target.Program.Id;
        var itemId = target.Item?.Id;
        var same = await db.Subscriptions.AsNoTracking()
            .Where(s => s.Email == address)
            .Select(s => new { s.ProgramId, s.ItemId, s.ConfirmedAt, s.CreatedAt })
            .ToListAsync(cancellationToken);
        // Already following it: nothing to confirm. Too many confirmations today: the form is not a way to flood a mailbox.
        if (same.Any(s => s.ProgramId == programId && s.ItemId == itemId && s.ConfirmedAt is not null)
            || same.Count(s => s.ConfirmedAt is null && s.CreatedAt > now.AddDays(-1)) >= options.Value.ConfirmationsPerAddressPerDay)
        {
            return SubscribeOutcome.Accepted;
        }
        var (confirm, confirmHash) = SubscriptionTokens.New();
        var (unsubscribe, unsubscribeHash) = SubscriptionTokens.New();
        var subscription = new Subscription
        {
            ProgramId = programId,
            ItemId = itemId,
            Email = address,
            ConfirmTokenHash = confirmHash,
            UnsubscribeTokenHash = unsubscribeHash,
            CreatedAt = now,
        };
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        var baseUrl = mailer.BaseUrl;
        var mail = new SubscriberMail(subscription.Id, address, $"请确认订阅{target.Name}的进展更新",
            $"""
            您好！

            有人（希望是您本人）在{baseUrl}请求用这个邮箱订阅{target.Name}的进展更新：新审核通过的进展报告、发布的成绩单和公开的留言答复。

            请打开下面的链接并点击“确认订阅”按钮：
            {baseUrl}{ConfirmPath}?token={confirm}

            链接{(int)options.Value.ConfirmWithin.TotalDays}天内有效。如果不是您本人的请求，请忽略本邮件，我们不会再给您发送邮件，您的邮箱也会在到期后删除。
            """,
            $"{baseUrl}{UnsubscribePath}?token={unsubscribe}");
        if ((await mailer.SendAsync([mail], cancellationToken)).Count == 1)
        {
            return SubscribeOutcome.Accepted;
        }
        // No half-made subscription: the reader is told to try again, and the address is not kept.
        db.Subscriptions.Remove(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return SubscribeOutcome.MailFailed;
    }

    /// <summary>What a confirmation link points at, for the page that shows its button; null when it points at nothing.</summary>
    public async Task<Subscription?> ByConfirmTokenAsync(string? token, CancellationToken cancellationToken) =>
        SubscriptionTokens.HashOf(token) is { } hash
            ? await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.ConfirmTokenHash == hash, cancellationToken)
            : null;

    public async Task<Subscription?> ByUnsubscribeTokenAsync(string? token, CancellationToken cancellationToken) =>
        SubscriptionTokens.HashOf(token) is { } hash
            ? await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UnsubscribeTokenHash == hash, cancellationToken)
            : null;

    public bool IsExpired(Subscription subscription) =>
        subscription.ConfirmedAt is null && subscription.CreatedAt + options.Value.ConfirmWithin < clock.GetUtcNow();

    public async Task<TokenOutcome> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        var hash = SubscriptionTokens.HashOf(token);
        var subscription = hash is null ? null : await db.Subscriptions.FirstOrDefaultAsync(s => s.ConfirmTokenHash == hash, cancellationToken);
        if (subscription is null || subscription.UnsubscribedAt is not null || subscription.Email is null)
        {
            return TokenOutcome.Unknown;
        }
        if (subscription.ConfirmedAt is not null)
        {
            return TokenOutcome.AlreadyDone;
        }
        if (IsExpired(subscription))
        {
            return TokenOutcome.Expired;
        }
        var now = clock.GetUtcNow();
        var duplicate = await db.Subscriptions.AnyAsync(s => s.Id != subscription.Id && s.Email == subscription.Email
            && s.ProgramId == subscription.ProgramId && s.ItemId == subscription.ItemId && s.ConfirmedAt != null && s.UnsubscribedAt == null, cancellationToken);
        if (duplicate)
        {
            // Two requests for the same thing, both confirmed: one subscription, one mail per update.
            db.Subscriptions.Remove(subscription);
        }
        else
        {
            subscription.ConfirmedAt = now;
            // News from now on: the history is in the feed and on the page.
            subscription.NotifiedUpTo = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        return TokenOutcome.Done;
    }

    /// <summary>Cancels the subscription and erases its address; a second click finds it already cancelled.</summary>
    public async Task<TokenOutcome> UnsubscribeAsync(string? token, CancellationToken cancellationToken)
    {
        var hash = SubscriptionTokens.HashOf(token);
        var subscription = hash is null ? null : await db.Subscriptions.FirstOrDefaultAsync(s => s.UnsubscribeTokenHash == hash, cancellationToken);
        if (subscription is null)
        {
            return TokenOutcome.Unknown;
        }
        if (subscription.UnsubscribedAt is not null)
        {
            return TokenOutcome.AlreadyDone;
        }
        subscription.UnsubscribedAt = clock.GetUtcNow();
        subscription.Email = null;
        await db.SaveChangesAsync(cancellationToken);
        return TokenOutcome.Done;
    }
}
