using Microsoft.AspNetCore.Identity;
using Minxin.Domain.Programs;
using Minxin.Domain.Staff;

namespace Minxin.Data.Staff;

/// <summary>A staff account (ASP.NET Core Identity): one role, one region, and for a reporter one unit.</summary>
public class StaffUser : IdentityUser<int>
{
    /// <summary>The person's name as the public record shows it (王丽); the user name when not given.</summary>
    public string DisplayName { get; set; } = "";

    public StaffRole Role { get; set; }

    public int RegionId { get; set; }

    public Region Region { get; set; } = null!;

    /// <summary>The unit a reporter reports for; none for other roles.</summary>
    public int? UnitId { get; set; }

    public ResponsibleUnit? Unit { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A disabled account cannot sign in or use its tokens; it is kept, since reports and the log name it.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    public bool IsDisabled => DisabledAt is not null;

    public StaffActor ToActor() => new(Id, UserName ?? "", DisplayName.Length > 0 ? DisplayName : UserName ?? "", Role, RegionId, UnitId, Unit?.Name);
}

/// <summary>
/// A personal access token for the staff API (`Authorization: Bearer mxt_…`). Only its SHA-256 is stored; the token
/// itself is shown once, when it is made.
/// </summary>
public class AccessToken
{
    public int Id { get; set; }

    public int UserId { get; set; }

    public StaffUser User { get; set; } = null!;

    /// <summary>What the token is for, in the owner's words ("单位台账系统").</summary>
    public required string Name { get; set; }

    /// <summary>The first characters of the token, to tell tokens apart in lists (mxt_AbC1…).</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the whole token, hex; tokens are random enough that no salt or slow hash is needed.</summary>
    public required string Hash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
