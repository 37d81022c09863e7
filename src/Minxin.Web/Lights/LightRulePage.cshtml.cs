using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Minxin.Domain.Oversight;
using Minxin.Domain.Programs;
using Minxin.Domain.ReportCards;
using Minxin.Web.Platform;
using Minxin.Web.PublicCache;
using Minxin.Web.ReportCards;

namespace Minxin.Web.Lights;

/// <summary>/programs/{code}/lights: the published light rule, its versions, and every item's light today with its reason.</summary>
[Public]
[EnableRateLimiting(RateLimitPolicies.Public)]
public sealed class LightRulePageModel(PublicPrograms programs) : PageModel
{
    public LivelihoodProgram Program { get; private set; } = null!;

    public ReportCard Card { get; private set; } = null!;

    public CardLights Lights { get; private set; } = null!;

    public IReadOnlyList<ProgramLightRule> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var program = await programs.FindAsync(code, cancellationToken);
        if (program is null)
        {
            return NotFound();
        }
        Program = program;
        Card = PublicPrograms.Card(program, null);
        Lights = PublicPrograms.Lights(Card);
        Versions = program.LightRules.OrderByDescending(v => v.Version).ToList();
        return Page();
    }
}
