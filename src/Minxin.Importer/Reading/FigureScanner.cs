using Minxin.Domain.Quantities;
using Minxin.Importer.Text;

namespace Minxin.Importer.Reading;

/// <summary>
/// Finds the figures in a stretch of text. A number counts only with a unit of count or measure after it; dates
/// (2025年, 5月1日, 1—5月份), times, ordinals (第四届) and numbers inside 《》 or “” are not figures.
/// </summary>
internal static class FigureScanner
{
    // Longest first, so 人次 wins over 人 and 平方米 over 米.
    private static readonly string[] Units =
    [
        "平方公里", "个百分点", "平方米", "立方米", "万千瓦",
        "人次", "户次", "场次", "车次", "架次", "班次", "批次", "公里", "千米", "公顷", "延米", "千瓦", "兆瓦", "平米", "床位",
        "个", "家", "人", "名", "户", "元", "亩", "米", "座", "处", "所", "条", "项", "场", "次", "期", "份", "辆", "盏", "台",
        "套", "张", "件", "间", "栋", "幢", "吨", "株", "棵", "块", "片", "根", "组", "支", "只", "头", "床", "宗", "起", "册",
        "本", "部", "艘", "站", "班", "门", "口", "眼", "位", "节", "类", "批", "轮", "篇", "首", "幅", "层", "道", "段", "列",
        "箱", "袋", "盒", "瓶", "对", "种", "包", "例", "剂", "斤", "㎡", "km", "m²",
    ];

    // Single Chinese digits that are words, not counts: 一站式, 二次报销, 一件事, 一批.
    private static readonly string[] Idioms =
    [
        "一次性", "二次", "一批", "一站", "一门", "一口", "一件事", "一条龙", "一本", "一张", "一部分", "一块", "一户一", "一人一",
        "一村一", "一街一", "一镇一", "一些", "一定", "一线", "一体", "一网", "一键", "一级", "二级", "三级", "一类", "二类", "三类",
        "一批次", "两新", "一位", "一道",
    ];

    // 统一部署, 唯一, 进一步, 之一: a single Chinese digit after these is part of a word.
    private const string WordBefore = "统唯同之逐划整专单均归合进初其万";

    private static readonly string[] AtLeast = ["不少于", "不低于", "至少", "最少"];
    private static readonly string[] Over = ["超过", "逾"];
    private static readonly string[] About = ["大约", "约"];

    // 签约1136台, 预约200人次, 节约30万元: 约 ends a word here and says nothing about the figure.
    private const string WordsEndingInYue = "签预节制合履违邀特契公条守赴相爽失";

    public static List<Figure> Scan(string text, Span range)
    {
        var figures = new List<Figure>();
        var end = Math.Min(range.End, text.Length);
        var i = Math.Max(0, range.Start);
        while (i < end)
        {
            var c = text[i];
            if (c is '《' or '“')
            {
                // A name or a slogan: 《…手册》, “十四五”, “1+N”. Unclosed quotes (cut text) hide nothing.
                var close = text.IndexOf(c == '《' ? '》' : '”', i + 1, Math.Min(60, end - i - 1));
                i = close > 0 ? close + 1 : i + 1;
                continue;
            }
            var arabic = char.IsAsciiDigit(c) && (i == 0 || !IsPartOfToken(text[i - 1]));
            var chinese = !arabic && (Numerals.IsChineseDigit(c) || c == '十') && (i == 0 || !Numerals.IsChineseNumeralChar(text[i - 1]));
            if (!arabic && !chinese)
            {
                i++;
                continue;
            }
            var (figure, next) = Read(text, i, end, chinese);
            if (figure is not null)
            {
                figures.Add(figure);
            }
            i = Math.Max(i + 1, next);
        }
        return figures;
    }

    private static bool IsPartOfToken(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '/' or ':' or '_';

    /// <summary>The figure that starts at <paramref name="start"/>, if the number there is one, and where to read on.</summary>
    private static (Figure? Figure, int Next) Read(string text, int start, int end, bool chinese)
    {
        if (chinese ? !Numerals.TryReadChinese(text, start, out var number, out var length) : !Numerals.TryReadArabic(text, start, out number, out length))
        {
            return (null, start + Math.Max(1, length));
        }
        var numberEnd = start + length;
        if (start > 0 && text[start - 1] == '第')
        {
            return (null, numberEnd); // 第四届: an ordinal
        }
        var q = SkipSpaces(text, numberEnd, end);
        if (q >= end)
        {
            return (null, numberEnd);
        }
        if (NotACount(text, q, end) is { } skipTo)
        {
            return (null, skipTo);
        }
        var (multiplier, unit, qualifier, unitEnd) = ScaleAndUnit(text, q, end, chinese);
        if (unit is null)
        {
            return (null, unitEnd);
        }
        if (chinese && length == 1 && (unit == "%" || Idioms.Any(w => text.AsSpan(start).StartsWith(w, StringComparison.Ordinal))
            || start > 0 && WordBefore.Contains(text[start - 1])))
        {
            return (null, unitEnd);
        }
        var (figureStart, figureEnd) = (start, unitEnd);
        qualifier = Comparators(text, ref figureStart, ref figureEnd, end) ?? qualifier;
        var value = decimal.Round(number * multiplier, FixedScale.Decimals);
        if (value <= 0 || value > FixedScale.MaxValue)
        {
            return (null, figureEnd);
        }
        return (new Figure(Span.FromTo(figureStart, figureEnd), value, unit, qualifier, chinese), figureEnd);
    }

    /// <summary>
    /// Where to read on when what follows the number makes it no count: a date or age (2025年, 5月, 60岁), a range
    /// (1—5月份 is a period; 3-5个 is not one figure either), a time or a list number (13:43, 1.).
    /// </summary>
    private static int? NotACount(string text, int at, int end)
    {
        var c = text[at];
        if (c is '年' or '月' or '日' or '号' or '时' or '点' or '岁' or '周' or '天')
        {
            return at + 1;
        }
        if (c is '—' or '–' or '-' or '~' or '至' or '到' && at + 1 < end && (char.IsAsciiDigit(text[at + 1]) || Numerals.IsChineseDigit(text[at + 1])))
        {
            var after = at + 1;
            while (after < end && (char.IsAsciiDigit(text[after]) || Numerals.IsChineseNumeralChar(text[after])))
            {
                after++;
            }
            return after;
        }
        return c is ':' or '.' or ',' ? at + 1 : null;
    }

    /// <summary>万/亿 and 余/多 after the number, then the unit: "2万余份" is over 20000 份, "1.2亿元" is 120000000 元.</summary>
    private static (decimal Multiplier, string? Unit, Comparator Qualifier, int End) ScaleAndUnit(string text, int at, int end, bool chinese)
    {
        var qualifier = Comparator.Exactly;
        if (text[at] is '余' or '多' && at + 1 < end && text[at + 1] is '万' or '亿')
        {
            qualifier = Comparator.Over;
            at++;
        }
        decimal multiplier = 1;
        if (at < end && !chinese && text[at] is '万' or '亿')
        {
            multiplier = text[at] == '万' ? 10_000 : 100_000_000;
            at++;
        }
        if (at < end && text[at] is '余' or '多')
        {
            qualifier = Comparator.Over;
            at++;
        }
        at = SkipSpaces(text, at, end);
        var unit = at < end && text[at] == '%' ? "%" : UnitAt(text, at, end);
        if (unit is null)
        {
            return (multiplier, null, qualifier, at);
        }
        var unitEnd = at + unit.Length;
        if (unit == "万千瓦")
        {
            multiplier *= 10_000;
            unit = "千瓦";
        }
        return (multiplier, unit, qualifier, unitEnd);
    }

    /// <summary>以上/左右 after the figure and 不少于/超过/约 before it, which then belong to its span.</summary>
    private static Comparator? Comparators(string text, ref int start, ref int end, int limit)
    {
        Comparator? said = null;
        if (Follows(text, end, limit, "以上"))
        {
            said = Comparator.Over;
            end += 2;
        }
        else if (Follows(text, end, limit, "左右"))
        {
            said = Comparator.About;
            end += 2;
        }
        var figureStart = start;
        foreach (var (words, comparator) in new[] { (AtLeast, Comparator.AtLeast), (Over, Comparator.Over), (About, Comparator.About) })
        {
            var word = words.FirstOrDefault(w => Precedes(text, figureStart, w)
                && !(w == "约" && figureStart >= 2 && WordsEndingInYue.Contains(text[figureStart - 2])));
            if (word is not null)
            {
                start -= word.Length;
                return comparator;
            }
        }
        return said;
    }

    private static int SkipSpaces(string text, int i, int end)
    {
        var j = i;
        while (j < end && j - i < 2 && text[j] == ' ')
        {
            j++;
        }
        return j < end && text[j] == ' ' ? i : j;
    }

    public static string? UnitAt(string text, int at, int end)
    {
        foreach (var unit in Units)
        {
            if (at + unit.Length <= end && string.CompareOrdinal(text, at, unit, 0, unit.Length) == 0)
            {
                return unit;
            }
        }
        return null;
    }

    private static bool Follows(string text, int at, int end, string word) =>
        at + word.Length <= end && string.CompareOrdinal(text, at, word, 0, word.Length) == 0;

    private static bool Precedes(string text, int at, string word) =>
        at >= word.Length && string.CompareOrdinal(text, at - word.Length, word, 0, word.Length) == 0;
}
