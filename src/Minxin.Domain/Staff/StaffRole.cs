namespace Minxin.Domain.Staff;

/// <summary>What a staff account is for. Each account has exactly one role, in one region.</summary>
public enum StaffRole
{
    /// <summary>Accounts and units of the region.</summary>
    Admin,

    /// <summary>民心办/督查室: programs, rounds, review and approval, publication.</summary>
    Coordinator,

    /// <summary>责任单位填报员: reports the items its unit leads or co-operates on, nothing else.</summary>
    Reporter,

    /// <summary>领导: reads everything in the region's workspace, changes nothing.</summary>
    Leader,
}

/// <summary>What can be done in the workspace. Which role may do what is <see cref="Permissions"/>, and only there.</summary>
public enum StaffAction
{
    ViewPrograms,
    EditPrograms,
    PublishPrograms,
    OpenRounds,
    ViewRounds,
    ViewReports,
    WriteReports,
    ReviewReports,
    ViewUnits,
    ManageUnits,
    ManageUsers,
    ViewAudit,
    UseTokens,
    /// <summary>Publish an edition (成绩单) of a program.</summary>
    PublishEditions,
    /// <summary>Change a program's light rule, override an item's light.</summary>
    EditLights,
    /// <summary>Read 督办 follow-ups: the region's, or a reporter's own unit's.</summary>
    ViewFollowUps,
    /// <summary>Issue a 督办, send an answer back, close it (民心办).</summary>
    IssueFollowUps,
    /// <summary>Answer a 督办 addressed to one's own unit, with files.</summary>
    AnswerFollowUps,
    /// <summary>Read citizens' messages, help requests and objections: the region's, or those routed to one's own unit.</summary>
    ViewMessages,
    /// <summary>Take a message, draft its reply, answer and close a help request.</summary>
    ReplyMessages,
    /// <summary>Approve a reply (publicly or privately), hide a message with a reason, import the platform's replies (民心办).</summary>
    ModerateMessages,
    /// <summary>Open and end satisfaction-rating windows, enter deputies' tallies (民心办).</summary>
    ManageRatings,
}

public static class StaffRoleText
{
    public static string ToChinese(this StaffRole role) => role switch
    {
        StaffRole.Admin => "系统管理员",
        StaffRole.Coordinator => "民心办",
        StaffRole.Reporter => "责任单位填报员",
        StaffRole.Leader => "领导",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}
