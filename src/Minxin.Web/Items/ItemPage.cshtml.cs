using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Minxin.Domain.Oversight;
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

    public ItemLight Light { get; private set; } = null!;

    /// <summary>Every move of the item's and its sites' expected completion, from the reports.</summary>
    public ItemDateSlips Slips { get; private set; } = null!;

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
        var programCard = PublicPrograms.Card(program, null);
        Card = programCard.Items.First(i => i.Item.Code == itemCode);
        Light = PublicPrograms.Lights(programCard)[itemCode];
        Slips = DateSlips.Of(item);
        Timeline = ReportCardCalculator.Timeline(item);
        return Page();
    }

    /// <summary>A version replaced by a later correction of the same date.</summary>
    public bool IsSuperseded(ProgressReport report) =>
        Timeline.Any(r => r.AsOf == report.AsOf && r.Version > report.Version);
}
