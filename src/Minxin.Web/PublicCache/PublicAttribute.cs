namespace Minxin.Web.PublicCache;

/// <summary>
/// Marks an endpoint whose response is the same for every reader: it is cached by <see cref="PublicPageCache"/>,
/// compressed, and evicted when the program it shows changes. It names the query parameters the page knows, in the
/// order its canonical address writes them (<see cref="CanonicalAddress"/>); any other parameter is dropped. Page
/// models carry it as an attribute; endpoint groups get it through <see cref="PublicEndpoints.Public{TBuilder}"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PublicAttribute(params string[] query) : Attribute
{
    public IReadOnlyList<string> Query { get; } = query;
}

public static class PublicEndpoints
{
    public static TBuilder Public<TBuilder>(this TBuilder builder, params string[] query) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PublicAttribute(query));
}
