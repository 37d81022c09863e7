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
