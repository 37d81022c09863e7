using System.Globalization;
using System.Text.RegularExpressions;
using Minxin.Domain.Quantities;
using Minxin.Importer.Text;

namespace Minxin.Importer.Reading;

/// <summary>
/// The dates of the genre: 截至6月底 (as of), 1—5月份 (the period a figure covers), 预计9月份投入使用 (expected completion),
/// 发布时间:2025-07-17 13:43 (publication), 2025年12月底 (deadline). A year left out is the program's year.
/// </summary>
internal static class DateReader
{
    // Linear-time matching: texts may be huge or hostile, and none of these patterns needs backtracking.
    private const RegexOptions Linear = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;
    private const string Month = @"(\d{1,2}|[一二三四五六七八九十]{1,3})";

    private static readonly Regex AsOfPattern = new(@"截[至止](?:到|于)?\s*[：:]?\s*(?:(\d{4})\s*年)?\s*" + Month + @"\s*月(底|末|份|(\d{1,2})\s*[日号])?", Linear);
    private static readonly Regex RangePattern = new(@"^(?:(\d{4})\s*年)?\s*" + Month + @"\s*月?\s*(?:—|–|-|~|至|到)+\s*" + Month + @"\s*月份?", Linear);
    private static readonly Regex SingleMonthPattern = new(@"^(?:(\d{4})\s*年)?\s*" + Month + @"\s*月份", Linear);
    private static readonly Regex QuarterPattern = new(@"^(?:今年|(\d{4})\s*年)?\s*(?:第)?([一二三四1-4])\s*季度", Linear);
    private static readonly Regex HalfPattern = new(@"^(?:今年|(\d{4})\s*年)?\s*(上半年|前三季度|全年|今年以来|年初以来)", Linear);
    private static readonly Regex ExpectedPattern = new(
        @"(?:预计|计划|力争|确保|争取|将于|拟于)(?:于|在|将)?\s*(?:(\d{4})\s*年)?\s*(?:" + Month + @"\s*月(份|底|末|中旬|上旬|下旬|初|中)?(?:(\d{1,2})\s*日)?|(年底|年末|年内|今年底))(?:前|之前|以前)?",
        Linear);
    private static readonly Regex PublicationPattern = new(
        @"(?:发布时间|发布日期|发表时间|发布于|日期|时间)\s*[:：]?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})[:：](\d{2}))?", Linear);
    // "成都发布　2025-10-16", "原创 吴中发布 2025年07月22日 18:30 江苏", "县民生实事项目办公室　2025年4月10日": a line
    // that is a name and a date (a by-line or a signature), without a label.
    private static readonly Regex BylinePattern = new(
        @"^(?:原创\s*)?([\u4e00-\u9fff][\u4e00-\u9fff ]{0,30}?)?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})[:：](\d{2}))?\s*[\u4e00-\u9fff]{0,4}$",
        Linear);
    private static readonly Regex PublisherPattern = new(@"(?:信息来源|稿源|来源)\s*[:：]\s*([^\s|，。：:]{1,30})", Linear);
    private static readonly Regex DeadlinePattern = new(@"(?:(\d{4})\s*年)?\s*" + Month + @"\s*月(底|末|份|中旬|上旬|下旬)?(?:(\d{1,2})\s*日)?|(年底|年末|年内|全年)", Linear);
    // What a title calls the period it reports on: 上半年, 前三季度, 三季度, （10月）, 10月份进展, 全年, 年终.
    private static readonly Regex PeriodNamePattern = new(
        @"(上半年|前三季度)|(?:第)?([一二三四1-4])\s*季度|(?:^|[（(\s年])" + Month + @"\s*月份?(?:[）)]|进展|月报|工作)|(全年|年终|年度|年底|年末)", Linear);
    private static readonly Regex YearPattern = new(@"(20\d{2})\s*年", Linear);

    private static readonly string[] CompletionVerbs =
        ["完工", "竣工", "投入使用", "投用", "建成", "完成", "交付", "开放", "运营", "运行", "使用", "开街", "通车", "验收", "落成", "启用", "开园", "开业", "营业"];

    private static readonly string[] StartVerbs = ["开工", "启动", "招标", "开标", "进场", "动工", "开始"];

    public static (DateOnly Date, Span Where)? AsOf(string text, Span range, Func<int, int, int> yearOf)
    {
        var match = AsOfPattern.Match(text, range.Start, range.Length);
        if (!match.Success || MonthOf(match.Groups[2].Value) is not { } month)
        {
            return null;
        }
        var year = match.Groups[1].Success ? Int(match.Groups[1].Value) : yearOf(month, 0);
        var day = match.Groups[4].Success ? Int(match.Groups[4].Value) : 0;
        return Date(year, month, day) is { } date ? (date, new Span(match.Index, match.Length)) : null;
    }

    /// <summary>The period a sentence's figures cover when the sentence opens with one: "1—5月份，…", "一季度，…".</summary>
    public static (Period Period, Span Where)? LeadingPeriod(string text, Span clause, int year)
    {
        var match = RangePattern.Match(text, clause.Start, clause.Length);
        if (match.Success && MonthOf(match.Groups[2].Value) is { } from && MonthOf(match.Groups[3].Value) is { } to && from <= to)
        {
            var y = match.Groups[1].Success ? Int(match.Groups[1].Value) : year;
            return Months(y, from, to, match);
        }
        match = SingleMonthPattern.Match(text, clause.Start, clause.Length);
        if (match.Success && MonthOf(match.Groups[2].Value) is { } single)
        {
            return Months(match.Groups[1].Success ? Int(match.Groups[1].Value) : year, single, single, match);
        }
        match = QuarterPattern.Match(text, clause.Start, clause.Length);
        if (match.Success)
        {
            var quarter = match.Groups[2].Value is var q && char.IsAsciiDigit(q[0]) ? Int(q) : Numerals.Digit(q[0]);
            return Months(match.Groups[1].Success ? Int(match.Groups[1].Value) : year, quarter * 3 - 2, quarter * 3, match);
        }
        match = HalfPattern.Match(text, clause.Start, clause.Length);
        if (match.Success && match.Groups[2].Value is "上半年" or "前三季度")
        {
            return Months(match.Groups[1].Success ? Int(match.Groups[1].Value) : year, 1, match.Groups[2].Value == "上半年" ? 6 : 9, match);
        }
        if (AsOf(text, clause, (_, _) => year) is { } asOf && asOf.Where.Start - clause.Start <= 1)
        {
            return (new Period(new DateOnly(asOf.Date.Year, 1, 1), asOf.Date), asOf.Where);
        }
        return null;
    }

    private static (Period, Span)? Months(int year, int from, int to, Match match)
    {
        if (year is < 2000 or > 2100 || from is < 1 or > 12 || to is < 1 or > 12)
        {
            return null;
        }
        var period = new Period(new DateOnly(year, from, 1), new DateOnly(year, to, DateTime.DaysInMonth(year, to)));
        return (period, new Span(match.Index, match.Length));
    }

    /// <summary>Every "预计…" in the range that speaks of finishing (not of starting): 预计9月份投入使用 → 2025-09.</summary>
    public static IEnumerable<(ExpectedDate Date, Span Where)> Expectations(string text, Span range, int year)
    {
        for (var match = ExpectedPattern.Match(text, range.Start, range.Length); match.Success; match = match.NextMatch())
        {
            var after = text.AsSpan(match.Index + match.Length, Math.Min(10, range.End - match.Index - match.Length));
            var (verb, verbLength) = FirstIndexOf(after, CompletionVerbs);
            var (start, _) = FirstIndexOf(after, StartVerbs);
            if (verb < 0 || (start >= 0 && start < verb))
            {
                continue;
            }
            var y = match.Groups[1].Success ? Int(match.Groups[1].Value) : year;
            ExpectedDate? date = null;
            if (match.Groups[5].Success)
            {
                date = match.Groups[5].Value == "年内" ? Expected(y, null, null) : Expected(y, 12, 31);
            }
            else if (MonthOf(match.Groups[2].Value) is { } month)
            {
                var day = match.Groups[4].Success ? Int(match.Groups[4].Value)
                    : match.Groups[3].Value is "底" or "末" ? DaysIn(y, month) : (int?)null;
                date = Expected(y, month, day);
            }
            if (date is { } d)
            {
                yield return (d, Span.FromTo(match.Index, match.Index + match.Length + verb + verbLength));
            }
        }
    }

    public static (DateTimeOffset At, Span Where)? Publication(string text, Span range)
    {
        var match = PublicationPattern.Match(text, range.Start, range.Length);
        if (!match.Success || Date(Int(match.Groups[1].Value), Int(match.Groups[2].Value), Int(match.Groups[3].Value)) is not { } date)
        {
            return null;
        }
        var hour = match.Groups[4].Success ? Int(match.Groups[4].Value) : 0;
        var minute = match.Groups[5].Success ? Int(match.Groups[5].Value) : 0;
        if (hour > 23 || minute > 59)
        {
            hour = minute = 0;
        }
        var at = new DateTimeOffset(date.ToDateTime(new TimeOnly(hour, minute)), ChinaTime.Offset);
        return (at, new Span(match.Index, match.Length));
    }

    /// <summary>A line that is only a name and a date: the name (the last word of it, if any) published the text that day.</summary>
    public static (string? Publisher, Span PublisherWhere, DateTimeOffset At, Span Where)? Byline(string text, Span line)
    {
        var match = BylinePattern.Match(text, line.Start, line.Length);
        if (!match.Success || Date(Int(match.Groups[2].Value), Int(match.Groups[3].Value), Int(match.Groups[4].Value)) is not { } date)
        {
            return null;
        }
        var hour = match.Groups[5].Success ? Int(match.Groups[5].Value) : 0;
        var minute = match.Groups[6].Success ? Int(match.Groups[6].Value) : 0;
        if (hour > 23 || minute > 59)
        {
            hour = minute = 0;
        }
        var at = new DateTimeOffset(date.ToDateTime(new TimeOnly(hour, minute)), ChinaTime.Offset);
        var where = Span.FromTo(match.Groups[2].Index, match.Groups[4].Index + match.Groups[4].Length);
        var name = match.Groups[1];
        if (name.Success && (name.Value.Contains("截至") || name.Value.Contains("截止")))
        {
            return null; // "数据截至 2025年8月31日" is the as-of date
        }
        if (!name.Success || name.Value.Trim().Length < 2)
        {
            return (null, default, at, where);
        }
        var last = name.Value.TrimEnd().LastIndexOf(' ');
        var publisher = name.Value.TrimEnd()[(last + 1)..];
        return (publisher, new Span(name.Index + last + 1, publisher.Length), at, where);
    }

    public static (string Publisher, Span Where)? Publisher(string text, Span range)
    {
        var match = PublisherPattern.Match(text, range.Start, range.Length);
        return match.Success ? (match.Groups[1].Value, new Span(match.Groups[1].Index, match.Groups[1].Length)) : null;
    }

    /// <summary>A deadline as a day: 2025年9月底 → 2025-09-30, 年底前 → 12-31, 10月15日 → 10-15.</summary>
    public static DateOnly? Deadline(string text, Span range, int year)
    {
        var match = DeadlinePattern.Match(text, range.Start, range.Length);
        if (!match.Success)
        {
            return null;
        }
        if (match.Groups[5].Success)
        {
            return new DateOnly(year, 12, 31);
        }
        var y = match.Groups[1].Success ? Int(match.Groups[1].Value) : year;
        if (MonthOf(match.Groups[2].Value) is not { } month)
        {
            return null;
        }
        return Date(y, month, match.Groups[4].Success ? Int(match.Groups[4].Value) : 0);
    }

    /// <summary>The last day of the period a title names: "上半年" → 6-30, "三季度" → 9-30, "（10月）" → 10-31, "全年" → 12-31.</summary>
    public static DateOnly? EndOfPeriodNamed(string text, Span range, int year)
    {
        var match = PeriodNamePattern.Match(text, range.Start, range.Length);
        if (!match.Success || year is < 2000 or > 2100)
        {
            return null;
        }
        var month = match.Groups[1].Success ? (match.Groups[1].Value == "上半年" ? 6 : 9)
            : match.Groups[2].Success ? 3 * (char.IsAsciiDigit(match.Groups[2].Value[0]) ? Int(match.Groups[2].Value) : Numerals.Digit(match.Groups[2].Value[0]))
            : match.Groups[3].Success ? MonthOf(match.Groups[3].Value) ?? 0
            : 12;
        return month is >= 1 and <= 12 ? new DateOnly(year, month, DaysIn(year, month)) : null;
    }

    /// <summary>The first "20XX年" in the range.</summary>
    public static (int Year, Span Where)? Year(string text, Span range)
    {
        var match = YearPattern.Match(text, range.Start, range.Length);
        return match.Success ? (Int(match.Groups[1].Value), new Span(match.Index, match.Length)) : null;
    }

    private static (int Index, int Length) FirstIndexOf(ReadOnlySpan<char> text, string[] words)
    {
        (int Index, int Length) first = (-1, 0);
        foreach (var word in words)
        {
            var at = text.IndexOf(word, StringComparison.Ordinal);
            if (at >= 0 && (first.Index < 0 || at < first.Index))
            {
                first = (at, word.Length);
            }
        }
        return first;
    }

    private static ExpectedDate? Expected(int year, int? month, int? day) =>
        year is < 2000 or > 2100 || month is < 1 or > 12 || (day is { } d && (d < 1 || d > DaysIn(year, month!.Value)))
            ? null : new ExpectedDate(year, month, day);

    /// <summary>Day 0 means the month's last day (6月底, or a month named alone).</summary>
    private static DateOnly? Date(int year, int month, int day)
    {
        if (year is < 2000 or > 2100 || month is < 1 or > 12)
        {
            return null;
        }
        var last = DaysIn(year, month);
        return day == 0 ? new DateOnly(year, month, last) : day <= last ? new DateOnly(year, month, day) : null;
    }

    private static int DaysIn(int year, int month) => DateTime.DaysInMonth(year, month);

    private static int? MonthOf(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }
        if (char.IsAsciiDigit(text[0]))
        {
            return Int(text) is var m && m is >= 1 and <= 12 ? m : null;
        }
        return Numerals.TryReadChinese(text, 0, out var value, out var length) && length == text.Length && value is >= 1 and <= 12 ? (int)value : null;
    }

    private static int Int(string digits) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
