using System.Globalization;
using Minxin.Domain.Quantities;

namespace Minxin.Web.Messages;

/// <summary>
/// The 公示期 a coordinator may open when publishing an edition: 0–30 days from the day it is published in Minxin
/// (China time), the first day readers can see it, whatever date is printed on it.
/// </summary>
public static class ObjectionWindow
{
    public const string Field = "objectionDays";

    public const int MaxDays = 30;

    /// <summary>The days asked for (0 when left empty), or 0 with the field's problem added.</summary>
    public static int Parse(string? text, List<(string, string)> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days <= MaxDays)
        {
            return days;
        }
        errors.Add((Field, $"公示期须为0到{MaxDays}之间的整数天数，不设公示期请填0或留空。"));
        return 0;
    }

    public static DateOnly? Until(TimeProvider clock, int days) => days == 0 ? null : ChinaTime.Today(clock).AddDays(days);

    public static string AuditText(DateOnly? until) => until is { } u ? $"，公示期至 {IsoDate.Format(u)}" : "";
}
