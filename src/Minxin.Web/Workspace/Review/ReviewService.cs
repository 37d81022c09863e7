using Minxin.Data;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Audit;
using Minxin.Web.Workspace.Reporting;

namespace Minxin.Web.Workspace.Review;

/// <summary>
/// The coordinator's decisions. An approval, its audit entry and the program's data-version bump commit together;
/// then this node drops the program's public pages at once (the others within their poll interval).
/// </summary>
public sealed class ReviewService(AuditTrail audit, TimeProvider clock, ReportingService reporting, PublicChanges changes)
{
    public async Task ApproveAsync(StaffActor actor, ProgressReport report, int? revision, string? note, CancellationToken cancellationToken)
    {
        Check(report, revision);
        var before = ReportSnapshot.Of(report);
        ReviewWorkflow.Approve(report, actor.AsReportActor(), clock.GetUtcNow(), note);
        var program = report.Item.Category.Program;
        audit.Record(actor, "report.approved", ReportingService.Subject(report),
            $"{report.Item.PublicId()} 截至 {IsoDate.Format(report.AsOf)} 的报告（第{report.Version}版）审核通过，公开", program.RegionId, before, ReportSnapshot.Of(report));
        await reporting.SaveAsync(cancellationToken, program.Id);
        if (program.IsPublished)
        {
            changes.Evict(program.Code);
        }
    }

    public async Task ReturnAsync(StaffActor actor, ProgressReport report, int? revision, string? reason, CancellationToken cancellationToken)
    {
        Check(report, revision);
        var before = ReportSnapshot.Of(report);
        if (report.Review == ReviewState.Submitted && string.IsNullOrWhiteSpace(reason))
        {
            throw new InputException("reason", "退回报告须说明原因，填报单位会在填报页看到。");
        }
        ReviewWorkflow.Return(report, actor.AsReportActor(), clock.GetUtcNow(), reason);
        audit.Record(actor, "report.returned", ReportingService.Subject(report),
            $"{report.Item.PublicId()} 截至 {IsoDate.Format(report.AsOf)} 的报告被退回：{report.ReviewNote}", report.Item.Category.Program.RegionId,
            before, ReportSnapshot.Of(report));
        await reporting.SaveAsync(cancellationToken);
    }

    private static void Check(ProgressReport report, int? revision)
    {
        if (revision is { } r)
        {
            ReportingService.RequireRevision(report, r);
        }
    }
}
