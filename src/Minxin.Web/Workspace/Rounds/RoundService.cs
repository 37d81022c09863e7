using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Audit;

namespace Minxin.Web.Workspace.Rounds;

/// <summary>What a coordinator asks of the units: a reporting round (月报) with an as-of date and a due date.</summary>
public sealed record RoundRequest(string? Title, string? AsOf, string? DueDate);

/// <summary>Opening, closing and following reporting rounds.</summary>
public sealed class RoundService(MinxinDbContext db, AuditTrail audit, TimeProvider clock)
{
    public async Task<ReportingRound> OpenAsync(StaffActor actor, LivelihoodProgram program, RoundRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<(string, string)>();
        if (!IsoDate.TryParse(request.AsOf, out var asOf))
        {
            errors.Add(("asOf", $"“{request.AsOf}”不是有效日期，应为 YYYY-MM-DD，例如 2025-07-31。"));
        }
        if (!IsoDate.TryParse(request.DueDate, out var dueDate))
        {
            errors.Add(("dueDate", $"“{request.DueDate}”不是有效日期，应为 YYYY-MM-DD，例如 2025-08-05。"));
        }
        if (errors.Count == 0)
        {
            var existing = await db.Rounds.Where(r => r.ProgramId == program.Id).ToListAsync(cancellationToken);
            errors.AddRange(ReportingRound.Check(program, request.Title, asOf, dueDate, existing));
        }
        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }
        var round = new ReportingRound
        {
            ProgramId = program.Id,
            Program = program,
            Title = request.Title!.Trim(),
            AsOf = asOf,
            DueDate = dueDate,
            OpenedAt = clock.GetUtcNow(),
            OpenedBy = actor.DisplayName,
        };
        db.Rounds.Add(round);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(actor, "round.opened", $"round:{round.Id}",
            $"{program.Code} 开启报送轮次“{round.Title}”：数据截至 {IsoDate.Format(asOf)}，{IsoDate.Format(dueDate)} 前报送", program.RegionId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return round;
    }

    public async Task CloseAsync(StaffActor actor, ReportingRound round, CancellationToken cancellationToken)
    {
        if (!round.IsOpen)
        {
            throw new ReviewRuleException($"报送轮次“{round.Title}”已经结束。");
        }
        round.ClosedAt = clock.GetUtcNow();
        audit.Record(actor, "round.closed", $"round:{round.Id}", $"结束报送轮次“{round.Title}”", round.Program.RegionId);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Open rounds of the actor's region, with their programs.</summary>
    public Task<List<ReportingRound>> OpenRoundsAsync(StaffActor actor, CancellationToken cancellationToken) =>
        db.Rounds.Include(r => r.Program).Where(r => r.ClosedAt == null && r.Program.RegionId == actor.RegionId)
            .OrderBy(r => r.DueDate).ToListAsync(cancellationToken);
}

/// <summary>One item a reporter must report in an open round, with what was reported before and where it stands.</summary>
public sealed record ReportTask(Item Item, ReportingRound Round, TaskState State, ProgressReport? Current, ProgressReport? LastApproved, bool Late, UnitRole Role);

/// <summary>A reporter's to-do list (我的待办): every item of its unit that an open round asks for.</summary>
public sealed class TaskList(MinxinDbContext db, RoundService rounds, TimeProvider clock)
{
    public async Task<IReadOnlyList<ReportTask>> ForAsync(StaffActor actor, CancellationToken cancellationToken)
    {
        if (actor.Role != StaffRole.Reporter || actor.UnitId is not { } unit)
        {
            return [];
        }
        var open = await rounds.OpenRoundsAsync(actor, cancellationToken);
        if (open.Count == 0)
        {
            return [];
        }
        var programIds = open.Select(r => r.ProgramId).Distinct().ToList();
        var items = await db.ItemsWithReports().AsNoTrackingWithIdentityResolution()
            .Where(i => programIds.Contains(i.Category.ProgramId))
            .VisibleTo(actor)
            .ToListAsync(cancellationToken);
        var today = ChinaTime.Today(clock);
        return open
            .SelectMany(round => items.Where(i => i.Category.ProgramId == round.ProgramId && RoundProgress.MustReport(i, round)).Select(item =>
            {
                var state = RoundProgress.StateOf(item, round);
                var current = item.Reports.Where(r => r.AsOf == round.AsOf).MaxBy(r => r.Version);
                var last = item.Reports.Where(r => r.Review == ReviewState.Approved && r.AsOf <= round.AsOf)
                    .OrderBy(r => r.AsOf).ThenBy(r => r.Version).LastOrDefault();
                var role = item.Units.First(u => u.UnitId == unit).Role;
                return new ReportTask(item, round, state, current, last, RoundProgress.IsLate(state, round, today), role);
            }))
            .OrderBy(t => t.State == TaskState.Approved).ThenBy(t => t.Round.DueDate).ThenBy(t => t.Item.Category.Number).ThenBy(t => t.Item.Number)
            .ToList();
    }
}
