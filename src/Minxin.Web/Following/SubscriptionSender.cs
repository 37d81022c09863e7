using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Minxin.Data;
using Minxin.Domain.Following;
using Minxin.Domain.Programs;
using Minxin.Domain.Quantities;
using Minxin.Web.Platform;

namespace Minxin.Web.Following;

/// <summary>What one run did: whether this node held the lease, and how many subscribers were mailed.</summary>
public sealed record SubscriptionRun(bool HeldLease, int Mailed);

/// <summary>
/// Mails each confirmed subscription what is new since its <see cref="Subscription.NotifiedUpTo"/>: one mail per
/// subscription per run, at most <see cref="FollowingOptions.EntriesPerMail"/> entries (the rest next run). The node
/// holding the lease "subscriptions" does it. Before a mail is sent, its subscription's NotifiedUpTo is moved on in
/// the database by a conditional update (it must still hold the value this run read), together with a new unsubscribe
/// token for the mail's link: a crash after that loses the mail, never sends it twice, and of two nodes that ever both
/// run (a lease taken over mid-run) only one wins each subscription. A mail the server refuses has both put back, so
/// the next run tries again.
/// </summary>
public sealed class SubscriptionSender(
    IServiceScopeFactory scopes,
    SubscriptionMailer mailer,
    TimeProvider clock,
    IOptions<FollowingOptions> options,
    IOptions<MinxinOptions> site,
    ILogger<SubscriptionSender> logger) : IDisposable
{
    public const string LeaseName = "subscriptions";

    /// <summary>
    /// News younger than this waits for the next run: a report approved a moment before the run read may not have
    /// committed yet, and a later entry must not move NotifiedUpTo past it.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _running = new(1, 1);

    public string Holder { get; } = Leases.NewHolder();

    public async Task<SubscriptionRun> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MinxinDbContext>();
            var now = clock.GetUtcNow();
            if (!await Leases.TakeAsync(db, LeaseName, Holder, now, 2 * options.Value.Interval, cancellationToken))
            {
                return new SubscriptionRun(false, 0);
            }
            await ForgetUnconfirmedAsync(db, now, cancellationToken);
            if (!mailer.IsAvailable)
            {
                return new SubscriptionRun(true, 0);
            }
            var active = await db.Subscriptions.AsNoTracking()
                .Where(s => s.ConfirmedAt != null && s.UnsubscribedAt == null && s.Email != null)
                .ToListAsync(cancellationToken);
            var mailed = 0;
            foreach (var group in active.GroupBy(s => s.ProgramId))
            {
                mailed += await MailProgramAsync(db, group.Key, [.. group], now, cancellationToken);
            }
            if (mailed > 0)
            {
                logger.LogInformation("Subscriptions: {Count} update mail(s) sent", mailed);
            }
            return new SubscriptionRun(true, mailed);
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>Requests never confirmed in time are deleted with their address.</summary>
    private async Task ForgetUnconfirmedAsync(MinxinDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pending = await db.Subscriptions.AsNoTracking().Where(s => s.ConfirmedAt == null && s.UnsubscribedAt == null)
            .Select(s => new { s.Id, s.CreatedAt }).ToListAsync(cancellationToken);
        var stale = pending.Where(s => s.CreatedAt + options.Value.ConfirmWithin < now).Select(s => s.Id).ToList();
        if (stale.Count > 0)
        {
            await db.Subscriptions.Where(s => stale.Contains(s.Id) && s.ConfirmedAt == null).ExecuteDeleteAsync(cancellationToken);
        }
    }

    private async Task<int> MailProgramAsync(MinxinDbContext db, int programId, List<Subscription> subscriptions, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        // Read fresh, not from this node's snapshot, which may lag another node's approval.
        var code = await db.Programs.AsNoTracking().Where(p => p.Id == programId).Select(p => p.Code).FirstOrDefaultAsync(cancellationToken);
        var program = code is null ? null : await ProgramStore.LoadAsync(db, code, publicOnly: true, cancellationToken);
        if (program is null)
        {
            return 0;
        }
        var replies = await FeedEntries.PublishedRepliesAsync(db, programId, cancellationToken);
        var byItem = program.Items.ToDictionary(i => i.Id);
        var claimed = new List<(Subscription Subscription, DateTimeOffset UpTo, string NewHash, SubscriberMail Mail)>();
        foreach (var subscription in subscriptions)
        {
            Item? item = null;
            if (subscription.ItemId is { } itemId && !byItem.TryGetValue(itemId, out item))
            {
                continue;
            }
            var since = subscription.NotifiedUpTo ?? subscription.ConfirmedAt!.Value;
            var news = FeedEntries.Of(program, item, replies)
                .Where(e => e.Updated > since && e.Updated <= now - Settle)
                .OrderBy(e => e.Updated).ThenBy(e => e.Id, StringComparer.Ordinal)
                .Take(options.Value.EntriesPerMail)
                .ToList();
            if (news.Count == 0)
            {
                continue;
            }
            var upTo = news[^1].Updated;
            var (token, hash) = SubscriptionTokens.New();
            if (!await ClaimAsync(db, subscription, subscription.NotifiedUpTo, subscription.UnsubscribeTokenHash, upTo, hash, cancellationToken))
            {
                continue;
            }
            claimed.Add((subscription, upTo, hash, Mail(program, item, subscription, news, token)));
        }
        var sent = await mailer.SendAsync(claimed.Select(c => c.Mail).ToList(), cancellationToken);
        foreach (var (subscription, upTo, hash, _) in claimed.Where(c => !sent.Contains(c.Subscription.Id)))
        {
            // Refused or not reached: put it back, so the next run sends it.
            await ClaimAsync(db, subscription, upTo, hash, subscription.NotifiedUpTo, subscription.UnsubscribeTokenHash, cancellationToken);
        }
        return sent.Count;
    }

    /// <summary>Moves NotifiedUpTo and the unsubscribe token from what this run read to the new values; false when anything moved them meanwhile.</summary>
    private static async Task<bool> ClaimAsync(MinxinDbContext db, Subscription subscription, DateTimeOffset? fromUpTo, string fromHash,
        DateTimeOffset? toUpTo, string toHash, CancellationToken cancellationToken)
    {
        var rows = await db.Subscriptions
            .Where(s => s.Id == subscription.Id && s.UnsubscribedAt == null && s.NotifiedUpTo == fromUpTo && s.UnsubscribeTokenHash == fromHash)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.NotifiedUpTo, toUpTo).SetProperty(x => x.UnsubscribeTokenHash, toHash), cancellationToken);
        return rows == 1;
    }

    private SubscriberMail Mail(LivelihoodProgram program, Item? item, Subscription subscription, List<FeedEntry> news, string unsubscribeToken)
    {
        var baseUrl = mailer.BaseUrl;
        var target = new FollowTarget(program, item);
        var body = new StringBuilder();
        body.Append("您订阅的").Append(target.Name).Append('有').Append(news.Count).Append("条新动态：\n");
        var number = 0;
        foreach (var entry in news)
        {
            body.Append('\n').Append(++number).Append(". 【").Append(AtomFeed.KindLabel(entry.Kind)).Append('】').Append(entry.Title)
                .Append('（').Append(ChineseDates.Full(ChinaTime.Date(entry.Updated))).Append("）\n")
                .Append(entry.Content).Append('\n')
                .Append(baseUrl).Append(entry.Path).Append('\n');
        }
        body.Append("\n查看全部：").Append(baseUrl).Append(FeedEntries.PagePath(program, item))
            .Append("\n订阅源（RSS/Atom）：").Append(baseUrl).Append(FeedEntries.FeedPath(program, item))
            .Append("\n\n每封邮件中的退订链接在下一封更新邮件发出前有效。");
        return new SubscriberMail(subscription.Id, subscription.Email!, $"{site.Value.SiteName}：{target.Name}有{news.Count}条新动态",
            body.ToString(), $"{baseUrl}{Subscriptions.UnsubscribePath}?token={unsubscribeToken}");
    }

    public void Dispose() => _running.Dispose();
}

/// <summary>Runs <see cref="SubscriptionSender"/> at start and then every <see cref="FollowingOptions.Interval"/>, on every node.</summary>
public sealed class SubscriptionService(SubscriptionSender sender, TimeProvider clock, IOptions<FollowingOptions> options, ILogger<SubscriptionService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await sender.RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Subscriptions: the run failed; the next one tries again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
