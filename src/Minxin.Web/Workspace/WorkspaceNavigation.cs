using Minxin.Domain.Staff;

namespace Minxin.Web.Workspace;

/// <summary>The workspace's sections, each shown to the roles that may use it, and where each role starts.</summary>
public static class WorkspaceNavigation
{
    public sealed record Section(string Path, string Name, StaffAction Action);

    public static readonly IReadOnlyList<Section> Sections =
    [
        new("/workspace/tasks", "我的待办", StaffAction.WriteReports),
        new("/workspace/overview", "总览", StaffAction.ViewPrograms),
        new("/workspace/rounds", "报送轮次", StaffAction.ViewRounds),
        new("/workspace/review", "审核", StaffAction.ViewRounds),
        new("/workspace/followups", "督办", StaffAction.ViewFollowUps),
        new("/workspace/messages", "群众留言", StaffAction.ViewMessages),
        new("/workspace/ratings", "满意度测评", StaffAction.ViewPrograms),
        new("/workspace/programs", "民心工程", StaffAction.ViewPrograms),
        new("/workspace/units", "责任单位", StaffAction.ViewUnits),
        new("/workspace/users", "账号", StaffAction.ManageUsers),
        new("/workspace/audit", "操作日志", StaffAction.ViewAudit),
        new("/workspace/tokens", "访问令牌", StaffAction.UseTokens),
        // Every role may use tokens, so this is "every signed-in person": each has their own notices.
        new(Reminders.NoticesModel.Path, "提醒", StaffAction.UseTokens),
    ];

    /// <summary>After signing in: a reporter's to-do list, a leader's overview (red/yellow/green at a glance), a coordinator's rounds, an admin's accounts.</summary>
    public static string Landing(StaffRole role) => role switch
    {
        StaffRole.Reporter => "/workspace/tasks",
        StaffRole.Admin => "/workspace/users",
        StaffRole.Leader => "/workspace/overview",
        _ => "/workspace/rounds",
    };
}
