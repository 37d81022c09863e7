using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Audit;

namespace Minxin.Web.Workspace.Reporting;

/// <summary>
/// A unit's report of an item, from the report form and the staff API alike: start it (a first report or a
/// correction), change it while it is a draft or returned, submit it. Each step is checked by the data file's rules
/// and the domain's review workflow, and saved with its audit entry.
/// </summary>
public sealed class ReportingService(MinxinDbContext db, AuditTrail audit, TimeProvider clock)
{
    public async Task<ProgressReport> CreateAsync(StaffActor actor, Item item, ReportRequest request, CancellationToken cancellationToken)
    {
        var round = await RoundOfAsync(item, request.RoundId, cancellationToken);
        var asOf = AsOfOf(request, round);
        var now = clock.GetUtcNow();
        var content = Read(item, request, asOf, actor, now);
        var sameDate = item.Reports.Where(r => r.AsOf == asOf).ToList();
        if (sameDate.Count > 0 && sameDate.All(r => r.Review == ReviewState.Approved) && string.IsNullOrWhiteSpace(request.CorrectionReason))
        {
            throw new InputException("correctionReason", $"截至 {IsoDate.Format(asOf)} 的报告已审核通过；更正须写明原因，审核通过后作为新版本公开。");
        }
        var report = ReviewWorkflow.Start(item, asOf, actor.AsReportActor(), now, request.CorrectionReason, round);
        report.UnitId = actor.UnitId;
        CopyContent(content, report);
        CheckSlipReason(report, item);
        // A caller saving several reports at once (the unit spreadsheet) holds the transaction; otherwise this step owns one.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(actor, "report.created", Subject(report), $"{item.PublicId()} 新建截至 {IsoDate.Format(asOf)} 的报告（第{report.Version}版）",
            item.Category.Program.RegionId, after: ReportSnapshot.Of(report));
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return report;
    }

    /// <summary>Replaces what a draft or returned report says; refused when <paramref name="revision"/> is not its current one.</summary>
    public async Task UpdateAsync(StaffActor actor, ProgressReport report, int revision, ReportRequest request, CancellationToken cancellationToken)
    {
        RequireRevision(report, revision);
        ReviewWorkflow.RequireEditable(report);
        if (request.AsOf is { } asOf && asOf != IsoDate.Format(report.AsOf))
        {
            throw new InputException("asOf", "报告的数据截止日期不能更改；请为另一日期新建报告。");
        }
        var before = ReportSnapshot.Of(report);
        var content = Read(report.Item, request, report.AsOf, actor, clock.GetUtcNow());
        db.IndicatorValues.RemoveRange(report.Values);
        db.SiteUpdates.RemoveRange(report.SiteUpdates);
        report.Values.Clear();
        report.SiteUpdates.Clear();
        CopyContent(content, report);
        CheckSlipReason(report, report.Item);
        ReviewWorkflow.Saved(report, actor.AsReportActor(), clock.GetUtcNow());
        audit.Record(actor, "report.saved", Subject(report), $"{report.Item.PublicId()} 修改截至 {IsoDate.Format(report.AsOf)} 的报告",
            report.Item.Category.Program.RegionId, before, ReportSnapshot.Of(report));
        await SaveAsync(cancellationToken);
    }

    public async Task SubmitAsync(StaffActor actor, ProgressReport report, int? revision, CancellationToken cancellationToken)
    {
        if (revision is { } r)
        {
            RequireRevision(report, r);
        }
        CheckSlipReason(report, report.Item);
        var before = ReportSnapshot.Of(report);
        ReviewWorkflow.Submit(report, actor.AsReportActor(), clock.GetUtcNow());
        audit.Record(actor, "report.submitted", Subject(report), $"{report.Item.PublicId()} 提交截至 {IsoDate.Format(report.AsOf)} 的报告（第{report.Version}版）",
            report.Item.Category.Program.RegionId, before, ReportSnapshot.Of(report));
        await SaveAsync(cancellationToken);
    }

    public static string Subject(ProgressReport report) => $"report:{report.Id}";

    public static void RequireRevision(ProgressReport report, int revision)
    {
        if (report.Revision != revision)
        {
            throw new StaleException("这份报告在您打开之后已被修改（可能是同单位的另一位填报员，或审核人）。您的内容没有保存，请复制后刷新页面再改。");
        }
    }

    /// <summary>
    /// Saves (moving the data version of <paramref name="publicProgramId"/> when the change is public), turning a
    /// concurrent change that slipped between read and write into a 412.
    /// </summary>
    public async Task SaveAsync(CancellationToken cancellationToken, int? publicProgramId = null)
    {
        try
        {
            await db.SaveWithNewDataVersionAsync(publicProgramId is { } id ? [id] : [], cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StaleException("这份报告刚被他人修改，您的内容没有保存，请刷新后再试。");
        }
    }

    private async Task<ReportingRound?> RoundOfAsync(Item item, int? roundId, CancellationToken cancellationToken)
    {
        if (roundId is null)
        {
            return null;
        }
        var round = await db.Rounds.FirstOrDefaultAsync(r => r.Id == roundId && r.ProgramId == item.Category.ProgramId, cancellationToken)
            ?? throw new InputException("roundId", $"这个民心工程没有编号为 {roundId} 的报送轮次。");
        if (!round.IsOpen)
        {
            throw new ReviewRuleException($"报送轮次“{round.Title}”已结束，不能再报送。");
        }
        return round;
    }

    private static DateOnly AsOfOf(ReportRequest request, ReportingRound? round)
    {
        if (string.IsNullOrWhiteSpace(request.AsOf))
        {
            return round?.AsOf ?? throw new InputException("asOf", "请填写数据截止日期（YYYY-MM-DD），或指明报送轮次（roundId）。");
        }
        if (!IsoDate.TryParse(request.AsOf, out var asOf))
        {
            throw new InputException("asOf", $"“{request.AsOf}”不是有效日期，应为 YYYY-MM-DD，例如 2025-07-31。");
        }
        if (round is not null && asOf != round.AsOf)
        {
            throw new InputException("asOf", $"报送轮次“{round.Title}”的数据截止日期是 {IsoDate.Format(round.AsOf)}，与 {request.AsOf} 不符。");
        }
        return asOf;
    }

    private static ProgressReport Read(Item item, ReportRequest request, DateOnly asOf, StaffActor actor, DateTimeOffset now)
    {
        var (content, errors) = ProgramFileReader.ReadReport(request.ToFile(asOf, actor.AsReportActor().Name, now), item);
        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }
        return content!;
    }

    private static void CopyContent(ProgressReport from, ProgressReport to)
    {
        to.Status = from.Status;
        to.Narrative = from.Narrative;
        to.ExpectedCompletion = from.ExpectedCompletion;
        to.ExpectedCompletionReason = from.ExpectedCompletionReason;
        foreach (var value in from.Values)
        {
            value.Report = to;
            to.Values.Add(value);
        }
        foreach (var update in from.SiteUpdates)
        {
            update.Report = to;
            to.SiteUpdates.Add(update);
        }
    }

    private static void CheckSlipReason(ProgressReport report, Item item)
    {
        if (ReportComparison.MissingSlipReason(report, item.Reports) is { } problem)
        {
            throw new InputException("expectedCompletionReason", problem);
        }
    }
}
