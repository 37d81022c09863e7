using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Minxin.Domain.Programs;
using Minxin.Domain.Quantities;
using Minxin.Web.Platform;
using Minxin.Web.PublicCache;
using Minxin.Web.ReportCards;

namespace Minxin.Web.Ratings;

/// <summary>/programs/{code}/ratings: every rating window of the program, each with the program's and every item's result, the rule and the deputies' tallies apart.</summary>
[Public]
[EnableRateLimiting(RateLimitPolicies.Public)]
public sealed class ProgramRatingsPageModel(PublicPrograms programs, RatingBoard board, TimeProvider clock) : PageModel
{
    public LivelihoodProgram Program { get; private set; } = null!;

    public ProgramRatings Ratings { get; private set; } = ProgramRatings.None;

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var program = await programs.FindAsync(code, cancellationToken);
        if (program is null)
        {
            return NotFound();
        }
        Program = program;
        Today = ChinaTime.Today(clock);
        Ratings = await board.ForAsync(program, cancellationToken);
        return Page();
    }

    /// <summary>The items a window covers, in card order.</summary>
    public IEnumerable<Item> ItemsOf(WindowResults window) => Program.Items.Where(i => window.Covers(i.Id));
}
