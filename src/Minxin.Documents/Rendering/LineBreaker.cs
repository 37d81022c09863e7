using System.Text;
using SkiaSharp;

namespace Minxin.Documents.Rendering;

/// <summary>
/// Breaks text into lines that fit a width. Chinese breaks between any two characters; a run of Latin letters and
/// digits ("5119/6000", "e就业" keeps "e") stays whole where it fits; closing punctuation never starts a line (避头).
/// </summary>
internal static class LineBreaker
{
    private const string NoLineStart = "，。、；：？！）》」』”’%…—·,.;:?!)]";

    public static IReadOnlyList<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        foreach (var hardLine in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            WrapLine(hardLine, font, width, lines);
        }
        return lines;
    }

    private static void WrapLine(string text, SKFont font, float width, List<string> lines)
    {
        var line = new StringBuilder();
        foreach (var unit in Units(text))
        {
            if (line.Length == 0 || font.MeasureText(line + unit) <= width || NoLineStart.Contains(unit[0], StringComparison.Ordinal))
            {
                AppendBreakingIfTooLong(line, unit, font, width, lines);
                continue;
            }
            lines.Add(line.ToString().TrimEnd());
            line.Clear();
            AppendBreakingIfTooLong(line, unit.TrimStart(), font, width, lines);
        }
        lines.Add(line.ToString().TrimEnd());
    }

    // A Latin run wider than the line itself is broken by characters.
    private static void AppendBreakingIfTooLong(StringBuilder line, string unit, SKFont font, float width, List<string> lines)
    {
        if (unit.Length == 1 || font.MeasureText(line + unit) <= width)
        {
            line.Append(unit);
            return;
        }
        foreach (var rune in unit.EnumerateRunes())
        {
            var piece = rune.ToString();
            if (line.Length > 0 && font.MeasureText(line + piece) > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            line.Append(piece);
        }
    }

    /// <summary>The pieces a line may break between: one CJK character, or one run of Latin letters, digits and their signs.</summary>
    private static IEnumerable<string> Units(string text)
    {
        var run = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.IsAscii && !Rune.IsWhiteSpace(rune))
            {
                run.Append(rune.ToString());
                continue;
            }
            if (run.Length > 0)
            {
                yield return run.ToString();
                run.Clear();
            }
            yield return rune.ToString();
        }
        if (run.Length > 0)
        {
            yield return run.ToString();
        }
    }
}
