using System.Text;

namespace Minxin.Importer.Text;

/// <summary>
/// Brings the many ways the genre is typed to one form without changing the text's length: Traditional characters to
/// Simplified, full-width digits and letters to ASCII, ASCII punctuation after Chinese words to Chinese punctuation,
/// Markdown emphasis to spaces.
/// </summary>
internal static class TextNormalizer
{
    private static readonly string[] BlockTags = ["p", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "title", "section", "article", "table"];

    private static readonly (string Entity, char Char)[] Entities =
        [("&nbsp;", ' '), ("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&ldquo;", '“'), ("&rdquo;", '”'), ("&mdash;", '—')];

    public static string Normalize(string text)
    {
        var chars = text.ToCharArray();
        if (LooksLikeHtml(text))
        {
            Unmark(chars);
        }
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Map(chars, i);
        }
        return new string(chars);
    }

    private static bool LooksLikeHtml(string text) =>
        text.Contains("</p>", StringComparison.OrdinalIgnoreCase) || text.Contains("<br", StringComparison.OrdinalIgnoreCase)
        || text.Contains("</div>", StringComparison.OrdinalIgnoreCase) || text.Contains("</h", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A page pasted as HTML: tags become spaces (a line break for paragraphs and headings) and entities their character,
    /// padded with spaces, so that positions still point into the pasted text.
    /// </summary>
    private static void Unmark(char[] chars)
    {
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == '<' && i + 1 < chars.Length && (char.IsAsciiLetter(chars[i + 1]) || chars[i + 1] is '/' or '!'))
            {
                var close = Array.IndexOf(chars, '>', i, Math.Min(1000, chars.Length - i));
                if (close < 0)
                {
                    continue;
                }
                var name = new string(chars, i + 1, close - i - 1).TrimStart('/').Split(' ', '>', '/')[0].ToLowerInvariant();
                var block = BlockTags.Contains(name);
                Array.Fill(chars, ' ', i, close - i + 1);
                if (block)
                {
                    chars[i] = '\n';
                }
                i = close;
            }
            else if (chars[i] == '&')
            {
                foreach (var (entity, c) in Entities)
                {
                    if (i + entity.Length <= chars.Length && chars.AsSpan(i, entity.Length).SequenceEqual(entity))
                    {
                        Array.Fill(chars, ' ', i, entity.Length);
                        chars[i] = c;
                        i += entity.Length - 1;
                        break;
                    }
                }
            }
        }
    }

    private static char Map(char[] chars, int i)
    {
        var c = chars[i];
        if (char.IsSurrogate(c))
        {
            var paired = char.IsHighSurrogate(c) ? i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])
                : i > 0 && char.IsHighSurrogate(chars[i - 1]);
            return paired ? c : '\uFFFD';
        }
        if (c is >= '\uFF10' and <= '\uFF19' or >= '\uFF21' and <= '\uFF3A' or >= '\uFF41' and <= '\uFF5A')
        {
            return (char)(c - 0xFEE0);
        }
        switch (c)
        {
            case '\t' or '\n' or '\r':
                return c;
            case '\u2028' or '\u2029' or '\u0085':
                return '\n';
            case '\u3000' or '\u00A0' or '\u2002' or '\u2003' or '\u2009' or '\u200B':
                return ' ';
            case '％':
                return '%';
            case '．':
                return '.';
            case '－' or '﹣':
                return '-';
            case '～':
                return '~';
            case '／':
                return '/';
            case '｜':
                return '|';
            case '「':
                return '“';
            case '」':
                return '”';
            case '『':
                return '‘';
            case '』':
                return '’';
            case ',' or ';' or '!' or '?':
                return AfterChinese(chars, i) ? FullWidth(c) : c;
            case '.':
                // "新增学位960个.目前,…" typed with ASCII stops; 1.45, 1.新建 and 一.教育 keep their dot.
                return AfterChinese(chars, i) && !NumbersHeading(chars, i) ? '。' : c;
            case '*':
                // Markdown emphasis and bullets (**1. 新增…**); 3*5 stays.
                return i > 0 && i + 1 < chars.Length && char.IsAsciiLetterOrDigit(chars[i - 1]) && char.IsAsciiLetterOrDigit(chars[i + 1]) ? c : ' ';
            case ':':
                // 13:43 stays a time; 来源:津南好 becomes 来源：津南好.
                return AfterChinese(chars, i) && !(i + 1 < chars.Length && char.IsAsciiDigit(chars[i + 1]) && i > 0 && char.IsAsciiDigit(chars[i - 1]))
                    ? '：' : c;
        }
        if (char.IsControl(c))
        {
            return ' ';
        }
        return TraditionalChinese.ToSimplified(c);
    }

    private static char FullWidth(char c) => c switch
    {
        ',' => '，',
        ';' => '；',
        '!' => '！',
        _ => '？',
    };

    /// <summary>The dot of "一." or "十二." at the start of a line: a heading's number, not the end of a sentence.</summary>
    private static bool NumbersHeading(char[] chars, int dot)
    {
        var start = dot;
        while (start > 0 && dot - start < 3 && (Numerals.Digit(chars[start - 1]) > 0 || chars[start - 1] == '十'))
        {
            start--;
        }
        while (start > 0 && chars[start - 1] is ' ' or '\t' or '\u3000')
        {
            start--;
        }
        return start < dot && (start == 0 || chars[start - 1] is '\n' or '\r');
    }

    private static bool AfterChinese(char[] chars, int i)
    {
        var j = i - 1;
        while (j >= 0 && chars[j] == ' ')
        {
            j--;
        }
        return j >= 0 && (IsChinese(chars[j]) || IsChinesePunctuation(chars[j]) || chars[j] == '%' || chars[j] == '％');
    }

    public static bool IsChinese(char c) => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';

    public static bool IsChinesePunctuation(char c) =>
        c is >= '\u3000' and <= '\u303F' or >= '\uFF00' and <= '\uFFEF' or '“' or '”' or '‘' or '’' or '—' or '…' or '·';

    /// <summary>Text for the draft: runs of white space become one space, and none is kept next to Chinese.</summary>
    public static string Clean(ReadOnlySpan<char> text)
    {
        var result = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = result.Length > 0;
                continue;
            }
            if (pendingSpace && !IsWide(result[^1]) && !IsWide(c))
            {
                result.Append(' ');
            }
            pendingSpace = false;
            result.Append(c);
        }
        return result.ToString();
    }

    private static bool IsWide(char c) => IsChinese(c) || IsChinesePunctuation(c);
}
