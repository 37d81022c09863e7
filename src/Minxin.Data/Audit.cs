using Minxin.Domain.Progress;
using Minxin.Domain.Auditing;

namespace Minxin.Data;

/// <summary>Audit entries of changes made outside the web app.</summary>
public static class Audit
{
    public const string CliActor = "cli";

    /// <summary>An entry for the command line: the actor is "cli", the address the machine account that ran it.</summary>
    public static AuditEntry ByCli(string action, string subject, string summary, TimeProvider? clock = null, List<FieldChange>? changes = null) => new()
    {
        At = (clock ?? TimeProvider.System).GetUtcNow(),
        Actor = CliActor,
        Address = AuditAuthor.Cli.Address,
        Action = action,
        Subject = subject,
        Summary = summary,
        Changes = changes ?? [],
    };
}

/// <summary>
/// Who makes a change, for the operations the workspace and the command line share (accounts, units, tokens,
/// publication, imports): each writes its audit entry in this name, into the same SaveChanges as the change.
/// </summary>
public sealed record AuditAuthor(string Actor, int? ActorUserId, string? Address, TimeProvider Clock)
{
    /// <summary>The command line: the actor is "cli", the address the machine account that ran it.</summary>
    public static AuditAuthor Cli { get; } = new(Audit.CliActor, null, $"{Environment.UserName}@{Environment.MachineName}", TimeProvider.System);

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>How a report's history names this author.</summary>
    public ReportActor AsReportActor() => new(Actor, ActorUserId);

    public AuditEntry Entry(string action, string subject, string summary, int? regionId,
        IReadOnlyDictionary<string, string?>? before = null, IReadOnlyDictionary<string, string?>? after = null) => new()
    {
        At = Now,
        Actor = Actor,
        ActorUserId = ActorUserId,
        Address = Address,
        RegionId = regionId,
        Action = action,
        Subject = subject,
        Summary = summary,
        Changes = before is null && after is null ? [] : FieldChange.Between(before ?? Empty, after ?? Empty),
    };

    /// <summary>Adds the entry to <paramref name="db"/>, to be saved with the change it records.</summary>
    public AuditEntry Record(MinxinDbContext db, string action, string subject, string summary, int? regionId,
        IReadOnlyDictionary<string, string?>? before = null, IReadOnlyDictionary<string, string?>? after = null)
    {
        var entry = Entry(action, subject, summary, regionId, before, after);
        db.AuditLog.Add(entry);
        return entry;
    }

    private static readonly Dictionary<string, string?> Empty = [];
}

/// <summary>
/// Input a change cannot be saved with, field by field ("values[0].indicator": "…"); nothing was saved. The workspace
/// shows each message at its field (HTTP 400 in the staff API), the command line prints them.
/// </summary>
public sealed class InputException(IReadOnlyList<(string Field, string Message)> errors)
    : Exception(string.Join("；", errors.Select(e => e.Message)))
{
    public InputException(string field, string message) : this([(field, message)])
    {
    }

    public IReadOnlyList<(string Field, string Message)> Errors { get; } = errors;

    public Dictionary<string, string[]> ByField() =>
        Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
}
