namespace Minxin.Web.Workspace;

/// <summary>Input a form or API call cannot be saved with, field by field ("values[0].indicator": "…"): HTTP 400.</summary>
public sealed class InputException(IReadOnlyList<(string Field, string Message)> errors)
    : Exception(string.Join("；", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    public InputException(string field, string message) : this([(field, message)])
    {
    }

    public IReadOnlyList<(string Field, string Message)> Errors { get; } = errors;

    public Dictionary<string, string[]> ByField() =>
        Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
}

/// <summary>The thing changed since the caller read it (a stale If-Match or revision): HTTP 412, nothing saved.</summary>
public sealed class StaleException(string message) : Exception(message);

/// <summary>What was asked for does not exist: HTTP 404.</summary>
public sealed class MissingException(string message) : Exception(message);

/// <summary>The actor may not do this to that: HTTP 403.</summary>
public sealed class ForbiddenException(string message = "您的角色或单位不能进行这项操作。") : Exception(message);
