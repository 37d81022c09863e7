using Minxin.Data.Staff;
using Minxin.Domain;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Web.Workspace.Rounds;

namespace Minxin.Web.Workspace.Api;

// What the staff API returns. Field names are a contract: other systems call them as written.

public sealed record MeDocument(string Username, string Role, string Region, string? Unit, string DisplayName, string RegionName, string? UnitName);

public sealed record TaskDocument(
    string ItemId, int RoundId, string Title, StaffReportDocument? LastReport, string RoundTitle, string AsOf, string DueDate,
    string State, bool Late, string Role, StaffReportDocument? Report, IReadOnlyList<FollowUps.FollowUpSummaryDocument> FollowUps);

public sealed record ReportFigureDocument(string Indicator, string Name, decimal Value, string Unit, string Qualifier, string Period, decimal? StatedPercent);

public sealed record ReportSiteDocument(string Site, string Name, string Phase, string? ExpectedCompletion, string? Note);

public sealed record EventDocument(string Action, DateTimeOffset At, string By, string? Note);

public sealed record AttachmentDocument(int Id, string FileName, string ContentType, long Length, DateTimeOffset UploadedAt, string UploadedBy, string Url);

public sealed record StaffReportDocument(
    int Id, string ItemId, int? RoundId, string AsOf, int Version, string State, string Status, string Narrative,
    string? ExpectedCompletion, string? ExpectedCompletionReason, string? CorrectionNote,
    IReadOnlyList<ReportFigureDocument> Values, IReadOnlyList<ReportSiteDocument> Sites,
    string SubmittedBy, DateTimeOffset SubmittedAt, string? ReviewedBy, DateTimeOffset? ReviewedAt, string? ReviewNote,
    IReadOnlyList<EventDocument> History, IReadOnlyList<AttachmentDocument> Attachments, string ETag);

/// <summary>An in-app notice (站内提醒); <c>link</c> is a workspace path.</summary>
public sealed record NoticeDocument(int Id, string Subject, string Body, string Link, DateTimeOffset CreatedAt, bool Read, DateTimeOffset? ReadAt);

public sealed record RoundDocument(int Id, string ProgramId, string Title, string AsOf, string DueDate, bool Open, string OpenedBy, DateTimeOffset OpenedAt);

public sealed record UnitProgressDocument(string? Unit, string? UnitName, int Items, int Approved, int Submitted, int Returned, int Draft, int Missing, int Late);

public sealed record RoundOverviewDocument(RoundDocument Round, IReadOnlyList<UnitProgressDocument> Units);

public sealed record StaffItemDocument(
    string Id, string Title, string? LeadUnit, IReadOnlyList<string> CooperatingUnits, string? Deadline, string? LeadOfficial, string? ResponsiblePerson,
    IReadOnlyList<PlanIndicatorDocument> Indicators, IReadOnlyList<PlanSiteDocument> Sites, IReadOnlyList<StaffReportDocument> Reports, string ETag);

public sealed record PlanIndicatorDocument(string Key, string Name, string Unit, decimal? Target, string Comparator, string Accumulation);

public sealed record PlanSiteDocument(string Key, string Name, string? Town);

public sealed record ProgramDocument(string Id, string Title, int Year, string Publication, int Items, string ETag);

public sealed record UnitDocument(string Code, string Name, string? Parent);

public sealed record FigureChangeDocument(string Indicator, string Name, decimal? Before, decimal? After, bool WentDown);

public sealed record ReviewItemDocument(StaffReportDocument Report, string ItemTitle, string? PreviousAsOf, IReadOnlyList<FigureChangeDocument> Figures, bool StatusChanged, bool ExpectedCompletionChanged);

public static class WorkspaceDocuments
{
    /// <summary>A report's ETag: its concurrency token, so a stale If-Match is refused.</summary>
    public static string ETag(ProgressReport report) => $"\"r{report.Revision}\"";

    public static MeDocument Me(StaffUser user) =>
        new(user.UserName ?? "", EnumCodes.ToCode(user.Role), user.Region.Code, user.Unit?.Code,
            user.DisplayName.Length > 0 ? user.DisplayName : user.UserName ?? "", user.Region.Name, user.Unit?.Name);

    public static StaffReportDocument Report(ProgressReport report) => new(
        report.Id,
        report.Item.PublicId(),
        report.RoundId,
        IsoDate.Format(report.AsOf),
        report.Version,
        EnumCodes.ToCode(report.Review),
        EnumCodes.ToCode(report.Status),
        report.Narrative,
        report.ExpectedCompletion?.ToString(),
        report.ExpectedCompletionReason,
        report.CorrectionNote,
        report.Values.OrderBy(v => v.Indicator.Position).Select(v => new ReportFigureDocument(
            v.Indicator.Key, v.Indicator.Name, v.Value, v.Indicator.Unit, EnumCodes.ToCode(v.Qualifier), v.Period.ToString(), v.StatedPercent)).ToList(),
        report.SiteUpdates.OrderBy(u => u.Site.Position).Select(u => new ReportSiteDocument(
            u.Site.Key, u.Site.Name, EnumCodes.ToCode(u.Phase), u.ExpectedCompletion?.ToString(), u.Note)).ToList(),
        report.SubmittedBy,
        report.SubmittedAt,
        report.ReviewedBy,
        report.ReviewedAt,
        report.ReviewNote,
        report.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new EventDocument(EnumCodes.ToCode(e.Action), e.At, e.By, e.Note)).ToList(),
        report.Attachments.OrderBy(a => a.Id).Select(Attachment).ToList(),
        ETag(report));

    public static StaffItemDocument Item(Item item) => new(
        item.PublicId(), item.Title, item.LeadUnitName, item.CooperatingUnitNames, item.Deadline is { } d ? IsoDate.Format(d) : null,
        item.LeadOfficial, item.ResponsiblePerson,
        item.Indicators.OrderBy(i => i.Position).Select(i => new PlanIndicatorDocument(i.Key, i.Name, i.Unit, i.Target, EnumCodes.ToCode(i.Comparator), EnumCodes.ToCode(i.Accumulation))).ToList(),
        item.Sites.OrderBy(s => s.Position).Select(s => new PlanSiteDocument(s.Key, s.Name, s.Town)).ToList(),
        item.Reports.OrderBy(r => r.AsOf).ThenBy(r => r.Version).Select(Report).ToList(),
        $"\"r{item.Revision}\"");

    public static AttachmentDocument Attachment(Attachment a) =>
        new(a.Id, a.FileName, a.ContentType, a.Length, a.UploadedAt, a.UploadedBy, $"/api/v1/workspace/attachments/{a.Id}");

    /// <param name="followUps">The unit's open 督办 about the task's item.</param>
    public static TaskDocument Task(ReportTask task, IReadOnlyList<FollowUps.FollowUpSummaryDocument> followUps) => new(
        task.Item.PublicId(), task.Round.Id, task.Item.Title, task.LastApproved is { } last ? Report(last) : null, task.Round.Title,
        IsoDate.Format(task.Round.AsOf), IsoDate.Format(task.Round.DueDate), EnumCodes.ToCode(task.State), task.Late,
        EnumCodes.ToCode(task.Role), task.Current is { } current ? Report(current) : null, followUps);

    public static NoticeDocument Notice(Data.Oversight.Notice notice) =>
        new(notice.Id, notice.Subject, notice.Body, notice.Link, notice.CreatedAt, notice.ReadAt is not null, notice.ReadAt);

    public static RoundDocument Round(ReportingRound round) => new(
        round.Id, round.Program.Code, round.Title, IsoDate.Format(round.AsOf), IsoDate.Format(round.DueDate), round.IsOpen, round.OpenedBy, round.OpenedAt);

    public static UnitProgressDocument UnitProgress(UnitRoundProgress p) =>
        new(p.Unit?.Code, p.Unit?.Name, p.Items, p.Approved, p.Submitted, p.Returned, p.Draft, p.Missing, p.Late);

    public static ReviewItemDocument ReviewItem(ReportComparison comparison) => new(
        Report(comparison.Report), comparison.Report.Item.Title,
        comparison.Previous is { } previous ? IsoDate.Format(previous.AsOf) : null,
        comparison.Figures.Select(f => new FigureChangeDocument(f.IndicatorKey, f.IndicatorName, f.Before, f.After, f.WentDown)).ToList(),
        comparison.StatusChanged, comparison.ExpectedCompletionChanged);
}
