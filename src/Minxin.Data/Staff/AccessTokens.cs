using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Minxin.Data.Staff;

/// <summary>Personal access tokens: made here (by the workspace and by `minxin tokens create`), found by their hash.</summary>
public static class AccessTokens
{
    /// <summary>Every token starts so, which lets secret scanners and the API tell a token from a password.</summary>
    public const string Prefix = "mxt_";

    /// <summary>A new token for <paramref name="user"/>: the entity to save, and the token itself, shown only once.</summary>
    public static (AccessToken Entity, string Token) Create(StaffUser user, string name, DateTimeOffset now, DateTimeOffset? expiresAt)
    {
        var token = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var entity = new AccessToken
        {
            User = user,
            UserId = user.Id,
            Name = name.Trim(),
            Prefix = token[..10],
            Hash = Hash(token),
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        return (entity, token);
    }

    public const int MaxDays = 3650;

    /// <summary>
    /// Makes a token for <paramref name="user"/> that expires in <paramref name="days"/> days, saved with its audit
    /// entry; the token itself comes back to be shown once and is never stored.
    /// </summary>
    public static async Task<(AccessToken Entity, string Token)> IssueAsync(MinxinDbContext db, StaffUser user, string name, int days, AuditAuthor by,
        CancellationToken cancellationToken = default)
    {
        var errors = new List<(string, string)>();
        name = name.Trim();
        if (name.Length is 0 or > 100 || name.Any(char.IsControl))
        {
            errors.Add(("name", "请写明令牌的用途（最多 100 个字符），如“单位台账系统”。"));
        }
        if (days is < 1 or > MaxDays)
        {
            errors.Add(("days", $"有效天数应在 1 到 {MaxDays} 之间。"));
        }
        if (user.IsDisabled)
        {
            errors.Add(("", $"账号 {user.UserName} 已停用，不能新建令牌。"));
        }
        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }
        var (entity, token) = Create(user, name, by.Now, by.Now.AddDays(days));
        db.AccessTokens.Add(entity);
        by.Record(db, "token.created", $"token:{entity.Prefix}", $"为 {user.UserName} 新建令牌“{entity.Name}”，{days} 天后失效", user.RegionId,
            after: Snapshot(entity));
        await db.SaveChangesAsync(cancellationToken);
        return (entity, token);
    }

    /// <summary>Revokes the token (its owner loaded): from now on it is refused; it stays in the list for the record.</summary>
    public static async Task RevokeAsync(MinxinDbContext db, AccessToken token, AuditAuthor by, CancellationToken cancellationToken = default)
    {
        if (token.RevokedAt is not null)
        {
            throw new InputException("", $"令牌“{token.Name}”已经撤销。");
        }
        var before = Snapshot(token);
        token.RevokedAt = by.Now;
        by.Record(db, "token.revoked", $"token:{token.Prefix}", $"撤销 {token.User.UserName} 的令牌“{token.Name}”", token.User.RegionId, before, Snapshot(token));
        await db.SaveChangesAsync(cancellationToken);
    }

    public static Dictionary<string, string?> Snapshot(AccessToken token) => new(StringComparer.Ordinal)
    {
        ["name"] = token.Name,
        ["prefix"] = token.Prefix + "…",
        ["expiresAt"] = token.ExpiresAt is { } at ? Domain.Quantities.ChinaTime.Format(at) : null,
        ["revokedAt"] = token.RevokedAt is { } revoked ? Domain.Quantities.ChinaTime.Format(revoked) : null,
    };

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The active token with this value and its enabled owner, or null.</summary>
    public static async Task<AccessToken?> FindActiveAsync(MinxinDbContext db, string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return null;
        }
        var hash = Hash(token);
        var found = await db.AccessTokens.Include(t => t.User).FirstOrDefaultAsync(t => t.Hash == hash, cancellationToken);
        return found is not null && found.IsActive(now) && !found.User.IsDisabled ? found : null;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
