using Microsoft.EntityFrameworkCore;
using Minxin.Domain.Calendar;
using Minxin.Domain.Messages;
using Minxin.Domain.Quantities;

namespace Minxin.Web.Tests.Workspace;

/// <summary>
/// Citizens' messages put into the app's database the way the public form stores them: the text, the contact
/// normalised and masked, routed to the item's lead unit at that moment, due after the program's service level in
/// working days, with its "received" entry.
/// </summary>
public static class MessagesTestData
{
    public static async Task<CitizenMessage> AddAsync(MinxinWebFactory factory, string itemId, string text, DateTimeOffset receivedAt,
        MessageKind kind = MessageKind.Problem, string contact = "138 1234 1234", string? name = "张桂兰")
    {
        await using var db = factory.OpenDatabase();
        Assert.True(ReportCards.PublicIds.TryParseItem(itemId, out var programCode, out var code), itemId);
        var items = await db.Items.Include(i => i.Category).ThenInclude(c => c.Program).Include(i => i.Units).ThenInclude(u => u.Unit)
            .Where(i => i.Category.Program.Code == programCode).ToListAsync();
        var item = items.Single(i => i.Code == code);
        var program = item.Category.Program;
        var normalized = ContactDetails.Normalize(contact, out var problem) ?? throw new ArgumentException(problem, nameof(contact));
        var message = new CitizenMessage
        {
            ReceiptNumber = MessageSubmission.NewReceiptNumber(kind, ChinaTime.Date(receivedAt)),
            ProgramId = program.Id,
            ItemId = item.Id,
            UnitId = item.LeadUnit?.Id,
            Kind = kind,
            Text = text,
            SenderName = name,
            Contact = normalized,
            MaskedContact = ContactDetails.Mask(normalized),
            ReceivedAt = receivedAt,
            DueOn = ServiceLevel.DueOn(receivedAt, program.MessageServiceDays, WorkingCalendar.Bundled),
            State = MessageState.New,
            Visibility = MessageVisibility.Pending,
            Entries = [new MessageEntry { Action = MessageAction.Received, Text = "", At = receivedAt, By = "群众" }],
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message;
    }
}
