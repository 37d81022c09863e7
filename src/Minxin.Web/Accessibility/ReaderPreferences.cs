using System.Text;

namespace Minxin.Web.Accessibility;

/// <summary>标准版, 适老版 (elder: big type, one column, read-aloud) or 关爱版 (care: the toolbar).</summary>
public enum ReadingMode
{
    Standard,
    Elder,
    Care,
}

/// <summary>关爱版 colour schemes; both high-contrast ones keep body text far above 7:1.</summary>
public enum ColourScheme
{
    Default,

    /// <summary>黑底黄字.</summary>
    YellowOnBlack,

    /// <summary>黄底黑字.</summary>
    BlackOnYellow,
}

/// <summary>
/// How a reader wants the public pages: the mode, and the settings of the elder text-size control and the care
/// toolbar. Kept in a cookie so the server renders the page that way at once (no flash), with or without JavaScript.
/// The cookie is parsed strictly: anything unknown is ignored, nothing from it is ever written back raw.
/// </summary>
public sealed record ReaderPreferences(
    ReadingMode Mode = ReadingMode.Standard,
    int TextSize = 0,
    ColourScheme Scheme = ColourScheme.Default,
    bool BigCursor = false,
    bool Guides = false,
    bool PlainText = false,
    bool Captions = false)
{
    public const string CookieName = "minxin-reader";

    /// <summary>Text size steps: 100 %, 125 %, 150 %, 175 %, 200 %.</summary>
    public const int MaxTextSize = 4;

    public static readonly ReaderPreferences Default = new();

    public static ReaderPreferences From(HttpRequest request) =>
        request.Cookies.TryGetValue(CookieName, out var value) ? Parse(value) : Default;

    /// <summary>"m=care;t=2;s=yb;c=1;g=1;p=1;k=1" → preferences; unknown or malformed parts are dropped.</summary>
    public static ReaderPreferences Parse(string? value)
    {
        var result = Default;
        if (string.IsNullOrEmpty(value) || value.Length > 100)
        {
            return result;
        }
        foreach (var part in value.Split(';'))
        {
            var (key, setting) = part.IndexOf('=') is var eq and > 0 ? (part[..eq], part[(eq + 1)..]) : (part, "");
            result = key switch
            {
                "m" => setting switch
                {
                    "elder" => result with { Mode = ReadingMode.Elder },
                    "care" => result with { Mode = ReadingMode.Care },
                    _ => result,
                },
                "t" when int.TryParse(setting, out var size) => result with { TextSize = Math.Clamp(size, 0, MaxTextSize) },
                "s" => setting switch
                {
                    "yb" => result with { Scheme = ColourScheme.YellowOnBlack },
                    "by" => result with { Scheme = ColourScheme.BlackOnYellow },
                    _ => result,
                },
                "c" => result with { BigCursor = setting == "1" },
                "g" => result with { Guides = setting == "1" },
                "p" => result with { PlainText = setting == "1" },
                "k" => result with { Captions = setting == "1" },
                _ => result,
            };
        }
        return result;
    }

    /// <summary>The cookie value; also the page cache's key for this way of rendering. Defaults are left out.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        void Add(string part) => text.Append(text.Length > 0 ? ";" : "").Append(part);
        if (Mode != ReadingMode.Standard)
        {
            Add("m=" + (Mode == ReadingMode.Elder ? "elder" : "care"));
        }
        if (TextSize > 0)
        {
            Add("t=" + TextSize);
        }
        if (Scheme != ColourScheme.Default)
        {
            Add("s=" + (Scheme == ColourScheme.YellowOnBlack ? "yb" : "by"));
        }
        if (BigCursor)
        {
            Add("c=1");
        }
        if (Guides)
        {
            Add("g=1");
        }
        if (PlainText)
        {
            Add("p=1");
        }
        if (Captions)
        {
            Add("k=1");
        }
        return text.ToString();
    }

    /// <summary>
    /// Classes on &lt;html&gt; that style the page. The text size applies in the elder and care modes; the scheme,
    /// cursor, guides, plain text and captions only in the care mode, whose toolbar sets them.
    /// </summary>
    public string HtmlClasses
    {
        get
        {
            var classes = new List<string> { "mode-" + Mode.ToString().ToLowerInvariant() };
            if (Mode == ReadingMode.Standard)
            {
                return classes[0];
            }
            if (TextSize > 0)
            {
                classes.Add("text-" + TextSize);
            }
            if (Mode == ReadingMode.Care)
            {
                if (Scheme == ColourScheme.YellowOnBlack)
                {
                    classes.Add("scheme-yb");
                }
                if (Scheme == ColourScheme.BlackOnYellow)
                {
                    classes.Add("scheme-by");
                }
                if (BigCursor)
                {
                    classes.Add("big-cursor");
                }
                if (Guides)
                {
                    classes.Add("guides");
                }
                if (PlainText)
                {
                    classes.Add("plain-text");
                }
                if (Captions)
                {
                    classes.Add("captions");
                }
            }
            return string.Join(' ', classes);
        }
    }

    public void WriteTo(HttpResponse response) => response.Cookies.Append(CookieName, ToString(), new CookieOptions
    {
        Path = "/",
        MaxAge = TimeSpan.FromDays(365),
        SameSite = SameSiteMode.Lax,
        HttpOnly = false, // the toolbar script updates it in place
        IsEssential = true,
    });
}
