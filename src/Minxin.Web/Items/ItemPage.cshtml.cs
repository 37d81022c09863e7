using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.ReportCards;
using Minxin.Web.Platform;
using Minxin.Web.PublicCache;
using Minxin.Web.ReportCards;

namespace Minxin.Web.Items;

[Public]
[EnableRateLimiting(RateLimitPolicies.Public)]
public sealed class ItemPageModel(PublicPrograms programs) : PageModel
{
    public ItemCard Card { get; private set; } = null!;

    public LivelihoodProgram Program => Card.Item.Category.Program;

    /// <summary>Every public report, newest first, corrections beside the version they replace.</summary>
    public IReadOnlyList<ProgressReport> Timeline { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
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
        Card = ReportCardCalculator.ItemAsOf(item, PublicPrograms.LatestDate(program));
        Timeline = ReportCardCalculator.Timeline(item);
        return Page();
    }

    /// <summary>A version replaced by a later correction of the same date.</summary>
    public bool IsSuperseded(ProgressReport report) =>
        Timeline.Any(r => r.AsOf == report.AsOf && r.Version > report.Version);
}
