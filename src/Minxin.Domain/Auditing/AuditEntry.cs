using Minxin.Domain.Programs;
using Minxin.Domain.Quantities;

namespace Minxin.Domain.Auditing;

/// <summary>
/// One change in the workspace, appended and never edited (the database refuses updates and deletes): who, when,
/// from where, what, and the before and after of each changed field.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }

    private DateTimeOffset _at;

    public DateTimeOffset At
    {
        get => _at;
        set
        {
            _at = value;
            Day = ChinaTime.Date(value);
        }
    }

    /// <summary>The day of <see cref="At"/> in Beijing, for reading the log by date on every provider.</summary>
    public DateOnly Day { get; set; }

    /// <summary>The account's user name, or "cli" for the command line.</summary>
    public required string Actor { get; set; }

    public int? ActorUserId { get; set; }

    /// <summary>The client address, or the machine user for the command line.</summary>
    public string? Address { get; set; }

    /// <summary>The region the change belongs to, so each region's coordinators read their own.</summary>
    public int? RegionId { get; set; }

    public Region? Region { get; set; }

    /// <summary>A dotted code: sign-in.failed, user.created, report.approved.</summary>
    public required string Action { get; set; }

    /// <summary>What was changed: "report:42", "user:wangli", "program:jinnan-2025".</summary>
    public required string Subject { get; set; }

    /// <summary>A sentence in Chinese for the reader of the log.</summary>
    public string? Summary { get; set; }

    public List<FieldChange> Changes { get; set; } = [];
}

/// <summary>A field's value before and after a change, as text (null when absent).</summary>
public sealed record FieldChange(string Field, string? Before, string? After)
{
    /// <summary>The fields whose values differ between two snapshots of the same thing.</summary>
    public static List<FieldChange> Between(IReadOnlyDictionary<string, string?> before, IReadOnlyDictionary<string, string?> after) =>
        before.Keys.Union(after.Keys)
            .Select(k => new FieldChange(k, before.GetValueOrDefault(k), after.GetValueOrDefault(k)))
            .Where(c => c.Before != c.After)
            .ToList();
}
