using Minxin.Domain.Programs;
using Minxin.Web.ReportCards;

namespace Minxin.Web.Following;

/// <summary>The "关注进展" box of a program's or an item's page: its feed, the e-mail form, the poster (items).</summary>
public sealed record FollowBox(LivelihoodProgram Program, Item? Item)
{
    public string FeedPath => FeedEntries.FeedPath(Program, Item);

    public string? ItemId => Item is null ? null : PublicIds.Item(Program, Item);

    public string? PosterPath => Item is null ? null : $"/items/{ItemId}/poster";
}
