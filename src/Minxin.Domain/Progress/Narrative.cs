using System.Text;

namespace Minxin.Domain.Progress;

public abstract record NarrativePart;

public sealed record NarrativeText(string Text) : NarrativePart;

/// <summary>{key} in a narrative: the report's figure for that indicator; {key%} its percentage.</summary>
public sealed record NarrativeFigure(string IndicatorKey, bool Percent) : NarrativePart;

/// <summary>
/// A narrative is plain text in which {key} stands for the report's own figure, so a number in the prose is the
/// number in the data, and a correction of the figure corrects the prose. "{{" and "}}" write a literal brace.
/// </summary>
public static class Narrative
{
    public const int MaxKeyLength = 40;

    public static IReadOnlyList<NarrativePart> Parse(string narrative)
    {
        var parts = new List<NarrativePart>();
        var text = new StringBuilder();
        for (var i = 0; i < narrative.Length; i++)
        {
            var c = narrative[i];
            if ((c == '{' || c == '}') && i + 1 < narrative.Length && narrative[i + 1] == c)
            {
                text.Append(c);
                i++;
                continue;
            }
            var close = c == '{' ? narrative.IndexOf('}', i + 1) : -1;
            var key = close > i + 1 ? narrative[(i + 1)..close] : null;
            if (key is null || key.Length > MaxKeyLength + 1 || key.Any(char.IsWhiteSpace) || key.Contains('{'))
            {
                text.Append(c);
                continue;
            }
            if (text.Length > 0)
            {
                parts.Add(new NarrativeText(text.ToString()));
                text.Clear();
            }
            var percent = key.EndsWith('%');
            parts.Add(new NarrativeFigure(percent ? key[..^1] : key, percent));
            i = close;
        }
        if (text.Length > 0)
        {
            parts.Add(new NarrativeText(text.ToString()));
        }
        return parts;
    }

    /// <summary>Writes {key} as it would appear in a narrative, escaping nothing else.</summary>
    public static string Token(string indicatorKey, bool percent = false) => "{" + indicatorKey + (percent ? "%" : "") + "}";

    /// <summary>Makes literal text safe to store as a narrative.</summary>
    public static string Escape(string text) => text.Replace("{", "{{").Replace("}", "}}");
}
