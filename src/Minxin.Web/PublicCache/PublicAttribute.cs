namespace Minxin.Web.PublicCache;

/// <summary>
/// Marks an endpoint whose response is the same for every reader: it is cached by <see cref="PublicPageCache"/>,
/// compressed, and evicted when the program it shows changes. Page models carry it as an attribute; endpoint
/// groups get it through <see cref="PublicEndpoints.Public{TBuilder}"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PublicAttribute : Attribute;

public static class PublicEndpoints
{
    private static readonly PublicAttribute Marker = new();

    public static TBuilder Public<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(Marker);

    public static bool IsPublic(this HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<PublicAttribute>() is not null;
}
