using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Oversight;
using Minxin.Domain.Programs;
using Minxin.Domain.ReportCards;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Audit;

namespace Minxin.Web.Workspace.Lights;

/// <summary>A new version of the light rule, as a coordinator asks for it.</summary>
public sealed record LightRuleRequest(int? GreenWithinPoints, int? YellowWithinPoints, bool? RedWhenPastDeadline, string? Aggregation, string? Reason);

/// <summary>An override of one item's light (color null or "" lifts the one in force), with its reason.</summary>
public sealed record LightOverrideRequest(string? Color, string? Reason);

/// <summary>Changing a program's light rule (a new version) and overriding an item's light; both public at once, both audited.</summary>
public sealed class LightService(MinxinDbContext db, AuditTrail audit, TimeProvider clock, PublicChanges changes)
{
    public async Task<ProgramLightRule> ChangeRuleAsync(StaffActor actor, LivelihoodProgram program, LightRuleRequest request, CancellationToken cancellationToken)
    {
        var versions = await db.LightRules.Where(r => r.ProgramId == program.Id).ToListAsync(cancellationToken);
        var current = ProgramLightRule.Current(versions);
        var errors = new List<(string, string)>();
        var aggregation = current.Aggregation;
        if (request.Aggregation is { Length: > 0 } code && !Domain.EnumCodes.TryParse(code, out aggregation))
        {
            errors.Add(("aggregation", $"“{code}”不是有效的多指标计法，应为 furthestBehind（按落后最多的指标）或 average（按平均进度）"));
        }
        var rule = current with
        {
            Version = current.Version + 1,
            GreenWithinPoints = request.GreenWithinPoints ?? current.GreenWithinPoints,
            YellowWithinPoints = request.YellowWithinPoints ?? current.YellowWithinPoints,
            RedWhenPastDeadline = request.RedWhenPastDeadline ?? current.RedWhenPastDeadline,
            Aggregation = aggregation,
        };
        errors.AddRange(rule.Check());
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            errors.Add(("reason", "请说明调整亮灯规则的原因，它会与新规则一起公开"));
        }
        else if (reason.Length > ProgramLightRule.MaxReasonLength)
        {
            errors.Add(("reason", $"原因最多 {ProgramLightRule.MaxReasonLength} 个字符"));
        }
        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }
        var version = new ProgramLightRule
        {
            ProgramId = program.Id,
            // The default rule is version 1; the first change makes version 2.
            Version = rule.Version,
            GreenWithinPoints = rule.GreenWithinPoints,
            YellowWithinPoints = rule.YellowWithinPoints,
            RedWhenPastDeadline = rule.RedWhenPastDeadline,
            Aggregation = rule.Aggregation,
            Reason = reason,
            ChangedAt = clock.GetUtcNow(),
            ChangedBy = actor.DisplayName,
            ChangedByUserId = actor.UserId,
        };
        db.LightRules.Add(version);
        audit.Record(actor, "lights.rule-changed", $"program:{program.Code}",
            $"{program.Code} 亮灯规则调整为第{version.Version}版：{version.ToRule().Summary}；原因：{reason}", program.RegionId,
            Fields(current), Fields(version.ToRule()));
        await SaveAsync(program, cancellationToken);
        return version;
    }

    public async Task<ItemLightOverride> OverrideAsync(StaffActor actor, Item item, LightOverrideRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<(string, string)>();
        LightColor? color = null;
        if (request.Color is { Length: > 0 } code)
        {
            if (Domain.EnumCodes.TryParse<LightColor>(code, out var parsed) && parsed is LightColor.Green or LightColor.Yellow or LightColor.Red)
            {
                color = parsed;
            }
            else
            {
                errors.Add(("color", $"“{code}”不是可选的灯号，应为 green（绿灯）、yellow（黄灯）或 red（红灯），留空表示取消人工调整"));
            }
        }
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            errors.Add(("reason", "请说明人工调整灯号的原因，它会与灯号一起公开"));
        }
        else if (reason.Length > ItemLightOverride.MaxReasonLength)
        {
            errors.Add(("reason", $"原因最多 {ItemLightOverride.MaxReasonLength} 个字符"));
        }
        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }
        var program = item.Category.Program;
        var latest = ReportCardCalculator.CurrentReports(item.Reports, DateOnly.MaxValue).LastOrDefault();
        var entry = new ItemLightOverride
        {
            ItemId = item.Id,
            Color = color,
            Reason = reason!,
            ReportAsOf = latest?.AsOf,
            At = clock.GetUtcNow(),
            By = actor.DisplayName,
            ByUserId = actor.UserId,
        };
        db.LightOverrides.Add(entry);
        audit.Record(actor, color is null ? "lights.override-lifted" : "lights.overridden", $"item:{program.Code}-{item.Code}",
            color is null ? $"{program.Code}-{item.Code} 取消人工调整灯号：{reason}" : $"{program.Code}-{item.Code} 灯号人工调整为{color.Value.ToChinese()}：{reason}",
            program.RegionId);
        await SaveAsync(program, cancellationToken);
        return entry;
    }

    private async Task SaveAsync(LivelihoodProgram program, CancellationToken cancellationToken)
    {
        await db.SaveWithNewDataVersionAsync([program.Id], cancellationToken);
        if (program.IsPublished)
        {
            changes.Evict(program.Code);
        }
    }

    private static Dictionary<string, string?> Fields(LightRule rule) => new()
    {
        ["version"] = rule.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["greenWithinPoints"] = rule.GreenWithinPoints.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["yellowWithinPoints"] = rule.YellowWithinPoints.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["redWhenPastDeadline"] = rule.RedWhenPastDeadline ? "true" : "false",
        ["aggregation"] = Domain.EnumCodes.ToCode(rule.Aggregation),
    };
}
