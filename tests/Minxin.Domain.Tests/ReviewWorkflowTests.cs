using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Testing;

namespace Minxin.Domain.Tests;

/// <summary>A report's life (draft → submitted → returned or approved), its corrections, and what each step refuses.</summary>
public class ReviewWorkflowTests
{
    private static readonly ReportActor Reporter = new("区住建委 王丽", 7);
    private static readonly ReportActor Coordinator = new("民心办 李明", 2);
    private static readonly DateTimeOffset At = new(2025, 8, 3, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly July = new(2025, 7, 31);

    private static Item Item() =>
        new ProgramBuilder().Category(1, "工程", c => c.Item(1, "新增充电接口6000个", i => i.Indicator("接口", "个", 6000))).Build().Items.Single();

    [Fact]
    public void A_report_goes_from_draft_to_submitted_to_approved_and_becomes_public()
    {
        var report = ReviewWorkflow.Start(Item(), July, Reporter, At);
        Assert.Equal((ReviewState.Draft, 1, false), (report.Review, report.Version, report.IsPublic));

        ReviewWorkflow.Submit(report, Reporter, At.AddHours(1));
        Assert.Equal(ReviewState.Submitted, report.Review);
        Assert.False(report.IsEditable);

        ReviewWorkflow.Approve(report, Coordinator, At.AddHours(2), "数据与台账一致");
        Assert.True(report.IsPublic);
        Assert.Equal(("民心办 李明", "数据与台账一致"), (report.ReviewedBy, report.ReviewNote));
        Assert.Equal([ReportAction.Created, ReportAction.Submitted, ReportAction.Approved], report.Events.Select(e => e.Action));
    }

    [Fact]
    public void A_returned_report_is_fixed_and_resubmitted_as_the_same_report_not_a_correction()
    {
        var report = ReviewWorkflow.Start(Item(), July, Reporter, At);
        ReviewWorkflow.Submit(report, Reporter, At);
        ReviewWorkflow.Return(report, Coordinator, At.AddHours(1), "充电接口数与台账不符，请核实");

        Assert.True(report.IsEditable);
        Assert.Equal("充电接口数与台账不符，请核实", report.ReviewNote);
        ReviewWorkflow.Saved(report, Reporter, At.AddHours(2));
        ReviewWorkflow.Submit(report, Reporter, At.AddHours(3));
        ReviewWorkflow.Approve(report, Coordinator, At.AddHours(4), null);

        Assert.Equal((1, null), (report.Version, report.CorrectionNote));
        Assert.Equal(
            [ReportAction.Created, ReportAction.Submitted, ReportAction.Returned, ReportAction.Saved, ReportAction.Submitted, ReportAction.Approved],
            report.Events.Select(e => e.Action));
    }

    [Fact]
    public void A_correction_of_an_approved_report_is_a_new_version_with_a_reason()
    {
        var item = Item();
        var first = ReviewWorkflow.Start(item, July, Reporter, At);
        ReviewWorkflow.Submit(first, Reporter, At);
        ReviewWorkflow.Approve(first, Coordinator, At, null);

        var refused = Assert.Throws<ReviewRuleException>(() => ReviewWorkflow.Start(item, July, Reporter, At.AddDays(1)));
        Assert.Contains("第2版", refused.Message);
        var correction = ReviewWorkflow.Start(item, July, Reporter, At.AddDays(1), "统计口径调整，补报漏计的小区");

        Assert.Equal((2, "统计口径调整，补报漏计的小区", ReviewState.Draft), (correction.Version, correction.CorrectionNote, correction.Review));
        Assert.True(first.IsPublic);
    }

    [Fact]
    public void Another_report_of_a_date_cannot_start_while_one_is_open()
    {
        var item = Item();
        ReviewWorkflow.Start(item, July, Reporter, At);

        var refused = Assert.Throws<ReviewRuleException>(() => ReviewWorkflow.Start(item, July, Reporter, At, "更正"));

        Assert.Contains("请在那份报告上继续", refused.Message);
    }

    [Theory]
    [InlineData(ReviewState.Draft)]
    [InlineData(ReviewState.Returned)]
    [InlineData(ReviewState.Approved)]
    public void Only_a_submitted_report_can_be_approved_or_returned(ReviewState state)
    {
        var report = ReviewWorkflow.Start(Item(), July, Reporter, At);
        if (state != ReviewState.Draft)
        {
            ReviewWorkflow.Submit(report, Reporter, At);
            if (state == ReviewState.Returned)
            {
                ReviewWorkflow.Return(report, Coordinator, At, "请补充");
            }
            else
            {
                ReviewWorkflow.Approve(report, Coordinator, At, null);
            }
        }

        Assert.Throws<ReviewRuleException>(() => ReviewWorkflow.Approve(report, Coordinator, At, null));
        Assert.Throws<ReviewRuleException>(() => ReviewWorkflow.Return(report, Coordinator, At, "理由"));
        Assert.Equal(state, report.Review);
    }

    [Fact]
    public void Submitted_and_approved_reports_cannot_be_edited_or_submitted_again()
    {
        var report = ReviewWorkflow.Start(Item(), July, Reporter, At);
        ReviewWorkflow.Submit(report, Reporter, At);

        Assert.Throws<ReviewRuleException>(() => ReviewWorkflow.Saved(report, Reporter, At));
        Assert.Throws<ReviewRuleException>(() => ReviewWorkflow.Submit(report, Reporter, At));
        ReviewWorkflow.Approve(report, Coordinator, At, null);
        var edit = Assert.Throws<ReviewRuleException>(() => ReviewWorkflow.Saved(report, Reporter, At));
        Assert.Contains("更正版本", edit.Message);
    }

    [Fact]
    public void A_return_needs_a_reason_and_nobody_reviews_their_own_report()
    {
        var report = ReviewWorkflow.Start(Item(), July, Reporter, At);
        ReviewWorkflow.Submit(report, Reporter, At);

        Assert.Throws<ReviewRuleException>(() => ReviewWorkflow.Return(report, Coordinator, At, "  "));
        Assert.Throws<ReviewRuleException>(() => ReviewWorkflow.Approve(report, Reporter, At, null));
        Assert.Equal(ReviewState.Submitted, report.Review);
    }

    [Fact]
    public void Every_step_that_changes_a_report_moves_its_concurrency_token()
    {
        var report = ReviewWorkflow.Start(Item(), July, Reporter, At);
        var revisions = new List<int> { report.Revision };
        ReviewWorkflow.Saved(report, Reporter, At);
        revisions.Add(report.Revision);
        ReviewWorkflow.Submit(report, Reporter, At);
        revisions.Add(report.Revision);
        ReviewWorkflow.Return(report, Coordinator, At, "请补充");
        revisions.Add(report.Revision);

        Assert.Equal(revisions.Count, revisions.Distinct().Count());
    }

    [Fact]
    public void Recorded_reports_follow_the_same_rules()
    {
        var report = new ProgressReport
        {
            Item = Item(), AsOf = July, Version = 2, SubmittedBy = "区住建委", SubmittedAt = At,
            Review = ReviewState.Returned, ReviewedBy = "民心办", ReviewedAt = At.AddDays(-1),
        };

        var problems = ReviewWorkflow.CheckRecorded(report).Select(p => p.Field).ToList();

        Assert.Equal(["correctionNote", "review.note", "review.at"], problems);
    }
}
