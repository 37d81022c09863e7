using System.Globalization;
using System.Text;
using Minxin.Web.Platform;

namespace Minxin.Web.Accessibility;

/// <summary>
/// GET /preferences: the mode links and the toolbar buttons work without JavaScript by coming here, which updates
/// the cookie and sends the reader back to the page they were on. (With JavaScript the toolbar changes the page in
/// place and writes the same cookie.) Only preferences change here, so a plain GET is safe.
/// </summary>
public static class PreferencesEndpoint
{
    public const string Path = "/preferences";

    public static WebApplication MapPreferences(this WebApplication app)
    {
        app.MapGet(Path, (HttpContext context, string? mode, string? text, string? scheme, string? cursor, string? guides,
            string? plain, string? captions, string? reset, string? @return) =>
        {
            var preferences = reset == "1"
                ? ReaderPreferences.Default with { Mode = ReaderPreferences.From(context.Request).Mode }
                : Apply(ReaderPreferences.From(context.Request), mode, text, scheme, cursor, guides, plain, captions);
            preferences.WriteTo(context.Response);
            return Results.Redirect(LocalOrHome(@return), permanent: false, preserveMethod: false);
        }).ExcludeFromDescription().RequireRateLimiting(RateLimitPolicies.Public);
        return app;
    }

    public static ReaderPreferences Apply(ReaderPreferences current, string? mode, string? text, string? scheme,
        string? cursor, string? guides, string? plain, string? captions)
    {
        var result = current;
        result = mode switch
        {
            "standard" => result with { Mode = ReadingMode.Standard },
            "elder" => result with { Mode = ReadingMode.Elder },
            "care" => result with { Mode = ReadingMode.Care },
            _ => result,
        };
        result = text switch
        {
            "up" => result with { TextSize = Math.Min(result.TextSize + 1, ReaderPreferences.MaxTextSize) },
            "down" => result with { TextSize = Math.Max(result.TextSize - 1, 0) },
            _ when int.TryParse(text, out var size) => result with { TextSize = Math.Clamp(size, 0, ReaderPreferences.MaxTextSize) },
            _ => result,
        };
        result = scheme switch
        {
            "default" => result with { Scheme = ColourScheme.Default },
            "yb" => result with { Scheme = ColourScheme.YellowOnBlack },
            "by" => result with { Scheme = ColourScheme.BlackOnYellow },
            _ => result,
        };
        return result with
        {
            BigCursor = Flag(cursor, result.BigCursor),
            Guides = Flag(guides, result.Guides),
            PlainText = Flag(plain, result.PlainText),
            Captions = Flag(captions, result.Captions),
        };
    }

    private static bool Flag(string? value, bool current) => value switch
    {
        "1" => true,
        "0" => false,
        _ => current,
    };

    /// <summary>
    /// Only a path on this site: never an open redirect to another host. It goes out in the Location header, which is
    /// ASCII: anything beyond ASCII (a full-width space, a Chinese word) is percent-encoded as UTF-8, as browsers do.
    /// </summary>
    public static string LocalOrHome(string? target) =>
        target is { Length: > 0 and <= 2000 } t && t[0] == '/' && (t.Length == 1 || (t[1] != '/' && t[1] != '\\'))
            && !t.Contains("://", StringComparison.Ordinal) && !t.Any(char.IsControl)
            ? PercentEncoded(t)
            : "/";

    private static string PercentEncoded(string target)
    {
        if (Ascii.IsValid(target) && !target.Contains(' ', StringComparison.Ordinal))
        {
            return target;
        }
        var text = new StringBuilder(target.Length * 3);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in target.EnumerateRunes())
        {
            if (rune.IsAscii && rune.Value != ' ')
            {
                text.Append((char)rune.Value);
                continue;
            }
            foreach (var b in utf8[..rune.EncodeToUtf8(utf8)])
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return text.ToString();
    }
}
