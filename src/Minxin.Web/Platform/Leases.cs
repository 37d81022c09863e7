using Microsoft.EntityFrameworkCore;
using Minxin.Data;

namespace Minxin.Web.Platform;

/// <summary>
/// A named lease in the <c>Leases</c> table: the node holding it does a background job (reminders, subscription
/// mail) while the others skip it, and another takes over when it expires. Shared by every such job.
/// </summary>
public static class Leases
{
    /// <summary>This node in a lease: machine, process and a fresh id (two hosts in one process are two nodes).</summary>
    public static string NewHolder() => $"{Truncate(Environment.MachineName, 100)}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>
    /// Takes the lease when it is free or expired, renews it when this node holds it; false when another node holds
    /// it. One statement (INSERT … ON CONFLICT DO UPDATE … WHERE), atomic on both SQLite and PostgreSQL: of two
    /// nodes racing for an expired lease, the second sees the first's new expiry and changes nothing (0 rows).
    /// </summary>
    public static async Task<bool> TakeAsync(MinxinDbContext db, string name, string holder, DateTimeOffset now, TimeSpan duration,
        CancellationToken cancellationToken)
    {
        var utcNow = now.ToUniversalTime();
        var expires = utcNow + duration;
        var rows = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "Leases" ("Name", "Holder", "ExpiresAt") VALUES ({name}, {holder}, {expires})
            ON CONFLICT ("Name") DO UPDATE SET "Holder" = excluded."Holder", "ExpiresAt" = excluded."ExpiresAt"
            WHERE "Leases"."ExpiresAt" < {utcNow} OR "Leases"."Holder" = {holder}
            """, cancellationToken);
        return rows == 1;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
