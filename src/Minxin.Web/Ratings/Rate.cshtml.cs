using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Programs;
using Minxin.Domain.Quantities;
using Minxin.Domain.Ratings;
using Minxin.Web.Platform;
using Minxin.Web.ReportCards;

namespace Minxin.Web.Ratings;

/// <summary>
/// /items/{id}/rating: where the item page's rating form posts (and the form alone, for a link or a QR code at the
/// site). One rating per reader per item and window: the reader's signed cookie (<see cref="ReaderIds"/>), its hash
/// unique in the database, and a rate limit per address. A rating is saved as it comes, without moving the program's
/// data version: the public counts follow within <see cref="MinxinOptions.CitizenActivitySeconds"/>.
/// </summary>
[PublicForm]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(RateLimitPolicies.Ratings)]
public sealed class RateModel(PublicPrograms programs, ReaderIds readers, MinxinDbContext db, TimeProvider clock) : PageModel
{
    public const string AlreadyRated = "您已评价过该子项，每位读者限评一次。";
    public const string NotOpen = "该子项目前不在满意度测评期内，暂不能评价。";

    [BindProperty(Name = RatingForm.ChoiceField)]
    public string? Choice { get; set; }

    [BindProperty(Name = RatingForm.CommentField)]
    public string? Comment { get; set; }

    public LivelihoodProgram Program { get; private set; } = null!;

    public Item Item { get; private set; } = null!;

    public string ItemId => PublicIds.Item(Program, Item);

    /// <summary>The window taking ratings of the item today, if any.</summary>
    public RatingWindow? Window { get; private set; }

    /// <summary>Why the rating was not taken (already rated, no window): said at the top of the page.</summary>
    public string? Refusal { get; private set; }

    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, bool done, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing)
        {
            return missing;
        }
        Done = done;
        if (!done && Window is null)
        {
            Refusal = NotOpen;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing)
        {
            return missing;
        }
        if (Window is null)
        {
            Refusal = NotOpen;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        var comment = Clean(Comment);
        if (!RatingForm.TryParse(Choice, out var choice))
        {
            ModelState.AddModelError(RatingForm.ChoiceField, string.IsNullOrWhiteSpace(Choice)
                ? "请选择满意、基本满意或不满意中的一项。"
                : "所选的评价无效，请在满意、基本满意、不满意中选择一项。");
        }
        if (comment is { Length: > Rating.MaxCommentLength })
        {
            ModelState.AddModelError(RatingForm.CommentField, $"意见或建议最多{Rating.MaxCommentLength}字，现在有{comment.Length}字，请删减后再提交。");
        }
        if (ModelState.ErrorCount > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var (reader, isNew) = readers.Read(Request);
        var key = ReaderIds.Key(reader);
        // A new reader gets the cookie even when the rating is refused below, so that a retry counts as the same reader.
        readers.Issue(HttpContext, reader);
        if (!isNew && await db.Ratings.AnyAsync(r => r.WindowId == Window.Id && r.ItemId == Item.Id && r.ReaderKey == key, cancellationToken))
        {
            return Refused();
        }
        db.Ratings.Add(new Rating
        {
            WindowId = Window.Id,
            ItemId = Item.Id,
            Choice = choice,
            Comment = comment,
            ReaderKey = key,
            At = clock.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same reader twice at once: the unique index took the first.
            db.ChangeTracker.Clear();
            if (await db.Ratings.AnyAsync(r => r.WindowId == Window.Id && r.ItemId == Item.Id && r.ReaderKey == key, CancellationToken.None))
            {
                return Refused();
            }
            throw;
        }
        return Redirect($"/items/{ItemId}/rating?done=true");
    }

    private PageResult Refused()
    {
        Refusal = AlreadyRated;
        Choice = null;
        Comment = null;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    public RatingForm Form => new(ItemId, Item.Title, Window!, Choice, Comment, ModelState);

    /// <summary>Trimmed, without control characters but line breaks; empty is none.</summary>
    private static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var cleaned = new string(text.Where(c => !char.IsControl(c) || c == '\n').ToArray()).Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }

    private async Task<IActionResult?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (!PublicIds.TryParseItem(id, out var programCode, out var itemCode))
        {
            return NotFound();
        }
        var program = await programs.FindAsync(programCode, cancellationToken);
        var item = program?.Items.FirstOrDefault(i => i.Code == itemCode);
        if (program is null || item is null)
        {
            return NotFound();
        }
        Program = program;
        Item = item;
        // From the database, not the cached results: a window just ended takes no more ratings on any node.
        var today = ChinaTime.Today(clock);
        var windows = await db.RatingWindows.AsNoTracking().Include(w => w.Items)
            .Where(w => w.ProgramId == program.Id && w.EndedAt == null && w.OpensOn <= today && w.ClosesOn >= today)
            .OrderByDescending(w => w.OpensOn).ToListAsync(cancellationToken);
        Window = windows.FirstOrDefault(w => w.Covers(item.Id));
        return null;
    }
}
