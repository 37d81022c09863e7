using Minxin.Domain.Auditing;

namespace Minxin.Data;

/// <summary>Audit entries of changes made outside the web app.</summary>
public static class Audit
{
    public const string CliActor = "cli";

    /// <summary>An entry for the command line: the actor is "cli", the address the machine account that ran it.</summary>
    public static AuditEntry ByCli(string action, string subject, string summary, TimeProvider? clock = null, List<FieldChange>? changes = null) => new()
    {
        At = (clock ?? TimeProvider.System).GetUtcNow(),
        Actor = CliActor,
        Address = $"{Environment.UserName}@{Environment.MachineName}",
        Action = action,
        Subject = subject,
        Summary = summary,
        Changes = changes ?? [],
    };
}
