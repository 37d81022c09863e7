using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain;
using Minxin.Domain.Calendar;
using Minxin.Domain.Messages;
using Minxin.Domain.Programs;
using Minxin.Domain.Quantities;
using Minxin.Domain.Staff;
using Minxin.Web.ReportCards;
using Minxin.Web.Workspace.Audit;

namespace Minxin.Web.Workspace.Messages;

/// <summary>
/// What an inbox shows, as the query fields name it (the page's GET form and the API's query string alike):
/// kind, state, overdue, program (code), item (public id), unit (code; coordinators), page (from 1).
/// </summary>
public sealed record MessageFilter(MessageKind? Kind, MessageState? State, bool Overdue, string? Program, string? Item, string? Unit, int Page)
{
    public const int PageSize = 50;

    public static readonly MessageFilter None = new(null, null, false, null, null, null, 1);

    /// <summary>The filter the query fields ask for, or the problems with them by field name.</summary>
    public static MessageFilter Parse(string? kind, string? state, string? overdue, string? program, string? item, string? unit, string? page,
        out List<(string Field, string Message)> errors)
    {
        errors = [];
        MessageKind? parsedKind = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (EnumCodes.TryParse<MessageKind>(kind.Trim(), out var k))
            {
                parsedKind = k;
            }
            else
            {
                errors.Add(("kind", $"类别只能是 {EnumCodes.AllCodes<MessageKind>()}，而不是“{kind}”。"));
            }
        }
        MessageState? parsedState = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (EnumCodes.TryParse<MessageState>(state.Trim(), out var s))
            {
                parsedState = s;
            }
            else
            {
                errors.Add(("state", $"状态只能是 {EnumCodes.AllCodes<MessageState>()}，而不是“{state}”。"));
            }
        }
        var isOverdue = overdue?.Trim() switch
        {
            null or "" or "false" or "0" => false,
            "true" or "on" or "1" => true,
            _ => Refuse(errors, "overdue", $"overdue 只能是 true 或 false，而不是“{overdue}”。"),
        };
        var number = 1;
        if (!string.IsNullOrWhiteSpace(page) && (!int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number) || number < 1))
        {
            errors.Add(("page", $"页码应为从 1 起的整数，而不是“{page}”。"));
            number = 1;
        }
        return new MessageFilter(parsedKind, parsedState, isOverdue, Blank(program), Blank(item), Blank(unit), number);
    }

    /// <summary>The query string of this filter (without the page unless asked), for links and the export.</summary>
    public string Query(int? page = null)
    {
        var parts = new List<string>();
        Add("kind", Kind is { } k ? EnumCodes.ToCode(k) : null);
        Add("state", State is { } s ? EnumCodes.ToCode(s) : null);
        Add("overdue", Overdue ? "true" : null);
        Add("program", Program);
        Add("item", Item);
        Add("unit", Unit);
        Add("page", page is > 1 ? page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }
    }

    private static bool Refuse(List<(string, string)> errors, string field, string message)
    {
        errors.Add((field, message));
        return false;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>One page of an inbox: the messages, how many match in all, and the page.</summary>
public sealed record MessagePage(IReadOnlyList<CitizenMessage> Messages, int Total, int Page)
{
    public int Pages => Math.Max(1, (Total + MessageFilter.PageSize - 1) / MessageFilter.PageSize);
}

/// <summary>A workflow step the message's state refuses (answered already, hidden, nothing to approve): HTTP 409.</summary>
public sealed class MessageRuleException(string message) : Exception(message);

/// <summary>
/// Citizens' messages in the workspace: the inbox query (scoped in SQL to what the actor may see), and each step of
/// <see cref="MessageWorkflow"/> saved with its audit entry in one SaveChanges, guarded by the message's revision.
/// A step that changes what the public sees (a published reply, a hidden published message, an answer that moves
/// the counters) saves with a new data version of the program and evicts its cached pages at once.
/// </summary>
public sealed class MessageService(MinxinDbContext db, AuditTrail audit, TimeProvider clock, WorkingCalendar calendar, PublicChanges publicChanges)
{
    /// <summary>More rows than this are not exported at once: narrow the filter.</summary>
    public const int MaxExportRows = 20_000;

    public DateOnly Today => ChinaTime.Today(clock);

    public WorkingCalendar Calendar => calendar;

    /// <summary>The messages with what the inbox shows of them (program, item with its category, unit).</summary>
    public IQueryable<CitizenMessage> WithItems() => db.Messages
        .Include(m => m.Program)
        .Include(m => m.Item).ThenInclude(i => i!.Category)
        .Include(m => m.Unit);

    /// <summary>One page of the messages the actor may see, newest first, narrowed by the filter, all in SQL.</summary>
    public async Task<MessagePage> ListAsync(StaffActor actor, MessageFilter filter, CancellationToken cancellationToken)
    {
        var query = await FilteredAsync(actor, filter, cancellationToken);
        var total = await query.CountAsync(cancellationToken);
        var page = Math.Min(filter.Page, Math.Max(1, (total + MessageFilter.PageSize - 1) / MessageFilter.PageSize));
        // Ids follow the order of arrival (and SQLite cannot order by a DateTimeOffset).
        var list = await query.OrderByDescending(m => m.Id).Skip((page - 1) * MessageFilter.PageSize).Take(MessageFilter.PageSize)
            .AsNoTrackingWithIdentityResolution().ToListAsync(cancellationToken);
        return new MessagePage(list, total, page);
    }

    /// <summary>Every message of the filter (no paging), for the export; at most <see cref="MaxExportRows"/>.</summary>
    public async Task<List<CitizenMessage>> ExportAsync(StaffActor actor, MessageFilter filter, CancellationToken cancellationToken)
    {
        var query = await FilteredAsync(actor, filter, cancellationToken);
        return await query.OrderBy(m => m.Id).Take(MaxExportRows).AsNoTrackingWithIdentityResolution().ToListAsync(cancellationToken);
    }

    /// <summary>"待处理留言N条，其中逾期M条" for the actor's to-do list: messages that wait for the actor's side.</summary>
    public async Task<(int Waiting, int Overdue)> WaitingAsync(StaffActor actor, CancellationToken cancellationToken)
    {
        if (!actor.May(StaffAction.ReplyMessages))
        {
            return (0, 0);
        }
        var visible = db.Messages.AsNoTracking().VisibleTo(actor).Where(m => m.AnsweredAt == null && m.State != MessageState.Closed && m.Visibility != MessageVisibility.Hidden);
        // A unit waits on what it has not answered yet; a coordinator on drafts to approve as well.
        var waiting = actor.Role == StaffRole.Reporter ? visible.Where(m => m.State == MessageState.New || m.State == MessageState.Taken) : visible;
        var today = Today;
        return (await waiting.CountAsync(cancellationToken), await waiting.Where(m => m.DueOn < today).CountAsync(cancellationToken));
    }

    private async Task<IQueryable<CitizenMessage>> FilteredAsync(StaffActor actor, MessageFilter filter, CancellationToken cancellationToken)
    {
        var query = WithItems().VisibleTo(actor);
        if (filter.Kind is { } kind)
        {
            query = query.Where(m => m.Kind == kind);
        }
        if (filter.State is { } state)
        {
            query = query.Where(m => m.State == state);
        }
        if (filter.Overdue)
        {
            var today = Today;
            query = query.Where(m => m.AnsweredAt == null && m.State != MessageState.Closed && m.Visibility != MessageVisibility.Hidden && m.DueOn < today);
        }
        if (filter.Program is { } program)
        {
            query = query.Where(m => m.Program.Code == program);
        }
        if (filter.Item is { } itemId)
        {
            int? found = null;
            if (PublicIds.TryParseItem(itemId, out var programCode, out var itemCode) && ItemCode.TryParse(itemCode, out var category, out var number))
            {
                found = await db.Items.AsNoTracking()
                    .Where(i => i.Category.Program.Code == programCode && i.Category.Number == category && i.Number == number)
                    .Select(i => (int?)i.Id).FirstOrDefaultAsync(cancellationToken);
            }
            query = found is { } id ? query.Where(m => m.ItemId == id) : query.Where(_ => false);
        }
        if (filter.Unit is { } unit && actor.Role != StaffRole.Reporter)
        {
            query = query.Where(m => m.Unit != null && m.Unit.Code == unit);
        }
        return query;
    }

    /// <summary>The message (tracked, for a step) with its program, item, unit and history, or null.</summary>
    public Task<CitizenMessage?> FindAsync(int id, CancellationToken cancellationToken) =>
        WithItems().Include(m => m.Entries.OrderBy(e => e.Id)).AsSplitQuery().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);

    public Task TakeAsync(StaffActor actor, CitizenMessage message, int? revision, CancellationToken cancellationToken) =>
        StepAsync(actor, message, revision, "message.taken", "受理",
            () => MessageWorkflow.Take(message, By(actor), actor.UserId, clock.GetUtcNow()), cancellationToken);

    public Task DraftAsync(StaffActor actor, CitizenMessage message, int? revision, string? text, CancellationToken cancellationToken)
    {
        var reply = (text ?? "").Trim();
        if (reply.Length == 0)
        {
            throw new InputException("text", "请填写答复内容。");
        }
        if (reply.Length > MessageText.MaxReplyLength)
        {
            throw new InputException("text", $"答复不能超过{MessageText.MaxReplyLength}字，现为{reply.Length}字。");
        }
        var role = actor.Role == StaffRole.Coordinator ? MessageRole.Coordinator : MessageRole.Unit;
        return StepAsync(actor, message, revision, "message.reply-drafted", "拟写答复",
            () => MessageWorkflow.DraftReply(message, reply, role, By(actor), actor.UserId, clock.GetUtcNow()), cancellationToken);
    }

    public Task ApproveAsync(StaffActor actor, CitizenMessage message, int? revision, bool publish, CancellationToken cancellationToken) =>
        StepAsync(actor, message, revision, publish ? "message.published" : "message.answered-privately", publish ? "审核通过并公开答复" : "审核通过，仅答复本人",
            () => MessageWorkflow.Approve(message, publish, By(actor), actor.UserId, clock.GetUtcNow()), cancellationToken);

    public Task HideAsync(StaffActor actor, CitizenMessage message, int? revision, string? reason, CancellationToken cancellationToken)
    {
        var text = (reason ?? "").Trim();
        if (text.Length == 0)
        {
            throw new InputException("reason", "隐藏留言须说明理由，例如含有他人个人信息、辱骂或与本项目无关。");
        }
        if (text.Length > MessageText.MaxReasonLength)
        {
            throw new InputException("reason", $"理由不能超过{MessageText.MaxReasonLength}字，现为{text.Length}字。");
        }
        return StepAsync(actor, message, revision, "message.hidden", "隐藏，理由：" + text,
            () => MessageWorkflow.Hide(message, text, By(actor), actor.UserId, clock.GetUtcNow()), cancellationToken);
    }

    public Task CloseAsync(StaffActor actor, CitizenMessage message, int? revision, CancellationToken cancellationToken) =>
        StepAsync(actor, message, revision, "message.closed", "办结",
            () => MessageWorkflow.Close(message, By(actor), actor.UserId, clock.GetUtcNow()), cancellationToken);

    /// <summary>
    /// The replies of the 12345 / 政务邮箱 platform, each drafted (<see cref="MessageAction.ReplyImported"/>) for a
    /// coordinator to approve; all saved in one SaveChanges or none when any row is wrong.
    /// </summary>
    public async Task<int> ImportAsync(StaffActor actor, IReadOnlyList<ImportedReply> rows, CancellationToken cancellationToken)
    {
        var errors = new List<ImportProblem>();
        var receipts = rows.Select(r => r.ReceiptNumber).Distinct().ToList();
        var messages = await WithItems().Include(m => m.Entries.OrderBy(e => e.Id)).AsSplitQuery().VisibleTo(actor)
            .Where(m => receipts.Contains(m.ReceiptNumber)).ToListAsync(cancellationToken);
        var byReceipt = messages.ToDictionary(m => m.ReceiptNumber, StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        var touched = new List<(CitizenMessage Message, Dictionary<string, string?> Before, ImportedReply Row)>();
        foreach (var row in rows)
        {
            if (!byReceipt.TryGetValue(row.ReceiptNumber, out var message) || !actor.May(StaffAction.ModerateMessages, message))
            {
                errors.Add(new(row.Row, row.ReceiptColumn, ImportFile.ReceiptHeader, $"本地区没有回执号为“{row.ReceiptNumber}”的留言。"));
                continue;
            }
            var before = Snapshot(message);
            var by = row.Unit is { } unit ? $"{unit}（12345平台答复）" : "12345平台答复";
            if (MessageWorkflow.DraftReply(message, row.Reply, MessageRole.Coordinator, by, actor.UserId, now, MessageAction.ReplyImported) is { } refused)
            {
                errors.Add(new(row.Row, row.ReceiptColumn, ImportFile.ReceiptHeader, $"回执号“{row.ReceiptNumber}”：{refused}"));
                continue;
            }
            if (row.RepliedAt is { } at)
            {
                message.ReplyDraftedAt = at;
            }
            message.Revision++;
            touched.Add((message, before, row));
        }
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            throw new ImportException(errors);
        }
        foreach (var (message, before, row) in touched)
        {
            audit.Record(actor, "message.reply-imported", Subject(message),
                $"导入12345平台对{message.Kind.ToChinese()} {message.ReceiptNumber} 的答复（第{row.Row}行{(row.Unit is null ? "" : "，答复单位：" + row.Unit)}），待审核",
                message.Program.RegionId, before, Snapshot(message));
        }
        await SaveAsync([], cancellationToken);
        return touched.Count;
    }

    private async Task StepAsync(StaffActor actor, CitizenMessage message, int? revision, string action, string said, Func<string?> step,
        CancellationToken cancellationToken)
    {
        RequireRevision(message, revision);
        var before = Snapshot(message);
        var (answered, visibility) = (message.AnsweredAt, message.Visibility);
        if (step() is { } refused)
        {
            throw new MessageRuleException(refused);
        }
        message.Revision++;
        audit.Record(actor, action, Subject(message), $"{message.Kind.ToChinese()} {message.ReceiptNumber}：{said}", message.Program.RegionId, before, Snapshot(message));
        // The public sees published replies and the counters (received, answered): a change to either is a new data version.
        var isPublic = answered != message.AnsweredAt || visibility != message.Visibility;
        await SaveAsync(isPublic ? [message.ProgramId] : [], cancellationToken);
        if (isPublic)
        {
            publicChanges.Evict(message.Program.Code);
        }
    }

    private async Task SaveAsync(IReadOnlyList<int> publicPrograms, CancellationToken cancellationToken)
    {
        try
        {
            if (publicPrograms.Count > 0)
            {
                await db.SaveWithNewDataVersionAsync(publicPrograms, cancellationToken);
            }
            else
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StaleException("这条留言刚被他人处理，您的操作没有保存；请看它现在的状态后再操作。");
        }
    }

    public static void RequireRevision(CitizenMessage message, int? revision)
    {
        if (revision is { } r && r != message.Revision)
        {
            throw new StaleException($"留言 {message.ReceiptNumber} 在您打开之后已有新的办理记录，您的操作没有保存；请看它现在的状态后再操作。");
        }
    }

    public static string ETag(CitizenMessage message) => $"\"r{message.Revision}\"";

    /// <summary>The audit log's name for a message: its receipt number (never the sender).</summary>
    public static string Subject(CitizenMessage message) => $"message:{message.ReceiptNumber}";

    /// <summary>"区住建委 王丽" for a unit's reporter, "民心办 张敏" for a coordinator.</summary>
    public static string By(StaffActor actor) => actor.UnitName is { } unit ? $"{unit} {actor.DisplayName}" : $"{actor.Role.ToChinese()} {actor.DisplayName}";

    // What the audit log keeps of a message: its state, never the sender's name or contact.
    private static Dictionary<string, string?> Snapshot(CitizenMessage message) => new()
    {
        ["state"] = EnumCodes.ToCode(message.State),
        ["visibility"] = EnumCodes.ToCode(message.Visibility),
        ["reply"] = message.Reply,
    };
}

/// <summary>How the workspace reads messages: scoped in SQL to what the actor may see.</summary>
public static class MessageQueries
{
    /// <summary>The region's messages; for a reporter only those routed to its unit; none for who may not view them.</summary>
    public static IQueryable<CitizenMessage> VisibleTo(this IQueryable<CitizenMessage> messages, StaffActor actor)
    {
        if (!actor.May(StaffAction.ViewMessages))
        {
            return messages.Where(_ => false);
        }
        var inRegion = messages.Where(m => m.Program.RegionId == actor.RegionId);
        return actor.Role switch
        {
            StaffRole.Reporter when actor.UnitId is { } unit => inRegion.Where(m => m.UnitId == unit),
            StaffRole.Reporter => inRegion.Where(_ => false),
            _ => inRegion,
        };
    }

    /// <summary>
    /// Whether the actor sees the sender's name and contact: those who answer the message (its unit, the
    /// coordinators), not leaders who only read the inbox.
    /// </summary>
    public static bool SeesPersonalData(this StaffActor actor, CitizenMessage message) => actor.May(StaffAction.ReplyMessages, message);
}
