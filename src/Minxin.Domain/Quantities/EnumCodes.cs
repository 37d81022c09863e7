using System.Collections.Concurrent;

namespace Minxin.Domain;

/// <summary>camelCase codes for enums, the one spelling used by the data file, the database and the API.</summary>
public static class EnumCodes
{
    private static readonly ConcurrentDictionary<Enum, string> Codes = new();

    public static string ToCode<T>(T value) where T : struct, Enum =>
        Codes.GetOrAdd(value, v => char.ToLowerInvariant(v.ToString()[0]) + v.ToString()[1..]);

    public static bool TryParse<T>(string? code, out T value) where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrEmpty(code) || !char.IsLower(code[0]))
        {
            return false;
        }
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (ToCode(candidate) == code)
            {
                value = candidate;
                return true;
            }
        }
        return false;
    }

    public static string AllCodes<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetValues<T>().Select(v => ToCode(v)));
}
