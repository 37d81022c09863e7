namespace Minxin.Data.Oversight;

/// <summary>A notice in a staff member's workspace (站内提醒): what a reminder said, and whether it was read.</summary>
public class Notice
{
    public int Id { get; set; }

    public int UserId { get; set; }

    /// <summary>The reminder it came from (Domain.Oversight.Reminder.Key).</summary>
    public required string ReminderKey { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public required string Link { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>
/// A reminder that was sent: its key is the primary key, so however many nodes run, one insert wins and the
/// reminder goes out once.
/// </summary>
public class SentReminder
{
    public required string Key { get; set; }

    public required string Kind { get; set; }

    public DateTimeOffset SentAt { get; set; }

    public required string SentBy { get; set; }

    public int Notices { get; set; }

    public int Mails { get; set; }
}

/// <summary>A lease in the database: the node whose name is in it does the work until it expires (not a lock in memory).</summary>
public class Lease
{
    public required string Name { get; set; }

    public required string Holder { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
