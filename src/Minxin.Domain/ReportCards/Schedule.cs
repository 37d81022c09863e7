using Minxin.Domain.Programs;

namespace Minxin.Domain.ReportCards;

/// <summary>序时进度: the share of an item's plan period elapsed by a date; progress is judged against it.</summary>
public static class Schedule
{
    /// <summary>Percent of the days from the program's first day to the item's deadline that have passed by <paramref name="asOf"/>, 0–100.</summary>
    public static decimal Elapsed(Item item, DateOnly asOf)
    {
        var program = item.Category.Program;
        return Elapsed(program.FirstDay, item.Deadline ?? program.LastDay, asOf);
    }

    public static decimal Elapsed(DateOnly start, DateOnly end, DateOnly asOf)
    {
        if (asOf < start)
        {
            return 0;
        }
        if (asOf >= end)
        {
            return 100;
        }
        var total = end.DayNumber - start.DayNumber + 1;
        return (asOf.DayNumber - start.DayNumber + 1) * 100m / total;
    }
}
