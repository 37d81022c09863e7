using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Minxin.Web.PublicCache;

/// <summary>
/// The one address a public page is kept, shared and drawn under: its path as its route spells it, and only the
/// query parameters it knows, in the order it names them, each non-empty and at most <see cref="MaxValueLength"/>
/// characters long. Unknown parameters (utm_source, from=singlemessage) make no page of their own, and no value can
/// make a link too long for its QR code.
/// </summary>
public static class CanonicalAddress
{
    /// <summary>Room for any date, filter or search a reader types; the search page cuts its words to as many.</summary>
    public const int MaxValueLength = 100;

    /// <summary>Rewrites the request to its canonical address, so the page sees only what its address says.</summary>
    public static void Apply(HttpContext context, PublicAttribute page)
    {
        var request = context.Request;
        if (context.GetEndpoint() is RouteEndpoint route)
        {
            request.Path = PathOf(route.RoutePattern, request.RouteValues);
        }
        request.QueryString = request.QueryString.HasValue ? QueryOf(request.Query, page.Query) : QueryString.Empty;
    }

    private static PathString PathOf(RoutePattern pattern, RouteValueDictionary values)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => Convert.ToString(values[parameter.Name], CultureInfo.InvariantCulture),
                    _ => null,
                });
            }
        }
        return new PathString(path.Length == 0 ? "/" : path.ToString());
    }

    private static QueryString QueryOf(IQueryCollection query, IReadOnlyList<string> known)
    {
        var text = new StringBuilder();
        foreach (var name in known)
        {
            var values = query[name];
            if (values.Count == 0 || string.IsNullOrEmpty(values[0]))
            {
                continue;
            }
            text.Append(text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(Cut(values[0]!)));
        }
        return text.Length == 0 ? QueryString.Empty : new QueryString(text.ToString());
    }

    private static string Cut(string value) =>
        value.Length <= MaxValueLength ? value : value[..(char.IsHighSurrogate(value[MaxValueLength - 1]) ? MaxValueLength - 1 : MaxValueLength)];
}
