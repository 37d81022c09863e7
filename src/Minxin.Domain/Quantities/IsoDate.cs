using System.Globalization;

namespace Minxin.Domain.Quantities;

/// <summary>Dates as files, URLs and the API write them: YYYY-MM-DD, nothing else.</summary>
public static class IsoDate
{
    public const string Pattern = "yyyy-MM-dd";

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string Format(DateOnly date) => date.ToString(Pattern, CultureInfo.InvariantCulture);
}

/// <summary>China Standard Time (UTC+8, no daylight saving): the calendar every program, round and due date is in.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Date(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Offset).DateTime);

    public static DateOnly Today(TimeProvider clock) => Date(clock.GetUtcNow());

    /// <summary>Midnight at the start of <paramref name="date"/> in Beijing.</summary>
    public static DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>"2025-07-17T13:43:00+08:00", as data files write timestamps.</summary>
    public static string Format(DateTimeOffset at) =>
        at.ToOffset(Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
