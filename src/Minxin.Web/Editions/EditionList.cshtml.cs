using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Minxin.Domain.Editions;
using Minxin.Domain.Programs;
using Minxin.Web.Platform;
using Minxin.Web.PublicCache;
using Minxin.Web.ReportCards;

namespace Minxin.Web.Editions;

/// <summary>/programs/{code}/editions: every edition of a program, newest first.</summary>
[Public]
[EnableRateLimiting(RateLimitPolicies.Public)]
public sealed class EditionListModel(PublicPrograms programs) : PageModel
{
    public LivelihoodProgram Program { get; private set; } = null!;

    public IReadOnlyList<Edition> Editions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var program = await programs.FindAsync(code, cancellationToken);
        if (program is null)
        {
            return NotFound();
        }
        Program = program;
        Editions = EditionViews.Of(program);
        return Page();
    }
}
