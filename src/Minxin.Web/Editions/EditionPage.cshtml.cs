using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Minxin.Domain.Programs;
using Minxin.Web.Platform;
using Minxin.Web.PublicCache;
using Minxin.Web.ReportCards;

namespace Minxin.Web.Editions;

/// <summary>/programs/{code}/editions/{slug}: an edition as it was published, with what changed since the previous one.</summary>
[Public]
[EnableRateLimiting(RateLimitPolicies.Public)]
public sealed class EditionPageModel(PublicPrograms programs) : PageModel
{
    public LivelihoodProgram Program { get; private set; } = null!;

    public EditionView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, string slug, CancellationToken cancellationToken)
    {
        var program = await programs.FindAsync(code, cancellationToken);
        var edition = program is null ? null : EditionViews.Find(program, slug);
        if (program is null || edition is null)
        {
            return NotFound();
        }
        Program = program;
        View = EditionViews.View(program, edition);
        return Page();
    }
}
