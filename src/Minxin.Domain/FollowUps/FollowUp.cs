using Minxin.Domain.Programs;

namespace Minxin.Domain.FollowUps;

/// <summary>
/// 督办: a coordinator asks a unit to do something about an item by a date, under a number such as
/// 津南民心督〔2025〕3号. The unit answers; the coordinator closes it or sends it back. What happened is kept as
/// entries, oldest first, never rewritten.
/// </summary>
public class FollowUp
{
    public const int MaxNumberLength = 60;
    public const int MaxTextLength = 2000;

    public int Id { get; set; }

    public int ProgramId { get; set; }

    public int ItemId { get; set; }

    public Item Item { get; set; } = null!;

    public int UnitId { get; set; }

    public ResponsibleUnit Unit { get; set; } = null!;

    /// <summary>津南民心督〔2025〕3号; unique within the program.</summary>
    public required string Number { get; set; }

    /// <summary>What must be done.</summary>
    public required string Requirement { get; set; }

    public DateOnly Deadline { get; set; }

    public FollowUpState State { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public required string IssuedBy { get; set; }

    public int? IssuedByUserId { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public List<FollowUpEntry> Entries { get; set; } = [];

    /// <summary>Concurrency token: two people never act on a stale view of it.</summary>
    public int Revision { get; set; }

    public bool IsClosed => State == FollowUpState.Closed;

    /// <summary>Open (issued, answered or sent back) past its deadline, China time.</summary>
    public bool IsOverdue(DateOnly today) => !IsClosed && State != FollowUpState.Answered && today > Deadline;
}

public enum FollowUpState
{
    /// <summary>Issued, waiting for the unit's answer.</summary>
    Issued,
    /// <summary>The unit answered; waiting for the coordinator.</summary>
    Answered,
    /// <summary>The coordinator sent the answer back; waiting for the unit again.</summary>
    SentBack,
    Closed,
}

/// <summary>One step of a follow-up: issued, answered (with files), sent back or closed, by whom and when.</summary>
public class FollowUpEntry
{
    public int Id { get; set; }

    public int FollowUpId { get; set; }

    public FollowUpAction Action { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset At { get; set; }

    public required string By { get; set; }

    public int? ByUserId { get; set; }

    public List<FollowUpAttachment> Attachments { get; set; } = [];
}

public enum FollowUpAction
{
    Issued,
    Answered,
    SentBack,
    Closed,
}

/// <summary>A file given with an answer. Staff only.</summary>
public class FollowUpAttachment
{
    public int Id { get; set; }

    public int EntryId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Length { get; set; }

    public required string Sha256 { get; set; }

    public required byte[] Bytes { get; set; }
}

public static class FollowUpText
{
    public static string ToChinese(this FollowUpState state) => state switch
    {
        FollowUpState.Issued => "待办理",
        FollowUpState.Answered => "已答复，待审核",
        FollowUpState.SentBack => "已退回，待重新办理",
        FollowUpState.Closed => "已办结",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static string ToChinese(this FollowUpAction action) => action switch
    {
        FollowUpAction.Issued => "下发督办",
        FollowUpAction.Answered => "答复",
        FollowUpAction.SentBack => "退回",
        FollowUpAction.Closed => "办结",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}
