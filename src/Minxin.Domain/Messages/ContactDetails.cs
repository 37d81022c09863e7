using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Minxin.Domain.Messages;

/// <summary>
/// A sender's contact for the reply: a mainland mobile number (13812341234, +86 138 1234 1234), a landline with its
/// area code (022-28391234) or an e-mail address. Normalised before it is stored or compared, masked before anyone
/// outside the workspace sees it.
/// </summary>
public static partial class ContactDetails
{
    /// <summary>The normalised contact, or null with the reason (Chinese, for the form) when it is neither a phone number nor an e-mail address.</summary>
    public static string? Normalize(string? text, out string? problem)
    {
        problem = null;
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            problem = "请填写联系电话或电子邮箱，以便答复您。";
            return null;
        }
        if (trimmed.Length > MessageText.MaxContactLength)
        {
            problem = $"联系方式不能超过{MessageText.MaxContactLength}个字符。";
            return null;
        }
        if (trimmed.Contains('@', StringComparison.Ordinal))
        {
            var email = trimmed.ToLowerInvariant();
            if (Email().IsMatch(email))
            {
                return email;
            }
            problem = "电子邮箱格式不正确，例如 zhangsan@163.com。";
            return null;
        }
        var digits = Separators().Replace(trimmed, "");
        if (digits.StartsWith("+86", StringComparison.Ordinal))
        {
            digits = digits[3..];
        }
        else if (digits.StartsWith("0086", StringComparison.Ordinal))
        {
            digits = digits[4..];
        }
        if (Mobile().IsMatch(digits))
        {
            return digits;
        }
        if (Landline().Match(digits) is { Success: true } match)
        {
            return match.Groups["area"].Value + "-" + match.Groups["number"].Value;
        }
        problem = digits.Length > 0 && digits.All(char.IsAsciiDigit)
            ? "电话号码格式不正确：手机号为1开头的11位数字，固定电话请带区号，例如 022-28391234。"
            : "联系方式请填写手机号、带区号的固定电话或电子邮箱。";
        return null;
    }

    /// <summary>138****1234, 022-****1234, z***@163.com: enough for the sender to recognise, nothing for anyone else.</summary>
    public static string Mask(string normalized)
    {
        var at = normalized.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return normalized[..1] + "***" + normalized[at..];
        }
        if (normalized.Length == 11 && normalized[0] == '1')
        {
            return normalized[..3] + "****" + normalized[7..];
        }
        var dash = normalized.IndexOf('-', StringComparison.Ordinal);
        var number = dash >= 0 ? normalized[(dash + 1)..] : normalized;
        var area = dash >= 0 ? normalized[..(dash + 1)] : "";
        return area + new string('*', Math.Max(0, number.Length - 4)) + number[^Math.Min(4, number.Length)..];
    }

    /// <summary>Whether a contact typed at lookup is the one stored, compared in constant time.</summary>
    public static bool SameAs(string? stored, string? typed)
    {
        if (stored is null || Normalize(typed, out _) is not { } normalized)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stored), Encoding.UTF8.GetBytes(normalized));
    }

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();

    // Area codes are 010 and 020–029 (three digits) or 0 and three digits from 03: without this, 02228391234 split as 0222-8391234.
    [GeneratedRegex(@"^(?<area>0[12]\d|0[3-9]\d{2})(?<number>[2-9]\d{6,7})$")]
    private static partial Regex Landline();

    [GeneratedRegex(@"^[a-z0-9._%+\-]+@[a-z0-9\-]+(\.[a-z0-9\-]+)*\.[a-z]{2,}$")]
    private static partial Regex Email();

    [GeneratedRegex(@"[\s\-()（）]+")]
    private static partial Regex Separators();
}
