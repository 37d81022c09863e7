using System.Globalization;

namespace Minxin.Importer.Text;

/// <summary>Reads numbers as the genre writes them: 5119, 1,234, 1.45 (万), 一百二十, 两千, 三万五千.</summary>
internal static class Numerals
{
    /// <summary>More digits than this are not a figure of a livelihood program (and would not fit the data file).</summary>
    private const int MaxDigits = 15;

    public static bool IsChineseDigit(char c) => Digit(c) >= 0 && c is not ('零' or '〇');

    public static bool IsChineseNumeralChar(char c) => Digit(c) >= 0 || Unit(c) > 0;

    /// <summary>零〇一二两三…九 as 0…9, anything else −1.</summary>
    public static int Digit(char c) => c switch
    {
        '零' or '〇' => 0,
        '一' => 1,
        '二' or '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => -1,
    };

    private static long Unit(char c) => c switch
    {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => 0,
    };

    /// <summary>An Arabic number at <paramref name="start"/>: digits, optional thousands commas, optional decimals.</summary>
    public static bool TryReadArabic(string text, int start, out decimal value, out int length)
    {
        value = 0;
        length = 0;
        var i = start;
        var digits = 0;
        var integer = new System.Text.StringBuilder();
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                integer.Append(c);
                digits++;
                i++;
            }
            else if (c == ',' && digits > 0 && IsThreeDigitGroup(text, i + 1))
            {
                i++;
            }
            else
            {
                break;
            }
            if (digits > MaxDigits)
            {
                return false;
            }
        }
        if (digits == 0)
        {
            return false;
        }
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            integer.Append('.');
            i++;
            var decimals = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                if (decimals++ < 8)
                {
                    integer.Append(text[i]);
                }
                i++;
            }
        }
        length = i - start;
        return decimal.TryParse(integer.ToString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsThreeDigitGroup(string text, int at) =>
        at + 3 <= text.Length && char.IsAsciiDigit(text[at]) && char.IsAsciiDigit(text[at + 1]) && char.IsAsciiDigit(text[at + 2])
        && (at + 3 == text.Length || !char.IsAsciiDigit(text[at + 3]));

    /// <summary>A Chinese numeral at <paramref name="start"/>: 十二, 一百二十, 两千, 三万五千, 一百零五.</summary>
    public static bool TryReadChinese(string text, int start, out decimal value, out int length)
    {
        value = 0;
        length = 0;
        if (start >= text.Length || !(IsChineseDigit(text[start]) || text[start] == '十'))
        {
            return false;
        }
        decimal total = 0, section = 0, digit = 0;
        var i = start;
        while (i < text.Length && i - start < 20 && IsChineseNumeralChar(text[i]))
        {
            var c = text[i];
            var d = Digit(c);
            if (d >= 0)
            {
                digit = d;
            }
            else if (Unit(c) is 10 or 100 or 1000)
            {
                section += (digit == 0 && c == '十' ? 1 : digit) * Unit(c);
                digit = 0;
            }
            else if (c == '万')
            {
                if (section + digit == 0)
                {
                    break;
                }
                total += (section + digit) * 10_000;
                section = digit = 0;
            }
            else
            {
                if (total + section + digit == 0)
                {
                    break;
                }
                total = (total + section + digit) * 100_000_000;
                section = digit = 0;
            }
            i++;
        }
        length = i - start;
        value = total + section + digit;
        return length > 0 && value > 0;
    }
}
