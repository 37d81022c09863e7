using Minxin.Domain.Quantities;

namespace Minxin.Domain.ReportCards;

public static class Headlines
{
    /// <summary>The card's opening sentence, in the words the published cards use.</summary>
    public static string For(DateOnly asOf, StatusTotals totals)
    {
        var prefix = $"截至{ChineseDates.AsOf(asOf)}，";
        if (totals.Items == 0)
        {
            return prefix + "尚无子项";
        }
        if (totals.Completed == totals.Items)
        {
            return prefix + $"全部{totals.Items}个子项已完成";
        }
        var others = totals.Items - totals.Completed;
        var parts = new List<string>();
        if (totals.Completed > 0)
        {
            parts.Add($"{totals.Completed}个子项已完成");
        }
        if (totals.InProgress == others)
        {
            parts.Add(totals.Completed > 0 ? $"其余{others}个子项正在加快推进" : $"{others}个子项正在加快推进");
            return prefix + string.Join("，", parts);
        }
        if (totals.InProgress > 0)
        {
            parts.Add($"{totals.InProgress}个子项正在加快推进");
        }
        if (totals.Delayed > 0)
        {
            parts.Add($"{totals.Delayed}个子项进度滞后");
        }
        if (totals.NotStarted > 0)
        {
            parts.Add($"{totals.NotStarted}个子项尚未开工");
        }
        if (totals.Cancelled > 0)
        {
            parts.Add($"{totals.Cancelled}个子项已取消");
        }
        return prefix + string.Join("，", parts);
    }
}
