namespace Minxin.Domain.Quantities;

public static class ChineseDates
{
    public static string MonthDay(DateOnly date) => $"{date.Month}月{date.Day}日";

    public static string Full(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>"2025年6月底" for a month's last day, else "2025年6月15日", as the cards' headlines write it.</summary>
    public static string AsOf(DateOnly date) =>
        date.Day == DateTime.DaysInMonth(date.Year, date.Month) ? $"{date.Year}年{date.Month}月底" : Full(date);
}
