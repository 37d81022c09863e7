using Minxin.Domain.Programs;

namespace Minxin.Domain.Messages;

/// <summary>
/// What a reader sent about a program or one of its items: a message (留言: 意见建议, 问题反映, 表扬), a help request
/// (帮办) or an objection to an edition's figures during its 公示期. All three are answered the same way: routed to
/// the item's lead unit and the coordinators, answered within the program's service level in working days.
/// The sender's name and contact are personal data (个人信息保护法): staff of the unit and the coordinators see them,
/// nothing public ever does, and they are erased when the retention period after the answer has passed.
/// </summary>
public class CitizenMessage
{
    public int Id { get; set; }

    /// <summary>What the sender is given to look the message up with, together with the contact: "LX2025-1203-4827".</summary>
    public required string ReceiptNumber { get; set; }

    public int ProgramId { get; set; }

    public LivelihoodProgram Program { get; set; } = null!;

    /// <summary>Null for a message about the program as a whole (coordinators answer it).</summary>
    public int? ItemId { get; set; }

    public Item? Item { get; set; }

    /// <summary>The edition objected to (objections only).</summary>
    public int? EditionId { get; set; }

    /// <summary>The unit it is routed to: the item's lead unit when it was received; null means coordinators only.</summary>
    public int? UnitId { get; set; }

    public ResponsibleUnit? Unit { get; set; }

    public MessageKind Kind { get; set; }

    /// <summary>The message as sent, plain text (never rendered as HTML; links stay text).</summary>
    public required string Text { get; set; }

    /// <summary>Personal data: the name the sender gave, if any; null once erased.</summary>
    public string? SenderName { get; set; }

    /// <summary>Whether the sender agreed that the name may be shown with the published question.</summary>
    public bool ShowName { get; set; }

    /// <summary>Personal data: the phone number or e-mail address, normalised (<see cref="ContactDetails.Normalize"/>); null once erased.</summary>
    public string? Contact { get; set; }

    /// <summary>The contact as the public may see it: 138****1234, z***@163.com. Kept after erasure.</summary>
    public required string MaskedContact { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The day the answer is due: the service level's working days after the day it was received (China time).</summary>
    public DateOnly DueOn { get; set; }

    public MessageState State { get; set; }

    public MessageVisibility Visibility { get; set; }

    /// <summary>Why a coordinator hid it (moderation), shown to staff and, as a short note, in place of the message.</summary>
    public string? HiddenReason { get; set; }

    /// <summary>The reply as it stands: drafted by the unit, then approved (published or sent privately) by a coordinator.</summary>
    public string? Reply { get; set; }

    public string? ReplyBy { get; set; }

    public DateTimeOffset? ReplyDraftedAt { get; set; }

    /// <summary>When the answer reached the sender: the reply approved by a coordinator (help requests: the unit's answer).</summary>
    public DateTimeOffset? AnsweredAt { get; set; }

    public string? AnsweredBy { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>When the name and contact were erased at the end of the retention period.</summary>
    public DateTimeOffset? ErasedAt { get; set; }

    /// <summary>What happened, oldest first, never rewritten.</summary>
    public List<MessageEntry> Entries { get; set; } = [];

    /// <summary>Concurrency token: two people never act on a stale view of it.</summary>
    public int Revision { get; set; }

    public bool IsAnswered => AnsweredAt is not null;

    /// <summary>Not answered and past its due day (China time): marked in the inbox and reminded.</summary>
    public bool IsOverdue(DateOnly today) => !IsAnswered && State != MessageState.Closed && Visibility != MessageVisibility.Hidden && today > DueOn;

    /// <summary>On the public item page and in the open data: a published question with its published reply.</summary>
    public bool IsPublic => Visibility == MessageVisibility.Published && IsAnswered && Reply is not null;
}

/// <summary>What a reader sends. Codes (camelCase) are the form's <c>kind</c> values.</summary>
public enum MessageKind
{
    /// <summary>意见建议</summary>
    Suggestion,
    /// <summary>问题反映</summary>
    Problem,
    /// <summary>表扬</summary>
    Praise,
    /// <summary>帮办: help with what the item offers.</summary>
    HelpRequest,
    /// <summary>公示期异议: an objection to an edition's figures.</summary>
    Objection,
}

public enum MessageState
{
    /// <summary>Received, nobody has acted yet (待处理).</summary>
    New,
    /// <summary>The unit took it on (已受理, 办理中); help requests mostly.</summary>
    Taken,
    /// <summary>A reply is drafted and waits for a coordinator (答复待审核).</summary>
    Drafted,
    /// <summary>Answered: the reply was published or sent privately (已答复).</summary>
    Answered,
    /// <summary>Closed after the answer (已办结); help requests are closed by the unit.</summary>
    Closed,
}

public enum MessageVisibility
{
    /// <summary>Not public (yet): every message starts here.</summary>
    Pending,
    /// <summary>The question and its reply are on the item page.</summary>
    Published,
    /// <summary>Answered privately to the sender only.</summary>
    Private,
    /// <summary>Hidden by moderation with a reason (abuse, personal data of others, off topic).</summary>
    Hidden,
}

/// <summary>One step of a message's life, by whom and when.</summary>
public class MessageEntry
{
    public int Id { get; set; }

    public int MessageId { get; set; }

    public MessageAction Action { get; set; }

    /// <summary>The reply drafted, the reason hidden, the note; empty when the action needs none.</summary>
    public required string Text { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>"区住建委 王丽", "民心办 张敏", or 群众 for the sender.</summary>
    public required string By { get; set; }

    public int? ByUserId { get; set; }
}

public enum MessageAction
{
    Received,
    Taken,
    ReplyDrafted,
    Published,
    AnsweredPrivately,
    Hidden,
    Closed,
    /// <summary>A reply imported from the 12345 / 政务邮箱 platform's export.</summary>
    ReplyImported,
    /// <summary>Name and contact erased at the end of the retention period.</summary>
    Erased,
}

public static class MessageText
{
    public const int MaxTextLength = 1000;
    public const int MaxNameLength = 30;
    public const int MaxContactLength = 60;
    public const int MaxReplyLength = 2000;
    public const int MaxReasonLength = 200;

    public static string ToChinese(this MessageKind kind) => kind switch
    {
        MessageKind.Suggestion => "意见建议",
        MessageKind.Problem => "问题反映",
        MessageKind.Praise => "表扬",
        MessageKind.HelpRequest => "帮办",
        MessageKind.Objection => "公示异议",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string ToChinese(this MessageState state) => state switch
    {
        MessageState.New => "待处理",
        MessageState.Taken => "已受理，办理中",
        MessageState.Drafted => "答复待审核",
        MessageState.Answered => "已答复",
        MessageState.Closed => "已办结",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static string ToChinese(this MessageVisibility visibility) => visibility switch
    {
        MessageVisibility.Pending => "未公开",
        MessageVisibility.Published => "已公开",
        MessageVisibility.Private => "仅答复本人",
        MessageVisibility.Hidden => "已隐藏",
        _ => throw new ArgumentOutOfRangeException(nameof(visibility)),
    };

    public static string ToChinese(this MessageAction action) => action switch
    {
        MessageAction.Received => "收到",
        MessageAction.Taken => "受理",
        MessageAction.ReplyDrafted => "拟写答复",
        MessageAction.Published => "审核通过并公开",
        MessageAction.AnsweredPrivately => "审核通过，仅答复本人",
        MessageAction.Hidden => "隐藏",
        MessageAction.Closed => "办结",
        MessageAction.ReplyImported => "导入平台答复",
        MessageAction.Erased => "删除个人信息",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>The kinds a reader picks on the message form (help requests and objections have their own forms).</summary>
    public static readonly IReadOnlyList<MessageKind> FormKinds = [MessageKind.Suggestion, MessageKind.Problem, MessageKind.Praise];
}
