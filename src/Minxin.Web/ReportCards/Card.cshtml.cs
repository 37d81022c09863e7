using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Minxin.Domain.ReportCards;
using Minxin.Web.Publishing;

namespace Minxin.Web.ReportCards;

[Public]
public sealed class CardModel(PublicPrograms programs) : PageModel
{
    public ReportCard Card { get; private set; } = null!;

    public DateOnly LatestDate { get; private set; }

    /// <summary>The asOf the reader typed, when it was not a date; the page says so and shows the latest card.</summary>
    public string? InvalidAsOf { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, [FromQuery(Name = AsOfParameter.Name)] string? asOf, CancellationToken cancellationToken)
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
        return Page();
    }
}
