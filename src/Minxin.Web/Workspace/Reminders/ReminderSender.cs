using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Data.Oversight;
using Minxin.Domain.Calendar;
using Minxin.Domain.FollowUps;
using Minxin.Domain.Oversight;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Domain.Staff;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Minxin.Web.Workspace.Reminders;

/// <summary>What one run did: whether this node held the lease, and how many reminders it sent.</summary>
public sealed record ReminderRun(bool HeldLease, int Sent);

/// <summary>
/// Sends every due reminder once, however many nodes run: the node holding the lease "reminders" does the work, and
/// a reminder's key is the primary key of its <see cref="SentReminder"/> row, saved in one transaction with its
/// notices, so if two nodes ever both try (a lease taken over mid-run), one insert fails and that node skips it.
/// Mail follows the commit: a crash between them loses the mail, never the notice, and never sends twice.
/// </summary>
public sealed class ReminderSender(
    IServiceScopeFactory scopes,
    WorkingCalendar calendar,
    ReminderMailer mailer,
    TimeProvider clock,
    IOptions<ReminderOptions> options,
    ILogger<ReminderSender> logger) : IDisposable
{
    public const string LeaseName = "reminders";

    // One run at a time in this process: the timer's and a caller's (tests) would otherwise race each other's mail.
    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>This node in the lease: machine, process and this instance (two hosts in one process are two nodes).</summary>
    public string Holder { get; } = Platform.Leases.NewHolder();

    public async Task<ReminderRun> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MinxinDbContext>();
            var now = clock.GetUtcNow();
            if (!await TakeLeaseAsync(db, now, cancellationToken))
            {
                return new ReminderRun(false, 0);
            }
            var rounds = await RoundsAsync(db, now, cancellationToken);
            var due = Domain.Oversight.Reminders.Due(now, calendar, rounds, await ReturnedReportsAsync(db, cancellationToken), await FollowUpsAsync(db, cancellationToken),
                await Messages.MessageReminders.FactsAsync(db, cancellationToken));
            var keys = due.Select(r => r.Key).ToList();
            var sent = (await db.SentReminders.AsNoTracking().Where(s => keys.Contains(s.Key)).Select(s => s.Key).ToListAsync(cancellationToken)).ToHashSet();
            var count = 0;
            foreach (var reminder in due.Where(r => !sent.Contains(r.Key)))
            {
                if (await DeliverAsync(db, reminder, rounds, now, cancellationToken))
                {
                    count++;
                }
            }
            await Messages.MessageRetentionJob.EraseDueAsync(db, clock, cancellationToken);
            return new ReminderRun(true, count);
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>Takes or renews the lease "reminders" for twice the interval (see <see cref="Platform.Leases"/>).</summary>
    public Task<bool> TakeLeaseAsync(MinxinDbContext db, DateTimeOffset now, CancellationToken cancellationToken) =>
        Platform.Leases.TakeAsync(db, LeaseName, Holder, now, 2 * options.Value.Interval, cancellationToken);

    /// <summary>Open rounds, each with its units' standing today (China time).</summary>
    private static async Task<List<RoundFacts>> RoundsAsync(MinxinDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = await db.Rounds.AsNoTracking().Where(r => r.ClosedAt == null).ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            return [];
        }
        var programIds = open.Select(r => r.ProgramId).Distinct().ToList();
        var items = await db.Items.AsNoTrackingWithIdentityResolution()
            .Include(i => i.Category)
            .Include(i => i.Units).ThenInclude(u => u.Unit)
            .Include(i => i.Reports)
            .Where(i => programIds.Contains(i.Category.ProgramId))
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var today = ChinaTime.Date(now);
        return open.Select(round => new RoundFacts(round.Id, round.Title, round.AsOf, round.DueDate, round.OpenedAt, round.IsOpen,
                RoundProgress.ByUnit(items.Where(i => i.Category.ProgramId == round.ProgramId), round, today)
                    .Select(UnitFacts.From).OfType<UnitFacts>().ToList()))
            .ToList();
    }

    /// <summary>Reports returned and not yet resubmitted; to the unit that gave the report, else the item's lead unit.</summary>
    private static async Task<List<ReturnedReportFacts>> ReturnedReportsAsync(MinxinDbContext db, CancellationToken cancellationToken)
    {
        var returned = await db.Reports.AsNoTrackingWithIdentityResolution()
            .Include(r => r.Item).ThenInclude(i => i.Category)
            .Include(r => r.Item).ThenInclude(i => i.Units).ThenInclude(u => u.Unit)
            .Where(r => r.Review == ReviewState.Returned)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return returned
            .Where(r => (r.UnitId ?? r.Item.LeadUnit?.Id) is not null)
            .Select(r => new ReturnedReportFacts(r.Id, (r.UnitId ?? r.Item.LeadUnit?.Id)!.Value, r.SubmittedByUserId, r.Item.Code, r.Item.Title,
                r.ReviewNote ?? "", r.ReviewedAt ?? r.SubmittedAt))
            .ToList();
    }

    /// <summary>
    /// Open follow-ups. One the unit has answered waits for the coordinator, not the unit, so it is passed as closed:
    /// no overdue reminder to a unit that has done its part.
    /// </summary>
    private static async Task<List<FollowUpFacts>> FollowUpsAsync(MinxinDbContext db, CancellationToken cancellationToken)
    {
        var open = await db.FollowUps.AsNoTracking().Include(f => f.Item).ThenInclude(i => i.Category)
            .Where(f => f.State != FollowUpState.Closed)
            .ToListAsync(cancellationToken);
        return open.Select(f => new FollowUpFacts(f.Id, f.Number, f.UnitId, f.Item.Code, f.Item.Title, f.Deadline, f.IssuedAt,
            f.State is FollowUpState.Closed or FollowUpState.Answered)).ToList();
    }

    /// <summary>Saves the reminder's key and its notices together, then mails; false when another node got there first.</summary>
    private async Task<bool> DeliverAsync(MinxinDbContext db, Reminder reminder, List<RoundFacts> rounds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recipients = await RecipientsAsync(db, reminder, rounds, cancellationToken);
        db.SentReminders.Add(new SentReminder
        {
            Key = reminder.Key,
            Kind = reminder.Kind.ToString(),
            SentAt = now,
            SentBy = Holder,
            Notices = recipients.Count,
        });
        db.Notices.AddRange(recipients.Select(user => new Notice
        {
            UserId = user.Id,
            ReminderKey = reminder.Key,
            Subject = Truncate(reminder.Subject, 200),
            Body = Truncate(reminder.Body, 2000),
            Link = reminder.Link,
            CreatedAt = now,
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            logger.LogInformation("Reminder {Key} was sent by another node", reminder.Key);
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        var mail = recipients.Where(u => !string.IsNullOrWhiteSpace(u.Email))
            .Select(u => new MailRecipient(u.Id, u.DisplayName.Length > 0 ? u.DisplayName : u.UserName ?? "", u.Email!))
            .ToList();
        var mailed = await mailer.SendAsync(reminder, mail, cancellationToken);
        if (mailed > 0)
        {
            await db.SentReminders.Where(s => s.Key == reminder.Key).ExecuteUpdateAsync(s => s.SetProperty(r => r.Mails, mailed), cancellationToken);
        }
        logger.LogInformation("Reminder {Key}: {Notices} notice(s), {Mails} mail(s)", reminder.Key, recipients.Count, mailed);
        return true;
    }

    /// <summary>
    /// The named person (a returned report's submitter) while the account is active, else the active reporters of
    /// the unit the reminder names, or of every unit of the round for its opening.
    /// </summary>
    private static async Task<List<Data.Staff.StaffUser>> RecipientsAsync(MinxinDbContext db, Reminder reminder, List<RoundFacts> rounds,
        CancellationToken cancellationToken)
    {
        var active = db.Users.AsNoTracking().Where(u => u.DisabledAt == null);
        if (reminder.UserId is { } userId && await active.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) is { } person)
        {
            return [person];
        }
        if (reminder.CoordinatorsOf is { } region)
        {
            return await active.Where(u => u.Role == StaffRole.Coordinator && u.RegionId == region).OrderBy(u => u.Id).ToListAsync(cancellationToken);
        }
        List<int> units = reminder.UnitId is { } unit ? [unit]
            : rounds.FirstOrDefault(r => reminder.Key.StartsWith($"round:{r.RoundId}:", StringComparison.Ordinal))?.Units.Select(u => u.UnitId).ToList() ?? [];
        return await active.Where(u => u.Role == StaffRole.Reporter && u.UnitId != null && units.Contains(u.UnitId.Value))
            .OrderBy(u => u.Id).ToListAsync(cancellationToken);
    }

    private static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        // SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_UNIQUE
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 1555 or 2067,
        _ => false,
    };

    public void Dispose() => _running.Dispose();

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
