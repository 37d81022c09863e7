using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Messages;
using Minxin.Domain.Oversight;
using Minxin.Domain.Quantities;

namespace Minxin.Web.Workspace.Messages;

/// <summary>What the reminder run needs of citizens' messages: the ones that wait for an answer, without their text or sender.</summary>
public static class MessageReminders
{
    public static async Task<List<MessageFacts>> FactsAsync(MinxinDbContext db, CancellationToken cancellationToken)
    {
        var waiting = await db.Messages.AsNoTracking()
            .Where(m => m.AnsweredAt == null && m.State != MessageState.Closed && m.Visibility != MessageVisibility.Hidden)
            .Select(m => new
            {
                m.Id, m.Program.RegionId, m.UnitId, UnitName = m.Unit == null ? null : m.Unit.Name, m.ReceivedAt, m.DueOn, m.State,
            })
            .ToListAsync(cancellationToken);
        return waiting.Select(m => new MessageFacts(m.Id, m.RegionId, m.UnitId, m.UnitName, m.ReceivedAt, m.DueOn,
            m.State is MessageState.New or MessageState.Taken)).ToList();
    }
}

/// <summary>
/// The end of the retention period (个人信息保护法): name and contact of messages answered (or received, when never
/// answered) <see cref="MessageRetention.DaysAfterAnswer"/> days ago are erased, each with its history entry and an
/// audit entry, by the reminder run that holds the lease.
/// </summary>
public static class MessageRetentionJob
{
    public const int Batch = 500;

    public static async Task<int> EraseDueAsync(MinxinDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // A necessary bound in SQL (dates compare on every provider): due days lie at most 60 working days, well within
        // 100 calendar days, after the day received, which lies before the cutoff. The exact rule is MessageRetention.IsDue.
        var latestDue = ChinaTime.Date(now.AddDays(-MessageRetention.DaysAfterAnswer)).AddDays(100);
        var candidates = await db.Messages.Include(m => m.Program)
            .Where(m => m.ErasedAt == null && (m.Contact != null || m.SenderName != null) && m.DueOn <= latestDue)
            .OrderBy(m => m.Id)
            .ToListAsync(cancellationToken);
        var due = candidates.Where(m => MessageRetention.IsDue(m, now)).Take(Batch).ToList();
        if (due.Count == 0)
        {
            db.ChangeTracker.Clear();
            return 0;
        }
        var author = new AuditAuthor("系统", null, null, clock);
        foreach (var message in due)
        {
            MessageWorkflow.Erase(message, now);
            message.Revision++;
            author.Record(db, "message.personal-data-erased", MessageService.Subject(message),
                $"{message.Kind.ToChinese()} {message.ReceiptNumber}：保存期限（答复后{MessageRetention.DaysAfterAnswer}天）已到，删除留言人的姓名和联系方式",
                message.Program.RegionId);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        return due.Count;
    }
}
