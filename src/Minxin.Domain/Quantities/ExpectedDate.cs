using System.Globalization;

namespace Minxin.Domain.Quantities;

/// <summary>
/// 预计…: a date given to the precision the report gave it. "2025-09" is 预计9月份, "2025-08-31" is 8月底,
/// "2025-10-01" is 10月1日, "2025" is 年内.
/// </summary>
public readonly record struct ExpectedDate
{
    public ExpectedDate(int year, int? month = null, int? day = null)
    {
        if (month is null && day is not null)
        {
            throw new ArgumentException("A day needs a month.", nameof(day));
        }
        _ = new DateOnly(year, month ?? 1, day ?? 1); // throws for an impossible date
        Year = year;
        Month = month;
        Day = day;
    }

    public int Year { get; }

    public int? Month { get; }

    public int? Day { get; }

    /// <summary>The last day the expectation still holds; date slips compare on it.</summary>
    public DateOnly LatestDay => (Month, Day) switch
    {
        (null, _) => new DateOnly(Year, 12, 31),
        ({ } m, null) => new DateOnly(Year, m, DateTime.DaysInMonth(Year, m)),
        ({ } m, { } d) => new DateOnly(Year, m, d),
    };

    public override string ToString() => (Month, Day) switch
    {
        (null, _) => Year.ToString("0000", CultureInfo.InvariantCulture),
        ({ } m, null) => $"{Year:0000}-{m:00}",
        ({ } m, { } d) => $"{Year:0000}-{m:00}-{d:00}",
    };

    public static bool TryParse(string? text, out ExpectedDate date)
    {
        date = default;
        if (text is null)
        {
            return false;
        }
        var parts = text.Split('-');
        if (parts.Length > 3 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)) || parts[0].Length != 4
            || parts.Skip(1).Any(p => p.Length != 2))
        {
            return false;
        }
        var numbers = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        int? month = numbers.Length > 1 ? numbers[1] : null;
        int? day = numbers.Length > 2 ? numbers[2] : null;
        if (month is < 1 or > 12 || (day is { } d && (d < 1 || d > DateTime.DaysInMonth(numbers[0], month!.Value))))
        {
            return false;
        }
        date = new ExpectedDate(numbers[0], month, day);
        return true;
    }

    /// <summary>"9月份", "8月底", "10月1日", "年底": the words after 预计.</summary>
    public string ToChinese() => (Month, Day) switch
    {
        (null, _) => "年底",
        (12, 31) => "年底",
        ({ } m, null) => $"{m}月份",
        ({ } m, { } d) when d == DateTime.DaysInMonth(Year, m) => $"{m}月底",
        ({ } m, { } d) => $"{m}月{d}日",
    };
}
