using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Minxin.Domain;
using Minxin.Domain.Progress;
using Minxin.Domain.ReportCards;
using Minxin.Domain.Search;
using Minxin.Web.Platform;
using Minxin.Web.PublicCache;

namespace Minxin.Web.ReportCards;

[Public(AsOfParameter.Name, "status", "category", "unit", "q")]
[EnableRateLimiting(RateLimitPolicies.Public)]
public sealed class CardModel(PublicPrograms programs) : PageModel
{
    public ReportCard Card { get; private set; } = null!;

    public DateOnly LatestDate { get; private set; }

    /// <summary>The asOf the reader typed, when it was not a date; the page says so and shows the latest card.</summary>
    public string? InvalidAsOf { get; private set; }

    public ItemFilter Filter { get; private set; } = ItemFilter.None;

    /// <summary>The categories and items the filter keeps, in card order; categories left empty are dropped.</summary>
    public IReadOnlyList<CategoryCard> Shown { get; private set; } = [];

    /// <summary>Responsible units named anywhere in the program, for the unit filter (empty when none are published).</summary>
    public IReadOnlyList<string> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, [FromQuery(Name = AsOfParameter.Name)] string? asOf,
        string? status, int? category, string? unit, string? q, CancellationToken cancellationToken)
    {
        var program = await programs.FindAsync(code, cancellationToken);
        if (program is null)
        {
            return NotFound();
        }
        LatestDate = PublicPrograms.LatestDate(program);
        if (!AsOfParameter.TryParse(asOf, out var date))
        {
            InvalidAsOf = asOf;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        Card = PublicPrograms.Card(program, date);
        Filter = new ItemFilter(
            EnumCodes.TryParse<ItemStatus>(status, out var s) ? s : null,
            category,
            string.IsNullOrWhiteSpace(unit) ? null : unit,
            q);
        Shown = Card.Categories
            .Select(c => c with { Items = c.Items.Where(Filter.Matches).ToList() })
            .Where(c => c.Items.Count > 0)
            .ToList();
        Units = program.Items.SelectMany(i => i.CooperatingUnitNames.Prepend(i.LeadUnitName ?? "")).Where(u => u.Length > 0).Distinct().Order().ToList();
        return Page();
    }
}
