using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Minxin.Domain.ReportCards;
using Minxin.Web.Publishing;
using Minxin.Web.ReportCards;

namespace Minxin.Web.Home;

[OutputCache(PolicyName = PublicCache.PolicyName)]
public sealed class IndexModel(PublicPrograms programs) : PageModel
{
    public IReadOnlyList<ReportCard> Cards { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var all = await programs.AllAsync(cancellationToken);
        Cards = all.Select(p => PublicPrograms.Card(p, null)).ToList();
    }
}
