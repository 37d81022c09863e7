namespace Minxin.Web.Workspace;

/// <summary>The thing changed since the caller read it (a stale If-Match or revision): HTTP 412, nothing saved.</summary>
public sealed class StaleException(string message) : Exception(message);

/// <summary>What was asked for does not exist: HTTP 404.</summary>
public sealed class MissingException(string message) : Exception(message);

/// <summary>The actor may not do this to that: HTTP 403.</summary>
public sealed class ForbiddenException(string message = "您的角色或单位不能进行这项操作。") : Exception(message);
