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

    private static (Figure? Figure, int Next) Read(string text, int start, int end, bool chinese)
    {
        decimal number;
        int length;
        if (chinese ? !Numerals.TryReadChinese(text, start, out number, out length) : !Numerals.TryReadArabic(text, start, out number, out length))
        {
            return (null, start + Math.Max(1, length));
        }
        var numberEnd = start + length;
        if (start > 0 && text[start - 1] == '第')
        {
            return (null, numberEnd);
        }
        var q = SkipSpaces(text, numberEnd, end);
        if (q >= end)
        {
            return (null, numberEnd);
        }
        var c = text[q];
        if (c is '年' or '月' or '日' or '号' or '时' or '点' or '岁' or '周' or '天')
        {
            return (null, q + 1);
        }
        if (c is '—' or '–' or '-' or '~' or '至' or '到' && q + 1 < end && (char.IsAsciiDigit(text[q + 1]) || Numerals.IsChineseDigit(text[q + 1])))
        {
            // A range: 1—5月份 is a period; 3-5个 is not one figure either.
            var after = q + 1;
            while (after < end && (char.IsAsciiDigit(text[after]) || Numerals.IsChineseNumeralChar(text[after])))
            {
                after++;
            }
            return (null, after);
        }
        if (c is ':' or '.' or ',')
        {
            return (null, q + 1);
        }
        var qualifier = Comparator.Exactly;
        if (c is '余' or '多' && q + 1 < end && text[q + 1] is '万' or '亿')
        {
            qualifier = Comparator.Over;
            q++;
        }
        decimal multiplier = 1;
        if (q < end && text[q] == '万' && !chinese)
        {
            multiplier = 10_000;
            q++;
        }
        else if (q < end && text[q] == '亿' && !chinese)
        {
            multiplier = 100_000_000;
            q++;
        }
        if (q < end && text[q] is '余' or '多')
        {
            qualifier = Comparator.Over;
            q++;
        }
        q = SkipSpaces(text, q, end);
        var unit = q < end && text[q] == '%' ? "%" : UnitAt(text, q, end);
        if (unit is null)
        {
            return (null, q);
        }
        var figureEnd = q + unit.Length;
        if (unit == "万千瓦")
        {
            multiplier *= 10_000;
            unit = "千瓦";
        }
        if (chinese && length == 1 && (unit == "%" || Idioms.Any(w => text.AsSpan(start).StartsWith(w, StringComparison.Ordinal))
            || start > 0 && WordBefore.Contains(text[start - 1])))
        {
            return (null, figureEnd);
        }
        if (Follows(text, figureEnd, end, "以上"))
        {
            qualifier = Comparator.Over;
            figureEnd += 2;
        }
        else if (Follows(text, figureEnd, end, "左右"))
        {
            qualifier = Comparator.About;
            figureEnd += 2;
        }
        var figureStart = start;
        foreach (var (words, comparator) in new[] { (AtLeast, Comparator.AtLeast), (Over, Comparator.Over), (About, Comparator.About) })
        {
            var word = words.FirstOrDefault(w => Precedes(text, figureStart, w)
                && !(w == "约" && figureStart >= 2 && WordsEndingInYue.Contains(text[figureStart - 2])));
            if (word is not null)
            {
                qualifier = comparator;
                figureStart -= word.Length;
                break;
            }
        }
        var value = decimal.Round(number * multiplier, FixedScale.Decimals);
        if (value <= 0 || value > FixedScale.MaxValue)
        {
            return (null, figureEnd);
        }
        return (new Figure(Span.FromTo(figureStart, figureEnd), value, unit, qualifier, chinese), figureEnd);
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

    private static string? UnitAt(string text, int at, int end)
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
