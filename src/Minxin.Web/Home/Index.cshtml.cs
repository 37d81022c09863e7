using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Minxin.Domain.ReportCards;
using Minxin.Web.Platform;
using Minxin.Web.PublicCache;
using Minxin.Web.ReportCards;

namespace Minxin.Web.Home;

[Public]
[EnableRateLimiting(RateLimitPolicies.Public)]
public sealed class IndexModel(PublicPrograms programs) : PageModel
{
    public IReadOnlyList<ReportCard> Cards { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var all = await programs.AllAsync(cancellationToken);
        Cards = all.Select(p => PublicPrograms.Card(p, null)).ToList();
    }
}
