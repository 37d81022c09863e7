namespace Minxin.Web.Workspace;

/// <summary>The HTML id of a form field from its error key ("values[0].indicator" → "f-values-0-indicator"), so errors link to fields.</summary>
public static class FieldIds
{
    public static string For(string field) =>
        "f-" + new string(field.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-').Replace("--", "-", StringComparison.Ordinal);
}
