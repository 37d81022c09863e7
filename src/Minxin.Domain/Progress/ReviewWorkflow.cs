using Minxin.Domain.Programs;
using Minxin.Domain.Quantities;

namespace Minxin.Domain.Progress;

/// <summary>Who acts on a report: the name the public record keeps, and the staff account when there is one.</summary>
public sealed record ReportActor(string Name, int? UserId = null);

/// <summary>A step the report's state does not allow (approving a draft, editing an approved report): HTTP 409.</summary>
public sealed class ReviewRuleException(string message) : Exception(message);

/// <summary>
/// The life of a report (填报 → 提交 → 审核 → 退回/通过), the one set of rules for the workspace, the staff API and the
/// data-file reader alike:
/// <code>
///   draft ──submit──► submitted ──approve──► approved          (public; content fixed for ever)
///     ▲                   │
///     └──── returned ◄─return (with a reason)
/// </code>
/// A returned report that is fixed and submitted again is the same report, not a correction. A correction of an
/// approved report is a new draft with the same date, the next version and a reason, reviewed the same way.
/// </summary>
public static class ReviewWorkflow
{
    public const int MaxNoteLength = 2000;

    /// <summary>
    /// A new report of <paramref name="item"/> as of <paramref name="asOf"/>: the first, or a correction when one is
    /// already approved for that date (then <paramref name="correctionReason"/> is required). Refused while another
    /// report of that date is still open: the unit goes on with that one.
    /// </summary>
    public static ProgressReport Start(Item item, DateOnly asOf, ReportActor by, DateTimeOffset at, string? correctionReason = null,
        ReportingRound? round = null)
    {
        var sameDate = item.Reports.Where(r => r.AsOf == asOf).ToList();
        if (sameDate.FirstOrDefault(r => r.Review != ReviewState.Approved) is { } open)
        {
            throw new ReviewRuleException($"该子项截至{IsoDate.Format(asOf)}已有一份{open.Review.ToChinese()}的报告（第{open.Version}版），请在那份报告上继续。");
        }
        var version = sameDate.Count == 0 ? 1 : sameDate.Max(r => r.Version) + 1;
        correctionReason = Clean(correctionReason);
        if (version > 1 && correctionReason is null)
        {
            throw new ReviewRuleException($"该子项截至{IsoDate.Format(asOf)}的报告已审核通过，更正须作为第{version}版提交，并说明更正原因。");
        }
        var report = new ProgressReport
        {
            Item = item,
            ItemId = item.Id,
            AsOf = asOf,
            Version = version,
            CorrectionNote = version > 1 ? Limit(correctionReason, "更正原因") : null,
            Round = round,
            RoundId = round?.Id,
            SubmittedBy = by.Name,
            SubmittedByUserId = by.UserId,
            SubmittedAt = at,
            Review = ReviewState.Draft,
        };
        report.Events.Add(Event(ReportAction.Created, by, at, report.CorrectionNote));
        item.Reports.Add(report);
        return report;
    }

    /// <summary>Records that the unit changed the report's content; only a draft or a returned report may change.</summary>
    public static void Saved(ProgressReport report, ReportActor by, DateTimeOffset at)
    {
        RequireEditable(report);
        report.Revision++;
        report.Events.Add(Event(ReportAction.Saved, by, at, null));
    }

    public static void RequireEditable(ProgressReport report)
    {
        if (!report.IsEditable)
        {
            throw new ReviewRuleException(report.Review == ReviewState.Approved
                ? "报告已审核通过，内容不能再改；如需更正，请提交更正版本并说明原因。"
                : "报告已提交审核，审核结束前不能修改。");
        }
    }

    public static void Submit(ProgressReport report, ReportActor by, DateTimeOffset at)
    {
        if (!report.IsEditable)
        {
            throw new ReviewRuleException($"报告当前为“{report.Review.ToChinese()}”，不能提交。");
        }
        report.Review = ReviewState.Submitted;
        report.SubmittedBy = by.Name;
        report.SubmittedByUserId = by.UserId;
        report.SubmittedAt = at;
        report.Revision++;
        report.Events.Add(Event(ReportAction.Submitted, by, at, null));
    }

    /// <summary>
    /// A report a person brings in a file or a text through the workspace: it waits for review by someone else,
    /// whatever the file says of its review, so an upload is never a way around the review or its four eyes.
    /// </summary>
    public static void BroughtForReview(ProgressReport report, ReportActor by, DateTimeOffset at)
    {
        report.Review = ReviewState.Submitted;
        (report.ReviewedBy, report.ReviewedByUserId, report.ReviewedAt) = (null, null, null); // its note (where it came from) stays
        report.SubmittedByUserId = by.UserId;
        report.Events.Add(Event(ReportAction.Imported, by, at, "随文件导入，待审核"));
    }

    public static void Approve(ProgressReport report, ReportActor by, DateTimeOffset at, string? note)
    {
        RequireUnderReview(report, "通过");
        RequireSomeoneElse(report, by);
        report.Review = ReviewState.Approved;
        Reviewed(report, by, at, Limit(Clean(note), "审核意见"));
        report.Events.Add(Event(ReportAction.Approved, by, at, report.ReviewNote));
    }

    public static void Return(ProgressReport report, ReportActor by, DateTimeOffset at, string? reason)
    {
        RequireUnderReview(report, "退回");
        RequireSomeoneElse(report, by);
        var why = Clean(reason) ?? throw new ReviewRuleException("退回报告须说明原因，填报单位会在填报页看到。");
        report.Review = ReviewState.Returned;
        Reviewed(report, by, at, Limit(why, "退回原因"));
        report.Events.Add(Event(ReportAction.Returned, by, at, report.ReviewNote));
    }

    /// <summary>
    /// What is wrong with a report that arrives already reviewed (a data file, an import): the same rules, stated as
    /// (field, message) pairs in the data file's words; empty when the report is consistent. That a reviewed report
    /// names its reviewer and time is checked where the fields are read.
    /// </summary>
    public static IReadOnlyList<(string Field, string Message)> CheckRecorded(ProgressReport report)
    {
        var problems = new List<(string, string)>();
        if (report.Version > 1 && Clean(report.CorrectionNote) is null)
        {
            problems.Add(("correctionNote", "更正版本（version > 1）必须说明更正原因"));
        }
        if (report.Review == ReviewState.Returned && Clean(report.ReviewNote) is null)
        {
            problems.Add(("review.note", "退回的报告须写明退回原因（note）"));
        }
        if (report.ReviewedAt is { } reviewed && reviewed < report.SubmittedAt)
        {
            problems.Add(("review.at", "审核时间早于报送时间"));
        }
        return problems;
    }

    public static string ToChinese(this ReviewState state) => state switch
    {
        ReviewState.Draft => "草稿",
        ReviewState.Submitted => "待审核",
        ReviewState.Approved => "已通过",
        ReviewState.Returned => "已退回",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    private static void RequireUnderReview(ProgressReport report, string verb)
    {
        if (report.Review != ReviewState.Submitted)
        {
            throw new ReviewRuleException($"只有待审核的报告才能{verb}，这份报告当前为“{report.Review.ToChinese()}”。");
        }
    }

    // Four eyes: whoever gave the figures does not approve them.
    private static void RequireSomeoneElse(ProgressReport report, ReportActor by)
    {
        if (by.UserId is { } id && id == report.SubmittedByUserId)
        {
            throw new ReviewRuleException("不能审核自己提交的报告。");
        }
    }

    private static void Reviewed(ProgressReport report, ReportActor by, DateTimeOffset at, string? note)
    {
        report.ReviewedBy = by.Name;
        report.ReviewedByUserId = by.UserId;
        report.ReviewedAt = at;
        report.ReviewNote = note;
        report.Revision++;
    }

    private static ReportEvent Event(ReportAction action, ReportActor by, DateTimeOffset at, string? note) =>
        new() { Action = action, By = by.Name, ByUserId = by.UserId, At = at, Note = note };

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Limit(string? text, string what) =>
        text is { Length: > MaxNoteLength } ? throw new ReviewRuleException($"{what}过长：{text.Length} 个字符，最多 {MaxNoteLength} 个。") : text;
}
