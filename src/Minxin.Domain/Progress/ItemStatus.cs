namespace Minxin.Domain.Progress;

public enum ItemStatus
{
    NotStarted,
    InProgress,
    Completed,
    Delayed,
    Cancelled,
}

public static class ItemStatusText
{
    /// <summary>The words the public sees; status is never shown by colour alone.</summary>
    public static string ToChinese(this ItemStatus status) => status switch
    {
        ItemStatus.NotStarted => "未开工",
        ItemStatus.InProgress => "推进中",
        ItemStatus.Completed => "已完成",
        ItemStatus.Delayed => "滞后",
        ItemStatus.Cancelled => "已取消",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
