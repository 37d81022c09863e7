using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Minxin.Domain;
using Minxin.Domain.Quantities;

namespace Minxin.Data;

/// <summary>How domain values are kept in a column, the same way on every provider.</summary>
public static class Converters
{
    /// <summary>Quantities (nullable too: EF passes no nulls to converters) as integers of 1/10000 (<see cref="FixedScale"/>): exact and fast on SQLite and PostgreSQL alike.</summary>
    public sealed class Scaled() : ValueConverter<decimal, long>(v => FixedScale.ToScaled(v), v => FixedScale.FromScaled(v));

    /// <summary>Enums as their camelCase codes, readable in the database and identical to the data file and API.</summary>
    public sealed class EnumCode<T>() : ValueConverter<T, string>(v => EnumCodes.ToCode(v), v => Parse(v))
        where T : struct, Enum
    {
        private static T Parse(string code) =>
            EnumCodes.TryParse<T>(code, out var value) ? value : throw new InvalidOperationException($"Unknown {typeof(T).Name} '{code}' in the database.");
    }

    public sealed class ExpectedDateText() : ValueConverter<ExpectedDate, string>(v => v.ToString(), v => ParseExpected(v));

    public sealed class PeriodText() : ValueConverter<Period, string>(v => v.ToString(), v => ParsePeriod(v));

    /// <summary>PostgreSQL keeps instants in UTC only; the offset is presentation (exports write +08:00).</summary>
    public sealed class UtcDateTimeOffset() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);

    private static ExpectedDate ParseExpected(string text) =>
        ExpectedDate.TryParse(text, out var date) ? date : throw new InvalidOperationException($"Bad expected date '{text}' in the database.");

    private static Period ParsePeriod(string text) =>
        Period.TryParse(text, out var period) ? period : throw new InvalidOperationException($"Bad period '{text}' in the database.");
}
