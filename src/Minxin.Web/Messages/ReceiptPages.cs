using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Messages;
using Minxin.Domain.Quantities;
using Minxin.Web.Platform;

namespace Minxin.Web.Messages;

/// <summary>What a receipt or a lookup shows of a message: never its contact or name.</summary>
public sealed record ReceiptView(
    string ReceiptNumber,
    MessageKind Kind,
    string About,
    string? AboutUrl,
    DateOnly ReceivedOn,
    DateOnly DueOn,
    int ServiceDays,
    MessageState State,
    MessageVisibility Visibility,
    string? HiddenReason,
    string? Reply,
    DateOnly? AnsweredOn,
    string? AnsweredBy);

internal static class Receipts
{
    public static Task<ReceiptView?> FindAsync(MinxinDbContext db, string receiptNumber, CancellationToken cancellationToken) =>
        db.Messages.AsNoTracking().Where(m => m.ReceiptNumber == receiptNumber)
            .Select(m => new
            {
                m.ReceiptNumber, m.Kind, ProgramTitle = m.Program.Title, ProgramCode = m.Program.Code, ItemTitle = m.Item != null ? m.Item.Title : null,
                m.ReceivedAt, m.DueOn, m.Program.MessageServiceDays, m.State, m.Visibility, m.HiddenReason, m.AnsweredAt,
                // A drafted reply is not an answer yet: only an approved one (or a unit's answer to a help request) is shown.
                Reply = m.AnsweredAt != null ? m.Reply : null,
                UnitName = m.Unit != null ? m.Unit.Name : null,
            })
            .Select(m => new ReceiptView(m.ReceiptNumber, m.Kind, m.ItemTitle ?? m.ProgramTitle, m.ItemTitle == null ? "/programs/" + m.ProgramCode : null,
                ChinaTime.Date(m.ReceivedAt), m.DueOn, m.MessageServiceDays, m.State, m.Visibility, m.HiddenReason, m.Reply,
                m.AnsweredAt == null ? null : ChinaTime.Date(m.AnsweredAt.Value), m.UnitName ?? MessageWords.Coordinators))
            .FirstOrDefaultAsync(cancellationToken);
}

/// <summary>/messages/receipt/{receiptNumber}: what the sender keeps after sending: the number, the promise, how to look it up.</summary>
[EnableRateLimiting(RateLimitPolicies.Public)]
public sealed class ReceiptModel(MinxinDbContext db) : PageModel
{
    public ReceiptView Receipt { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string receiptNumber, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        if (receiptNumber.Length > 32 || await Receipts.FindAsync(db, receiptNumber, cancellationToken) is not { } receipt)
        {
            return NotFound();
        }
        Receipt = receipt;
        return Page();
    }
}

/// <summary>
/// /messages/lookup: the receipt number and the contact together show how a message stands. POST only, so the
/// contact never sits in a URL or a log; a wrong pair, or an unknown number, gets one neutral sentence.
/// </summary>
[PublicForm]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(RateLimitPolicies.Lookups)]
[RequestSizeLimit(16 * 1024)]
public sealed class LookupModel(MinxinDbContext db, TimeProvider clock) : PageModel
{
    public const string ReceiptField = "receiptNumber";

    public string? ReceiptNumber { get; private set; }

    public string? Problem { get; private set; }

    public ReceiptView? Found { get; private set; }

    public DateOnly Today { get; private set; }

    public void OnGet(string? receipt)
    {
        // Only the number may come in the link (from the receipt page); the contact is typed.
        ReceiptNumber = receipt is { Length: <= 32 } ? receipt : null;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var form = await Request.ReadFormAsync(cancellationToken);
        ReceiptNumber = form[ReceiptField].ToString().Trim().ToUpperInvariant();
        var contact = form[MessageSubmission.ContactField].ToString();
        Today = ChinaTime.Today(clock);
        var stored = ReceiptNumber.Length is > 0 and <= 32
            ? await db.Messages.AsNoTracking().Where(m => m.ReceiptNumber == ReceiptNumber).Select(m => new { m.Contact }).FirstOrDefaultAsync(cancellationToken)
            : null;
        // Compared the same way whether the number exists or not.
        var same = ContactDetails.SameAs(stored?.Contact ?? "\u0000", contact) && stored is not null;
        if (!same)
        {
            Problem = MessageWords.WrongPair;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Found = await Receipts.FindAsync(db, ReceiptNumber, cancellationToken);
        return Page();
    }
}
