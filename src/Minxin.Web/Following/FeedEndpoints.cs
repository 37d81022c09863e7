using Microsoft.Extensions.Options;
using Minxin.Data;
using Minxin.Domain.Programs;
using Minxin.Web.Platform;
using Minxin.Web.PublicCache;
using Minxin.Web.ReportCards;

namespace Minxin.Web.Following;

/// <summary>
/// The Atom feeds of each program and each item. Public responses: cached like the pages and evicted with them when
/// the program's data version moves (an approval, an edition, a reply published all move it).
/// </summary>
public static class FeedEndpoints
{
    public static WebApplication MapFeeds(this WebApplication app)
    {
        var feeds = app.MapGroup("").Public().RequireRateLimiting(RateLimitPolicies.Public).ExcludeFromDescription();
        feeds.MapGet("/programs/{code}/feed.atom", ProgramFeed);
        feeds.MapGet("/items/{id}/feed.atom", ItemFeed);
        return app;
    }

    private static async Task<IResult> ProgramFeed(string code, HttpContext http, PublicPrograms programs, MinxinDbContext db,
        IOptions<MinxinOptions> site, IOptions<FollowingOptions> following, CancellationToken cancellationToken)
    {
        var program = await programs.FindAsync(code, cancellationToken);
        return program is null ? Results.NotFound() : await FeedAsync(http, program, null, db, site.Value, following.Value, cancellationToken);
    }

    private static async Task<IResult> ItemFeed(string id, HttpContext http, PublicPrograms programs, MinxinDbContext db,
        IOptions<MinxinOptions> site, IOptions<FollowingOptions> following, CancellationToken cancellationToken)
    {
        if (!PublicIds.TryParseItem(id, out var programCode, out var itemCode))
        {
            return Results.NotFound();
        }
        var program = await programs.FindAsync(programCode, cancellationToken);
        var item = program?.Items.FirstOrDefault(i => i.Code == itemCode);
        return program is null || item is null ? Results.NotFound() : await FeedAsync(http, program, item, db, site.Value, following.Value, cancellationToken);
    }

    private static async Task<IResult> FeedAsync(HttpContext http, LivelihoodProgram program, Item? item, MinxinDbContext db,
        MinxinOptions site, FollowingOptions following, CancellationToken cancellationToken)
    {
        var replies = await FeedEntries.PublishedRepliesAsync(db, program.Id, cancellationToken);
        var entries = FeedEntries.Of(program, item, replies).Take(following.EntriesPerFeed).ToList();
        var baseUrl = BaseUrl(site, http.Request);
        var head = new AtomFeed.Head(
            FeedEntries.FeedId(program, item),
            FeedEntries.FeedTitle(program, item),
            item is null
                ? $"{program.Region.FullName}：新审核通过的进展报告、发布的成绩单和公开的留言答复"
                : $"{program.Title}：本子项新审核通过的进展报告、发布的成绩单和公开的留言答复",
            site.SiteName,
            baseUrl + FeedEntries.FeedPath(program, item),
            baseUrl + FeedEntries.PagePath(program, item),
            entries.Count > 0 ? entries[0].Updated : program.PublishedAt ?? DateTimeOffset.UnixEpoch);
        return Results.Bytes(AtomFeed.Write(head, entries, baseUrl), AtomFeed.ContentType);
    }

    /// <summary>The site's address as share links give it: the configured public address, else this request's.</summary>
    public static string BaseUrl(MinxinOptions site, HttpRequest request) =>
        site.PublicBaseUrl?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}{request.PathBase}";
}
