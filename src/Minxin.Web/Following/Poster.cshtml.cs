using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Minxin.Domain.Programs;
using Minxin.Domain.ReportCards;
using Minxin.Web.Platform;
using Minxin.Web.PublicCache;
using Minxin.Web.ReportCards;
using Minxin.Web.Sharing;

namespace Minxin.Web.Following;

/// <summary>
/// /items/{id}/poster: an A5 poster for the item's site (码上查 / 码上评 / 码上提): its title, its category, and the QR
/// code of the item page's canonical address with that address in text.
/// </summary>
[Public]
[EnableRateLimiting(RateLimitPolicies.Public)]
public sealed class PosterModel(PublicPrograms programs, ShareLinks share, IOptions<MinxinOptions> site) : PageModel
{
    public ItemCard Card { get; private set; } = null!;

    public Item Item => Card.Item;

    public LivelihoodProgram Program => Item.Category.Program;

    public string ItemId => PublicIds.Item(Program, Item);

    /// <summary>The item page's address, as the QR code holds it.</summary>
    public string PageUrl { get; private set; } = "";

    /// <summary>The address to type: without the scheme.</summary>
    public string ShortUrl => PageUrl[(PageUrl.IndexOf("://", StringComparison.Ordinal) + 3)..];

    public string? QrSvg { get; private set; }

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
        Card = PublicPrograms.Card(program, null).Items.First(i => i.Item.Code == itemCode);
        PageUrl = FeedEndpoints.BaseUrl(site.Value, Request) + $"/items/{PublicIds.Item(program, item)}";
        QrSvg = share.QrSvg(PageUrl);
        return Page();
    }
}
