using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Minxin.Domain.ReportCards;
using Minxin.Domain.Search;
using Minxin.Web.Platform;
using Minxin.Web.PublicCache;
using Minxin.Web.ReportCards;

namespace Minxin.Web.Search;

/// <summary>/search?q=充电: items of every program whose wording, indicators, sites or progress mention the words.</summary>
[Public("q")]
[EnableRateLimiting(RateLimitPolicies.Public)]
public sealed class SearchPageModel(PublicPrograms programs) : PageModel
{
    public const int MaxQueryLength = CanonicalAddress.MaxValueLength;

    public string Query { get; private set; } = "";

    public IReadOnlyList<(ReportCard Card, IReadOnlyList<ItemCard> Items)> Results { get; private set; } = [];

    public int Count => Results.Sum(r => r.Items.Count);

    public async Task OnGetAsync(string? q, CancellationToken cancellationToken)
    {
        Query = (q ?? "").Trim();
        if (Query.Length > MaxQueryLength)
        {
            Query = Query[..MaxQueryLength];
        }
        if (ItemSearch.Terms(Query).Count == 0)
        {
            return;
        }
        var all = await programs.AllAsync(cancellationToken);
        Results = all.Select(p => PublicPrograms.Card(p, null))
            .Select(card => (card, (IReadOnlyList<ItemCard>)card.Items.Where(i => ItemSearch.Matches(i, Query)).ToList()))
            .Where(r => r.Item2.Count > 0)
            .ToList();
    }
}
