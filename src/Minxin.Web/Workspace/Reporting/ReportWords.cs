using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;

namespace Minxin.Web.Workspace.Reporting;

/// <summary>The workspace's words for states and steps: every state is written out, never shown by colour alone.</summary>
public static class ReportWords
{
    /// <summary>The qualifiers a figure may carry in the form, in the words of the reports.</summary>
    public static readonly IReadOnlyList<Comparator> FigureQualifiers = [Comparator.Exactly, Comparator.Over, Comparator.About];

    public static string Qualifier(Comparator qualifier) => qualifier switch
    {
        Comparator.Exactly => "准确",
        Comparator.Over => "余",
        Comparator.About => "约",
        Comparator.AtLeast => "不少于",
        _ => throw new ArgumentOutOfRangeException(nameof(qualifier)),
    };

    public static string Step(ReportAction action) => action switch
    {
        ReportAction.Created => "新建",
        ReportAction.Saved => "保存",
        ReportAction.Submitted => "提交审核",
        ReportAction.Returned => "退回",
        ReportAction.Approved => "审核通过",
        ReportAction.Imported => "导入",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>未报 / 草稿 / 待审核 / 已退回 / 已通过.</summary>
    public static string State(TaskState state) => state switch
    {
        TaskState.Missing => "未报",
        TaskState.Draft => "草稿",
        TaskState.Submitted => "待审核",
        TaskState.Returned => "已退回",
        TaskState.Approved => "已通过",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    /// <summary>The class of a state badge (ws-state …): the colour only repeats what the words say.</summary>
    public static string StateClass(TaskState state) => Domain.EnumCodes.ToCode(state);

    public static TaskState StateOf(ProgressReport report) => report.Review switch
    {
        ReviewState.Draft => TaskState.Draft,
        ReviewState.Submitted => TaskState.Submitted,
        ReviewState.Returned => TaskState.Returned,
        _ => TaskState.Approved,
    };

    /// <summary>"2025年7月17日 13:43", Beijing time.</summary>
    public static string Time(DateTimeOffset at)
    {
        var local = at.ToOffset(ChinaTime.Offset);
        return $"{ChineseDates.Full(DateOnly.FromDateTime(local.DateTime))} {local:HH:mm}";
    }

    /// <summary>"还剩 3 天", "今天截止", "已逾期 2 天".</summary>
    public static string DaysLeft(DateOnly dueDate, DateOnly today) => (dueDate.DayNumber - today.DayNumber) switch
    {
        0 => "今天截止",
        > 0 and var days => $"还剩 {days} 天",
        var days => $"已逾期 {-days} 天",
    };

    /// <summary>"5600个", "2万余份", in the indicator's unit.</summary>
    public static string Figure(IndicatorValue value) => ChineseNumbers.Figure(value.Value, value.Indicator.Unit, value.Qualifier);

    /// <summary>A figure's period as the reports write it, with the exact dates: "1—7月份（2025-01-01 至 2025-07-31）".</summary>
    public static string Period(Period period) => $"{period.ToChinese()}（{IsoDate.Format(period.From)} 至 {IsoDate.Format(period.To)}）";
}
