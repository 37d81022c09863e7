using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Calendar;
using Minxin.Domain.Messages;
using Minxin.Domain.Programs;
using Minxin.Domain.Quantities;
using Minxin.Web.Platform;
using Minxin.Web.PublicCache;

namespace Minxin.Web.Messages;

/// <summary>A published question and its reply, as the public may see it: no contact but the masked one, the name only with consent.</summary>
public sealed record PublishedAnswer(
    MessageKind Kind,
    string Question,
    string MaskedContact,
    string? Name,
    DateOnly AskedOn,
    DateOnly AnsweredOn,
    string Reply,
    string AnsweredBy);

/// <summary>What an item page shows of citizens' messages: the published Q&amp;A, newest answer first, and the counters.</summary>
public sealed record ItemBoard(IReadOnlyList<PublishedAnswer> Published, MessageCounters Messages, MessageCounters HelpRequests)
{
    public static readonly ItemBoard Empty = new([], new(0, 0, 0, null), new(0, 0, 0, null));
}

/// <summary>
/// The public side of a program's messages, help requests and objections, computed at once from one query: a page
/// or an API call never queries per item. Personal data never enters it (the query does not read contacts, and
/// reads a name only when its sender agreed to show it with a published question).
/// </summary>
public sealed class ProgramBoard(
    IReadOnlyDictionary<int, ItemBoard> items,
    ItemBoard program,
    MessageCounters allMessages,
    MessageCounters allHelpRequests,
    IReadOnlyDictionary<int, MessageCounters> objections,
    int serviceDays)
{
    /// <summary>The program's service level in working days, as of this board.</summary>
    public int ServiceDays { get; } = serviceDays;

    public ItemBoard Item(int itemId) => items.GetValueOrDefault(itemId) ?? ItemBoard.Empty;

    /// <summary>Messages about the program as a whole (not tied to an item): published Q&amp;A and counters.</summary>
    public ItemBoard Program { get; } = program;

    /// <summary>Every message of the program, its items' included.</summary>
    public MessageCounters Messages { get; } = allMessages;

    public MessageCounters HelpRequests { get; } = allHelpRequests;

    public MessageCounters Objections(int editionId) => objections.GetValueOrDefault(editionId) ?? ItemBoard.Empty.Messages;
}

/// <summary>
/// Boards per program, in a byte-bounded LRU keyed by the program's code, its data version (a reply published by
/// staff moves it) and its <see cref="CitizenActivity"/> stamp (new messages move it at most once a minute), so a
/// flood of messages costs at most one query per program per minute.
/// </summary>
public sealed class MessageBoards(IServiceScopeFactory scopes, CitizenActivity activity, WorkingCalendar calendar)
{
    private readonly LruCache<Lazy<Task<ProgramBoard>>> _boards = new(capacityBytes: 32L * 1024 * 1024);

    public async Task<ProgramBoard> ForAsync(LivelihoodProgram program, CancellationToken cancellationToken)
    {
        var key = $"{program.Code}/{program.DataVersion}/{activity.Stamp(program.Id)}";
        if (!_boards.TryGet(key, out var entry))
        {
            entry = new Lazy<Task<ProgramBoard>>(() => LoadAsync(program, key));
            _boards.Set(key, entry, 4096);
        }
        try
        {
            return await entry.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed load is not kept: the next request tries again.
            _boards.RemoveWhere(e => ReferenceEquals(e, entry));
            throw;
        }
    }

    private sealed record Row(CitizenMessage Message, string? UnitName);

    private async Task<ProgramBoard> LoadAsync(LivelihoodProgram program, string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MinxinDbContext>();
        // Only what the public may see: text, reply and name of published messages, and the dates of all.
        var rows = await db.Messages.AsNoTracking().Where(m => m.ProgramId == program.Id)
            .Select(m => new Row(new CitizenMessage
            {
                Id = m.Id,
                ReceiptNumber = "",
                ProgramId = m.ProgramId,
                ItemId = m.ItemId,
                EditionId = m.EditionId,
                Kind = m.Kind,
                Visibility = m.Visibility,
                State = m.State,
                ReceivedAt = m.ReceivedAt,
                DueOn = m.DueOn,
                AnsweredAt = m.AnsweredAt,
                Text = m.Visibility == MessageVisibility.Published ? m.Text : "",
                Reply = m.Visibility == MessageVisibility.Published ? m.Reply : null,
                MaskedContact = m.Visibility == MessageVisibility.Published ? m.MaskedContact : "",
                ShowName = m.ShowName,
                SenderName = m.Visibility == MessageVisibility.Published && m.ShowName ? m.SenderName : null,
            }, m.Unit != null ? m.Unit.Name : null))
            .ToListAsync();
        var board = Build(rows, program.MessageServiceDays);
        var bytes = rows.Sum(r => 256L + 2L * (r.Message.Text.Length + (r.Message.Reply?.Length ?? 0)));
        if (_boards.TryGet(key, out var entry))
        {
            _boards.Grow(key, entry, bytes);
        }
        return board;
    }

    private ProgramBoard Build(List<Row> rows, int serviceDays)
    {
        static bool IsMessage(CitizenMessage m) => MessageText.FormKinds.Contains(m.Kind);
        ItemBoard BoardOf(List<Row> of) => new(
            of.Where(r => r.Message.IsPublic && IsMessage(r.Message))
                .OrderByDescending(r => r.Message.AnsweredAt).ThenByDescending(r => r.Message.Id)
                .Select(r => Answer(r))
                .ToList(),
            MessageCounters.Of(of.Select(r => r.Message).Where(IsMessage), calendar),
            MessageCounters.Of(of.Select(r => r.Message).Where(m => m.Kind == MessageKind.HelpRequest), calendar));
        var items = rows.Where(r => r.Message.ItemId is not null && r.Message.Kind != MessageKind.Objection)
            .GroupBy(r => r.Message.ItemId!.Value)
            .ToDictionary(g => g.Key, g => BoardOf(g.ToList()));
        var programOnly = BoardOf(rows.Where(r => r.Message.ItemId is null && r.Message.Kind != MessageKind.Objection).ToList());
        var all = rows.Select(r => r.Message).ToList();
        var objections = all.Where(m => m.Kind == MessageKind.Objection && m.EditionId is not null)
            .GroupBy(m => m.EditionId!.Value)
            .ToDictionary(g => g.Key, g => MessageCounters.Of(g, calendar));
        return new ProgramBoard(items, programOnly,
            MessageCounters.Of(all.Where(IsMessage), calendar),
            MessageCounters.Of(all.Where(m => m.Kind == MessageKind.HelpRequest), calendar),
            objections, serviceDays);
    }

    private static PublishedAnswer Answer(Row row)
    {
        var m = row.Message;
        return new PublishedAnswer(m.Kind, m.Text, m.MaskedContact, m.ShowName ? m.SenderName : null,
            ChinaTime.Date(m.ReceivedAt), ChinaTime.Date(m.AnsweredAt!.Value), m.Reply!, row.UnitName ?? MessageWords.Coordinators);
    }
}
