using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Minxin.Domain.Quantities;

namespace Minxin.Cli;

/// <summary>`minxin audit --since DATE [--until DATE] [--region CODE] [--action PREFIX]`: the audit log, oldest first.</summary>
internal sealed class AuditCommand : ICliCommand
{
    private readonly Option<string> _since = new("--since") { Description = "从这一天起（YYYY-MM-DD，北京时间）", Required = true };
    private readonly Option<string?> _until = new("--until") { Description = "到这一天为止（含）" };
    private readonly Option<string?> _region = new("--region") { Description = "只看这个地区" };
    private readonly Option<string?> _action = new("--action") { Description = "只看这类操作，如 report 或 sign-in.failed" };

    public AuditCommand() => Definition = new Command("audit", "打印操作日志（谁、何时、从哪里、做了什么、改了哪些字段）") { _since, _until, _region, _action };

    public Command Definition { get; }

    public async Task<int> RunAsync(ParseResult parsed, CliContext context)
    {
        if (!IsoDate.TryParse(parsed.GetValue(_since), out var since))
        {
            throw new CliException($"--since “{parsed.GetValue(_since)}”不是有效日期，应为 YYYY-MM-DD。");
        }
        var until = DateOnly.MaxValue.AddDays(-1);
        if (parsed.GetValue(_until) is { } untilText && !IsoDate.TryParse(untilText, out until))
        {
            throw new CliException($"--until “{untilText}”不是有效日期，应为 YYYY-MM-DD。");
        }
        await using var db = await context.OpenDatabaseAsync();
        var query = db.AuditLog.AsNoTracking().Where(e => e.Day >= since && e.Day <= until);
        if (parsed.GetValue(_region) is { } region)
        {
            query = query.Where(e => e.Region != null && e.Region.Code == region);
        }
        if (parsed.GetValue(_action) is { } action)
        {
            query = query.Where(e => e.Action.StartsWith(action));
        }
        foreach (var entry in await query.OrderBy(e => e.Id).ToListAsync())
        {
            await context.Out.WriteLineAsync(string.Join('\t', ChinaTime.Format(entry.At), entry.Actor, entry.Address ?? "-", entry.Action, entry.Subject, entry.Summary));
            foreach (var change in entry.Changes)
            {
                await context.Out.WriteLineAsync($"\t{change.Field}: {change.Before ?? "∅"} → {change.After ?? "∅"}");
            }
        }
        return MinxinCli.Ok;
    }
}
