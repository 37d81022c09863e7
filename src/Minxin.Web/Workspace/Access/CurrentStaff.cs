using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Data.Staff;
using Minxin.Domain.Staff;

namespace Minxin.Web.Workspace.Access;

/// <summary>
/// The staff member behind this request, read once per request from the database: a disabled account, or a changed
/// role, region or unit, takes effect on the next request, whatever its cookie or token says.
/// </summary>
public sealed class CurrentStaff(IHttpContextAccessor http, MinxinDbContext db)
{
    private StaffUser? _user;
    private bool _loaded;

    public async Task<StaffUser?> UserAsync(CancellationToken cancellationToken = default)
    {
        if (_loaded)
        {
            return _user;
        }
        _loaded = true;
        var id = http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!int.TryParse(id, out var userId))
        {
            return null;
        }
        var user = await db.Users.AsNoTracking().Include(u => u.Unit).Include(u => u.Region).FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        _user = user is { IsDisabled: false } ? user : null;
        return _user;
    }

    public async Task<StaffActor?> ActorAsync(CancellationToken cancellationToken = default) => (await UserAsync(cancellationToken))?.ToActor();

    /// <summary>The actor of a request that authorization has already let through.</summary>
    public async Task<StaffActor> RequiredActorAsync(CancellationToken cancellationToken = default) =>
        await ActorAsync(cancellationToken) ?? throw new InvalidOperationException("No signed-in staff member; the endpoint must require authorization.");
}
