using Minxin.Domain.Programs;
using Minxin.Domain.Progress;

namespace Minxin.Domain.Staff;

/// <summary>
/// The one permissions table of the workspace: which role may do what (<see cref="Allows"/>), and on what (a role
/// acts only in its own region; a reporter only on the items its unit leads or co-operates on). The web app's
/// authorization policies and its queries both ask here; nothing else decides.
/// </summary>
public static class Permissions
{
    private static readonly Dictionary<StaffRole, HashSet<StaffAction>> Table = new()
    {
        [StaffRole.Admin] = [StaffAction.ViewUnits, StaffAction.ManageUnits, StaffAction.ManageUsers, StaffAction.ViewAudit, StaffAction.UseTokens],
        [StaffRole.Coordinator] =
        [
            StaffAction.ViewPrograms, StaffAction.EditPrograms, StaffAction.PublishPrograms, StaffAction.OpenRounds, StaffAction.ViewRounds,
            StaffAction.ViewReports, StaffAction.ReviewReports, StaffAction.ViewUnits, StaffAction.ViewAudit, StaffAction.UseTokens,
            StaffAction.PublishEditions, StaffAction.EditLights, StaffAction.ViewFollowUps, StaffAction.IssueFollowUps,
            StaffAction.ViewMessages, StaffAction.ReplyMessages, StaffAction.ModerateMessages, StaffAction.ManageRatings,
        ],
        [StaffRole.Reporter] =
        [
            StaffAction.ViewReports, StaffAction.WriteReports, StaffAction.UseTokens, StaffAction.ViewFollowUps, StaffAction.AnswerFollowUps,
            StaffAction.ViewMessages, StaffAction.ReplyMessages,
        ],
        [StaffRole.Leader] =
        [
            StaffAction.ViewPrograms, StaffAction.ViewRounds, StaffAction.ViewReports, StaffAction.ViewUnits, StaffAction.ViewAudit, StaffAction.UseTokens,
            StaffAction.ViewFollowUps, StaffAction.ViewMessages,
        ],
    };

    public static bool Allows(StaffRole role, StaffAction action) => Table[role].Contains(action);

    public static IReadOnlySet<StaffAction> Of(StaffRole role) => Table[role];
}

/// <summary>The person acting in the workspace, as the request's credentials say: account, role, region, unit.</summary>
public sealed record StaffActor(int UserId, string UserName, string DisplayName, StaffRole Role, int RegionId, int? UnitId, string? UnitName)
{
    public bool May(StaffAction action) => Permissions.Allows(Role, action);

    /// <summary>Whether <paramref name="action"/> on something of <paramref name="regionId"/> is allowed.</summary>
    public bool May(StaffAction action, int regionId) => May(action) && regionId == RegionId;

    /// <summary>
    /// Whether <paramref name="action"/> on this item (its plan, its reports) is allowed: the item's program is in the
    /// actor's region, and a reporter's unit leads or co-operates on it.
    /// </summary>
    public bool May(StaffAction action, Item item) =>
        May(action, item.Category.Program.RegionId) && (Role != StaffRole.Reporter || UnitId is { } unit && item.Involves(unit));

    /// <summary>
    /// Whether <paramref name="action"/> on this report is allowed: as on its item, and a reporter writes only its own
    /// unit's reports (a co-operating unit reads the lead unit's report, it does not rewrite it).
    /// </summary>
    public bool May(StaffAction action, ProgressReport report) =>
        May(action, report.Item) && (Role != StaffRole.Reporter || action != StaffAction.WriteReports || report.UnitId is null || report.UnitId == UnitId);

    /// <summary>
    /// Whether <paramref name="action"/> on this 督办 is allowed: its program is in the actor's region, and a reporter
    /// acts only on those addressed to its own unit (a co-operating unit of the item does not see another unit's).
    /// Needs the follow-up's item with its category and program.
    /// </summary>
    public bool May(StaffAction action, FollowUps.FollowUp followUp) =>
        May(action, followUp.Item.Category.Program.RegionId) && (Role != StaffRole.Reporter || UnitId is { } unit && followUp.UnitId == unit);

    /// <summary>
    /// Whether <paramref name="action"/> on this citizen's message is allowed: its program is in the actor's region,
    /// and a reporter acts only on those routed to its own unit (the item's lead unit when it arrived). Personal data
    /// goes no further than it must: a co-operating unit does not see the sender's contact.
    /// </summary>
    public bool May(StaffAction action, Messages.CitizenMessage message) =>
        May(action, message.Program.RegionId) && (Role != StaffRole.Reporter || UnitId is { } unit && message.UnitId == unit);

    /// <summary>How the public record names this person: "区住建委 王丽" for a unit's reporter, the name alone otherwise.</summary>
    public ReportActor AsReportActor() => new(UnitName is null ? DisplayName : $"{UnitName} {DisplayName}", UserId);
}
