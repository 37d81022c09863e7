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
        var entry = (actor is null ? Anonymous(actorName) : Author(actor)).Record(db, action, subject, summary, regionId, before, after);
        logger.LogInformation("Audit {Action} {Subject} by {Actor} from {Address}", action, subject, entry.Actor, entry.Address);
        return entry;
    }

    /// <summary>The signed-in account as the author of the operations shared with the command line (accounts, units, tokens, imports).</summary>
    public AuditAuthor Author(StaffActor actor) => new(actor.UserName, actor.UserId, Address, clock);

    private AuditAuthor Anonymous(string? name) => new(name ?? "anonymous", null, Address, clock);

    private string? Address => http.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
