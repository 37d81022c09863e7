using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Minxin.Data;
using Minxin.Domain.Calendar;
using Minxin.Domain.Editions;
using Minxin.Domain.Messages;
using Minxin.Domain.Programs;
using Minxin.Domain.Quantities;
using Minxin.Web.Editions;
using Minxin.Web.Platform;
using Minxin.Web.ReportCards;

namespace Minxin.Web.Messages;

/// <summary>
/// The fields of the public forms, as posted by a page or another front end. The names are the contract:
/// <c>message</c>, <c>name</c>, <c>contact</c>, <c>kind</c>, <c>consent</c>, <c>showName</c>, the honeypot
/// <c>website</c>, and <c>item</c> (objections: the item objected to).
/// </summary>
public sealed record MessageForm(string? Message, string? Name, string? Contact, string? Kind, string? Consent, string? ShowName, string? Website, string? Item)
{
    public const string ItemField = "item";

    public static readonly MessageForm Blank = new(null, null, null, null, null, null, null, null);

    public static MessageForm From(IFormCollection form) => new(
        Value(form, MessageSubmission.MessageField), Value(form, MessageSubmission.NameField), Value(form, MessageSubmission.ContactField),
        Value(form, MessageSubmission.KindField), Value(form, MessageSubmission.ConsentField), Value(form, MessageSubmission.ShowNameField),
        Value(form, MessageSubmission.HoneypotField), Value(form, ItemField));

    /// <summary>A JSON object with the same names; true/false stand for a ticked or empty box.</summary>
    public static MessageForm From(JsonElement json)
    {
        string? Read(string name)
        {
            if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty(name, out var value))
            {
                return null;
            }
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => null,
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
        }
        return new(Read(MessageSubmission.MessageField), Read(MessageSubmission.NameField), Read(MessageSubmission.ContactField),
            Read(MessageSubmission.KindField), Read(MessageSubmission.ConsentField), Read(MessageSubmission.ShowNameField),
            Read(MessageSubmission.HoneypotField), Read(ItemField));
    }

    /// <summary>What the form shows again after a mistake: everything typed, but never the honeypot.</summary>
    public MessageForm Redisplayed => this with { Website = null };

    private static string? Value(IFormCollection form, string name) => form.TryGetValue(name, out var values) ? values.ToString() : null;
}

/// <summary>What a form is about: the program, and the item (messages, help requests) or the edition (objections).</summary>
public sealed record MessageTarget(LivelihoodProgram Program, Item? Item, Edition? Edition, MessageKind? FixedKind)
{
    /// <summary>The items an objection may name: those of the edition as it was published.</summary>
    public IReadOnlyList<(string Code, string Title)> EditionItems =>
        Edition is null ? [] : EditionViews.FrozenCard(Edition).Items.Select(i => (i.Item.Code, i.Item.Title)).ToList();

    public static async Task<MessageTarget?> ItemAsync(PublicPrograms programs, string id, MessageKind? fixedKind, CancellationToken cancellationToken)
    {
        if (!PublicIds.TryParseItem(id, out var programCode, out var itemCode))
        {
            return null;
        }
        var program = await programs.FindAsync(programCode, cancellationToken);
        var item = program?.Items.FirstOrDefault(i => i.Code == itemCode);
        return program is null || item is null ? null : new MessageTarget(program, item, null, fixedKind);
    }

    public static async Task<MessageTarget?> ProgramAsync(PublicPrograms programs, string code, CancellationToken cancellationToken) =>
        await programs.FindAsync(code, cancellationToken) is { } program ? new MessageTarget(program, null, null, null) : null;

    public static async Task<MessageTarget?> EditionAsync(PublicPrograms programs, string code, string slug, CancellationToken cancellationToken)
    {
        var program = await programs.FindAsync(code, cancellationToken);
        var edition = program is null ? null : EditionViews.Find(program, slug);
        return program is null || edition is null ? null : new MessageTarget(program, null, edition, MessageKind.Objection);
    }

    /// <summary>Whether the edition's 公示期 is open today (China time): through its last day.</summary>
    public static bool ObjectionsOpen(Edition edition, DateOnly today) => edition.ObjectionsUntil is { } until && today <= until;
}

public enum IntakeOutcome
{
    Accepted,
    /// <summary>A field is wrong; nothing stored.</summary>
    Invalid,
    /// <summary>The honeypot was filled in; nothing stored.</summary>
    Honeypot,
    /// <summary>The contact sent too many this hour; nothing stored.</summary>
    ContactLimited,
    /// <summary>An objection after the 公示期; nothing stored.</summary>
    WindowClosed,
}

public sealed record IntakeResult(IntakeOutcome Outcome, CitizenMessage? Message, IReadOnlyList<FieldProblem> Problems);

/// <summary>
/// The second limit, per contact: one phone number or address may send <see cref="MinxinOptions.MessagesPerContactPerHour"/>
/// an hour, from however many addresses. Partitioned by a SHA-256 of the normalised contact, so the limiter never
/// holds a contact itself. Per node: a flood spread over nodes gets each node's allowance.
/// </summary>
public sealed class ContactLimits(IOptions<MinxinOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.MessagesPerContactPerHour,
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        }));

    public int PerHour => options.Value.MessagesPerContactPerHour;

    public bool TryAcquire(string normalizedContact)
    {
        using var lease = _limiter.AttemptAcquire(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedContact))));
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>
/// Receives what a reader sent: checks it, applies the per-contact limit, routes it (the item's lead unit at the
/// moment it arrives; none for the program as a whole, which the coordinators answer) and stores it with its due day
/// and its first entry. Saving does not move the program's data version: citizens' activity reaches the public
/// counters through <see cref="PublicCache.CitizenActivity"/>, so a flood never evicts the cached pages. Neither the
/// text nor the contact is ever logged.
/// </summary>
public sealed class MessageIntake(MinxinDbContext db, ContactLimits limits, WorkingCalendar calendar, TimeProvider clock)
{
    public const string Sender = "群众";

    public async Task<IntakeResult> ReceiveAsync(MessageTarget target, MessageForm form, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(form.Website))
        {
            return new(IntakeOutcome.Honeypot, null, [new(MessageSubmission.HoneypotField, MessageWords.HoneypotRefused)]);
        }
        var now = clock.GetUtcNow();
        if (target.Edition is { } closed && !MessageTarget.ObjectionsOpen(closed, ChinaTime.Date(now)))
        {
            return new(IntakeOutcome.WindowClosed, null, [new("", MessageWords.WindowClosed)]);
        }
        var submission = MessageSubmission.Check(form.Message, form.Name, form.Contact, form.Kind, form.Consent, form.ShowName,
            target.FixedKind, out var problems);
        var found = problems.ToList();
        var item = target.Item;
        if (target.Edition is not null)
        {
            var code = form.Item?.Trim();
            item = target.EditionItems.Any(i => i.Code == code) ? target.Program.Items.FirstOrDefault(i => i.Code == code) : null;
            if (item is null)
            {
                found.Add(new(MessageForm.ItemField, "请选择您对哪个子项的数据有异议。"));
            }
        }
        if (submission is null || found.Count > 0)
        {
            return new(IntakeOutcome.Invalid, null, found);
        }
        if (!limits.TryAcquire(submission.Contact))
        {
            return new(IntakeOutcome.ContactLimited, null, [new(MessageSubmission.ContactField, MessageWords.ContactLimited(limits.PerHour))]);
        }
        var message = new CitizenMessage
        {
            ReceiptNumber = "",
            ProgramId = target.Program.Id,
            ItemId = item?.Id,
            EditionId = target.Edition?.Id,
            UnitId = item?.LeadUnit?.Id,
            Kind = submission.Kind,
            Text = submission.Text,
            SenderName = submission.Name,
            ShowName = submission.ShowName,
            Contact = submission.Contact,
            MaskedContact = ContactDetails.Mask(submission.Contact),
            ReceivedAt = now,
            DueOn = ServiceLevel.DueOn(now, target.Program.MessageServiceDays, calendar),
            State = MessageState.New,
            Visibility = MessageVisibility.Pending,
        };
        message.Entries.Add(new MessageEntry { Action = MessageAction.Received, Text = "", At = now, By = Sender });
        db.Messages.Add(message);
        for (var attempt = 1; ; attempt++)
        {
            message.ReceiptNumber = MessageSubmission.NewReceiptNumber(message.Kind, ChinaTime.Date(now));
            if (await db.Messages.AnyAsync(m => m.ReceiptNumber == message.ReceiptNumber, cancellationToken))
            {
                continue;
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new(IntakeOutcome.Accepted, message, []);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another node drew the same receipt number at the same moment: draw again.
            }
        }
    }
}
