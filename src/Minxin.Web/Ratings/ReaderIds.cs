using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Minxin.Web.Ratings;

/// <summary>
/// "One rating per reader": a random identifier kept in the reader's browser, in a cookie signed and encrypted with
/// Data Protection (its keys live in the database, so every node reads every node's cookie). The cookie holds
/// nothing but that identifier; the database only its SHA-256 (<see cref="Domain.Ratings.Rating.ReaderKey"/>). A
/// cookie that does not unprotect (forged, tampered, from another installation) is a new reader: it can never be
/// taken for someone else, because only this server can make a cookie that names an identifier.
/// </summary>
public sealed class ReaderIds(IDataProtectionProvider protection)
{
    public const string CookieName = "minxin-rater";

    /// <summary>Chromium keeps a cookie at most 400 days; asking for more would only be cut.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(400);

    private const int IdBytes = 16;

    private readonly IDataProtector _protector = protection.CreateProtector("Minxin.Ratings.ReaderId.v1");

    /// <summary>The reader's identifier from the cookie, or a new one (<c>IsNew</c>) when there is none or it is not ours.</summary>
    public (string Id, bool IsNew) Read(HttpRequest request)
    {
        if (request.Cookies.TryGetValue(CookieName, out var value) && value is { Length: > 0 and < 512 })
        {
            try
            {
                var id = _protector.Unprotect(value);
                if (IsWellFormed(id))
                {
                    return (id, false);
                }
            }
            catch (CryptographicException)
            {
                // Not a cookie this site made: a new reader.
            }
            catch (FormatException)
            {
            }
        }
        return (WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(IdBytes)), true);
    }

    /// <summary>Sets (or renews) the cookie: HttpOnly, SameSite=Lax, Secure over HTTPS, only for the rating forms under /items.</summary>
    public void Issue(HttpContext context, string id) =>
        context.Response.Cookies.Append(CookieName, _protector.Protect(id), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = "/items",
            MaxAge = Lifetime,
            IsEssential = true,
        });

    /// <summary>What the database keeps of the reader: SHA-256 of the identifier, lower-case hex.</summary>
    public static string Key(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(id)));

    private static bool IsWellFormed(string id)
    {
        try
        {
            return WebEncoders.Base64UrlDecode(id).Length == IdBytes;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
