using Minxin.Domain.FollowUps;

namespace Minxin.Web.Workspace.FollowUps;

/// <summary>How pages show a follow-up's state: the workspace's state badges (always with their words beside the colour).</summary>
public static class FollowUpWords
{
    public static string StateClass(FollowUpState state) => state switch
    {
        FollowUpState.Issued => "draft",
        FollowUpState.Answered => "submitted",
        FollowUpState.SentBack => "returned",
        _ => "approved",
    };

    /// <summary>"还有 3 天" / "今天到期" / "已逾期 2 天".</summary>
    public static string DaysLeft(DateOnly deadline, DateOnly today)
    {
        var days = deadline.DayNumber - today.DayNumber;
        return days switch
        {
            0 => "今天到期",
            > 0 => $"还有 {days} 天",
            _ => $"已逾期 {-days} 天",
        };
    }
}
