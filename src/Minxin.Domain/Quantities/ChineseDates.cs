namespace Minxin.Domain.Quantities;

public static class ChineseDates
{
    public static string MonthDay(DateOnly date) => $"{date.Month}月{date.Day}日";

    public static string Full(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>"2025年6月底" for a month's last day, else "2025年6月15日", as the cards' headlines write it.</summary>
    public static string AsOf(DateOnly date) =>
        date.Day == DateTime.DaysInMonth(date.Year, date.Month) ? $"{date.Year}年{date.Month}月底" : Full(date);

    /// <summary>
    /// An expected date with its year, for sentences that set two side by side ("原定2025年9月 → 现预计2025年10月"):
    /// "2025年9月", "2025年8月底", "2025年10月1日", "2025年底", and "2025年内" for a year alone.
    /// </summary>
    public static string Expected(ExpectedDate date) => (date.Month, date.Day) switch
    {
        (null, _) => $"{date.Year}年内",
        (12, 31) => $"{date.Year}年底",
        ({ } m, null) => $"{date.Year}年{m}月",
        ({ } m, { } d) when d == DateTime.DaysInMonth(date.Year, m) => $"{date.Year}年{m}月底",
        ({ } m, { } d) => $"{date.Year}年{m}月{d}日",
    };
}
