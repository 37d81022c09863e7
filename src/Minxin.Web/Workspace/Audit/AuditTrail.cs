using Minxin.Data;
using Minxin.Domain.Auditing;
using Minxin.Domain.Staff;

namespace Minxin.Web.Workspace.Audit;

/// <summary>
/// Adds an entry to the audit log for a change made in this request: who (the signed-in account), when, from where
/// (the client address), what, and the before/after of each changed field. The entry is saved with the change it
/// records, in the same SaveChanges, so neither exists without the other.
/// </summary>
public sealed class AuditTrail(MinxinDbContext db, IHttpContextAccessor http, TimeProvider clock, ILogger<AuditTrail> logger)
{
    public AuditEntry Record(StaffActor? actor, string action, string subject, string summary, int? regionId,
        IReadOnlyDictionary<string, string?>? before = null, IReadOnlyDictionary<string, string?>? after = null, string? actorName = null)
    {
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow(),
            Actor = actor?.UserName ?? actorName ?? "anonymous",
            ActorUserId = actor?.UserId,
            Address = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            RegionId = regionId,
            Action = action,
            Subject = subject,
            Summary = summary,
            Changes = before is null && after is null ? [] : FieldChange.Between(before ?? Empty, after ?? Empty),
        };
        db.AuditLog.Add(entry);
        logger.LogInformation("Audit {Action} {Subject} by {Actor} from {Address}", action, subject, entry.Actor, entry.Address);
        return entry;
    }

    private static readonly Dictionary<string, string?> Empty = [];
}
