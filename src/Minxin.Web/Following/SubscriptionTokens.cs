using System.Security.Cryptography;
using System.Text;

namespace Minxin.Web.Following;

/// <summary>
/// The secrets in a subscriber's links: 32 random bytes, url-safe base64 in the link, only their SHA-256 (hex) in the
/// database, so a copy of the database confirms or cancels nobody's subscription.
/// </summary>
public static class SubscriptionTokens
{
    public const int MaxTokenLength = 64;

    public static (string Token, string Hash) New()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    /// <summary>The stored form of a token; null for text that cannot be one (too long, not url-safe base64).</summary>
    public static string? HashOf(string? token) =>
        string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? null
            : Hash(token);

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
