namespace Minxin.Domain.Quantities;

/// <summary>The days a figure covers, both ends included: 1—5月份 is 2025-01-01/2025-05-31.</summary>
public readonly record struct Period(DateOnly From, DateOnly To)
{
    public static Period YearToDate(DateOnly asOf) => new(new DateOnly(asOf.Year, 1, 1), asOf);

    public bool StartsOnNewYear => From.Month == 1 && From.Day == 1;

    public bool EndsOnMonthEnd => To.Day == DateTime.DaysInMonth(To.Year, To.Month);

    /// <summary>ISO 8601 interval, the form used in files and the API: "2025-01-01/2025-05-31".</summary>
    public override string ToString() =>
        $"{IsoDate.Format(From)}/{IsoDate.Format(To)}";

    public static bool TryParse(string? text, out Period period)
    {
        period = default;
        var parts = text?.Split('/');
        if (parts is not { Length: 2 }
            || !IsoDate.TryParse(parts[0], out var from)
            || !IsoDate.TryParse(parts[1], out var to)
            || to < from)
        {
            return false;
        }
        period = new Period(from, to);
        return true;
    }

    /// <summary>How the published reports write it: "1—5月份", "1—6月份", "3月份", "4月1日—6月15日".</summary>
    public string ToChinese()
    {
        if (From.Day == 1 && EndsOnMonthEnd && From.Year == To.Year)
        {
            return From.Month == To.Month ? $"{To.Month}月份" : $"{From.Month}—{To.Month}月份";
        }
        return $"{ChineseDates.MonthDay(From)}—{ChineseDates.MonthDay(To)}";
    }
}
