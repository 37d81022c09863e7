using System.Text.RegularExpressions;
using Minxin.Importer.Text;

namespace Minxin.Importer.Reading;

/// <summary>The numbering styles of the genre, in the order official documents nest them.</summary>
internal enum NumberingStyle
{
    /// <summary>第一部分, 第一类, 第一方面.</summary>
    Part,

    /// <summary>01  护苗助老贴心工程 (the cards' category headings).</summary>
    TwoDigit,

    /// <summary>一、</summary>
    Chinese,

    /// <summary>（一）</summary>
    ParenChinese,

    /// <summary>第一项, 第一件.</summary>
    Ordinal,

    /// <summary>1. 1、 1．</summary>
    Arabic,

    /// <summary>（1）</summary>
    ParenArabic,

    /// <summary>①</summary>
    Circled,

    /// <summary>一是, 二是: points of a paragraph, sometimes its items.</summary>
    Enumerated,
}

/// <summary>A numbered line: its style, its number, and the text after the number.</summary>
internal sealed record Heading(NumberingStyle Style, int Number, Span Content);

internal static class Headings
{
    private const RegexOptions Linear = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;
    private const string ChineseNumber = "[一二三四五六七八九十]{1,3}";

    private static readonly (NumberingStyle Style, Regex Pattern)[] Patterns =
    [
        (NumberingStyle.Part, new Regex(@"^第\s*(" + ChineseNumber + @"|\d{1,3})\s*(?:部分|类|个方面|方面|篇|章)\s*[：:、，.]?\s*", Linear)),
        (NumberingStyle.Ordinal, new Regex(@"^第\s*(" + ChineseNumber + @"|\d{1,3})\s*(?:项|件|个)\s*[：:、，.]?\s*", Linear)),
        (NumberingStyle.ParenChinese, new Regex(@"^[（(]\s*(" + ChineseNumber + @")\s*[）)]\s*", Linear)),
        (NumberingStyle.ParenArabic, new Regex(@"^[（(]\s*(\d{1,3})\s*[）)]\s*", Linear)),
        (NumberingStyle.Chinese, new Regex(@"^(" + ChineseNumber + @")\s*[、.]\s*", Linear)),
        (NumberingStyle.TwoDigit, new Regex(@"^(0[1-9]|[1-9]\d?)\s{1,8}", Linear)),
        (NumberingStyle.TwoDigit, new Regex(@"^(0[1-9])\s*[、.]\s*", Linear)),
        (NumberingStyle.Arabic, new Regex(@"^(\d{1,3})\s*[.、)）]\s*", Linear)),
        (NumberingStyle.Circled, new Regex(@"^([①-⑳])\s*", Linear)),
        (NumberingStyle.Enumerated, new Regex(@"^(" + ChineseNumber + @")是\s*", Linear)),
    ];

    /// <summary>The heading a line starts with, if any. Markdown's # and list bullets are not numbering and are skipped.</summary>
    public static Heading? Read(SourceText text, Span line)
    {
        foreach (var (style, pattern) in Patterns)
        {
            var match = pattern.Match(text.Normalized, line.Start, line.Length);
            if (!match.Success)
            {
                continue;
            }
            var content = Span.FromTo(match.Index + match.Length, line.End);
            if (style == NumberingStyle.Arabic && content.Length > 0 && char.IsAsciiDigit(text[content.Start]))
            {
                continue; // 1.45万人次 starts a sentence, not a list
            }
            if (style == NumberingStyle.Enumerated && content.Length > 0 && text[content.Start] == '否')
            {
                continue; // 是否
            }
            var number = NumberOf(match.Groups[1].Value);
            if (number > 0)
            {
                return new Heading(style, number, content);
            }
        }
        return null;
    }

    private static int NumberOf(string text)
    {
        if (text.Length == 1 && text[0] is >= '①' and <= '⑳')
        {
            return text[0] - '①' + 1;
        }
        if (char.IsAsciiDigit(text[0]))
        {
            return int.TryParse(text, out var n) ? n : 0;
        }
        return Numerals.TryReadChinese(text, 0, out var value, out var length) && length == text.Length ? (int)value : 0;
    }
}
