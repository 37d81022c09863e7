using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Domain.ReportCards;
using Minxin.Testing;

namespace Minxin.Domain.Tests;

public class ReportCardRulesTests
{
    private static readonly DateOnly March = Dates.Parse("2025-03-31");
    private static readonly DateOnly June = Dates.Parse("2025-06-30");

    private static Programs.LivelihoodProgram TwoItems() => new ProgramBuilder()
        .Category(1, "护苗工程", c => c
            .Item(1, "新增托位100个", i => i
                .Indicator("托位", "个", target: 100)
                .Report("2025-03-31", ItemStatus.InProgress, r => r.Value("托位", 40))
                .Report("2025-06-30", ItemStatus.Completed, r => r.Value("托位", 100)))
            .Item(2, "新建食堂2个", i => i
                .Indicator("食堂", "个", target: 2)))
        .Build();

    [Fact]
    public void Item_status_comes_from_the_latest_approved_report_up_to_the_date()
    {
        var program = TwoItems();
        var item = program.Items.First();

        Assert.Equal(ItemStatus.NotStarted, ReportCardCalculator.StatusAsOf(item, Dates.Parse("2025-03-30")));
        Assert.Equal(ItemStatus.InProgress, ReportCardCalculator.StatusAsOf(item, March));
        Assert.Equal(ItemStatus.InProgress, ReportCardCalculator.StatusAsOf(item, Dates.Parse("2025-06-29")));
        Assert.Equal(ItemStatus.Completed, ReportCardCalculator.StatusAsOf(item, June));
    }

    [Fact]
    public void Card_totals_count_each_status()
    {
        var card = ReportCardCalculator.Compute(TwoItems(), June);

        Assert.Equal(new StatusTotals(2, 1, 0, 1, 0, 0), card.Totals);
        Assert.Equal(new StatusTotals(2, 0, 1, 1, 0, 0), ReportCardCalculator.Compute(TwoItems(), March).Totals);
    }

    [Fact]
    public void A_report_dated_after_the_card_date_never_changes_the_card()
    {
        var program = TwoItems();
        var before = ReportCardCalculator.Compute(program, March);
        var snapshot = Snapshot(before);

        program.Items.Last().Reports.Add(new ProgressReport
        {
            Item = program.Items.Last(),
            AsOf = Dates.Parse("2025-04-01"),
            Status = ItemStatus.Completed,
            SubmittedBy = "后来的报告",
            Review = ReviewState.Approved,
        });

        Assert.Equal(snapshot, Snapshot(ReportCardCalculator.Compute(program, March)));
        Assert.NotEqual(snapshot, Snapshot(ReportCardCalculator.Compute(program, Dates.Parse("2025-04-01"))));
    }

    [Theory]
    [InlineData(ReviewState.Draft)]
    [InlineData(ReviewState.Submitted)]
    [InlineData(ReviewState.Returned)]
    public void Reports_not_approved_are_not_on_the_card(ReviewState state)
    {
        var program = new ProgramBuilder()
            .Category(1, "工程", c => c.Item(1, "子项", i => i
                .Indicator("数", "个", target: 10)
                .Report("2025-06-30", ItemStatus.Completed, r => r.Value("数", 10).Review(state))))
            .Build();

        var item = ReportCardCalculator.Compute(program, June).Items.Single();

        Assert.Equal(ItemStatus.NotStarted, item.Status);
        Assert.Null(item.Indicators.Single().ActualValue);
    }

    [Fact]
    public void A_correction_replaces_the_version_it_corrects()
    {
        var program = new ProgramBuilder()
            .Category(1, "工程", c => c.Item(1, "子项", i => i
                .Indicator("接口", "个", target: 6000)
                .Report("2025-06-30", ItemStatus.InProgress, r => r.Value("接口", 5191))
                .Report("2025-06-30", ItemStatus.InProgress, r => r.Value("接口", 5119).Correction(2, "录入时数字颠倒"))))
            .Build();

        var card = ReportCardCalculator.Compute(program, June).Items.Single();

        Assert.Equal(5119, card.Indicators.Single().ActualValue);
        Assert.Equal(2, card.LatestReport!.Version);
    }

    [Fact]
    public void Percent_is_exact_in_data_and_floored_for_display()
    {
        var program = new ProgramBuilder()
            .Category(1, "工程", c => c.Item(1, "子项", i => i
                .Indicator("接口", "个", target: 6000)
                .Report("2025-06-30", ItemStatus.InProgress, r => r.Value("接口", 5119))))
            .Build();

        var progress = ReportCardCalculator.Compute(program, June).Items.Single().Indicators.Single();

        Assert.Equal(5119m * 100 / 6000, progress.Percent);
        Assert.InRange(progress.Percent!.Value, 85.316m, 85.317m);
        Assert.Equal(85, progress.DisplayPercent);
    }

    [Fact]
    public void The_bar_and_the_prose_give_one_percent_the_computed_one()
    {
        // 6000 target, 5119 reported, and the report itself said 86%: the bar and the text both say 85%.
        var program = new ProgramBuilder()
            .Category(1, "工程", c => c.Item(1, "子项", i => i
                .Indicator("接口", "个", target: 6000)
                .Report("2025-06-30", ItemStatus.InProgress, r => r.Value("接口", 5119, statedPercent: 86).Narrative("完成率{接口%}"))))
            .Build();

        var card = ReportCardCalculator.Compute(program, June).Items.Single();

        Assert.Equal(85, card.Indicators.Single().DisplayPercent);
        Assert.Equal("完成率85%", NarrativeRenderer.PlainText(card.LatestReport!));
    }

    [Fact]
    public void Percent_over_a_hundred_is_shown_as_is()
    {
        var program = new ProgramBuilder()
            .Category(1, "工程", c => c.Item(1, "子项", i => i
                .Indicator("活动", "场", target: 200, comparator: Comparator.Over)
                .Report("2025-06-30", ItemStatus.InProgress, r => r.Value("活动", 217))))
            .Build();

        Assert.Equal(108, ReportCardCalculator.Compute(program, June).Items.Single().Indicators.Single().DisplayPercent);
    }

    [Fact]
    public void Completion_is_never_inferred_from_a_hundred_percent()
    {
        var program = new ProgramBuilder()
            .Category(1, "工程", c => c.Item(1, "子项", i => i
                .Indicator("数", "个", target: 10)
                .Report("2025-06-30", ItemStatus.InProgress, r => r.Value("数", 10))))
            .Build();

        var item = ReportCardCalculator.Compute(program, June).Items.Single();

        Assert.Equal(100, item.Indicators.Single().DisplayPercent);
        Assert.Equal(ItemStatus.InProgress, item.Status);
    }

    [Fact]
    public void A_stated_percent_is_displayed_when_there_is_no_target()
    {
        var program = new ProgramBuilder()
            .Category(1, "工程", c => c.Item(1, "子项", i => i
                .Indicator("路灯", "盏")
                .Report("2025-06-30", ItemStatus.InProgress, r => r.Value("路灯", 10813, statedPercent: 90))))
            .Build();

        var progress = ReportCardCalculator.Compute(program, June).Items.Single().Indicators.Single();

        Assert.Null(progress.Percent);
        Assert.Equal(90, progress.DisplayPercent);
    }

    [Fact]
    public void A_cumulative_figure_is_the_latest_one_with_its_own_period()
    {
        var program = new ProgramBuilder()
            .Category(1, "工程", c => c.Item(1, "子项", i => i
                .Indicator("培训", "人次", target: 14500)
                .Report("2025-03-31", ItemStatus.InProgress, r => r.Value("培训", 1200))
                .Report("2025-06-30", ItemStatus.InProgress, r => r.Value("培训", 2899, period: "2025-01-01/2025-05-31"))))
            .Build();

        var progress = ReportCardCalculator.Compute(program, June).Items.Single().Indicators.Single();

        Assert.Equal(2899, progress.ActualValue);
        Assert.Equal(Dates.Parse("2025-05-31"), progress.ActualPeriod!.Value.To);
        Assert.Equal("1—5月份", progress.ActualPeriod.Value.ToChinese());
        Assert.Equal(19, progress.DisplayPercent);
    }

    [Fact]
    public void Per_period_figures_add_up_and_a_later_report_of_the_same_period_replaces_the_earlier()
    {
        var program = new ProgramBuilder()
            .Category(1, "工程", c => c.Item(1, "子项", i => i
                .Indicator("活动", "场", target: 200, accumulation: Accumulation.PerPeriod)
                .Report("2025-03-31", ItemStatus.InProgress, r => r.Value("活动", 50, period: "2025-01-01/2025-03-31"))
                .Report("2025-04-30", ItemStatus.InProgress, r => r.Value("活动", 30, period: "2025-04-01/2025-04-30"))
                .Report("2025-05-31", ItemStatus.InProgress, r => r.Value("活动", 35, period: "2025-04-01/2025-04-30"))))
            .Build();

        var progress = ReportCardCalculator.Compute(program, June).Items.Single().Indicators.Single();

        Assert.Equal(85, progress.ActualValue);
        Assert.Equal(new Period(Dates.Parse("2025-01-01"), Dates.Parse("2025-04-30")), progress.ActualPeriod);
    }

    [Fact]
    public void A_figure_not_repeated_in_the_latest_report_stays_from_an_earlier_one()
    {
        var program = new ProgramBuilder()
            .Category(1, "工程", c => c.Item(1, "子项", i => i
                .Indicator("农田", "亩", target: 3700)
                .Report("2025-05-31", ItemStatus.InProgress, r => r.Value("农田", 3000))
                .Report("2025-06-30", ItemStatus.InProgress)))
            .Build();

        var progress = ReportCardCalculator.Compute(program, June).Items.Single().Indicators.Single();

        Assert.Equal(3000, progress.ActualValue);
        Assert.Equal(Dates.Parse("2025-05-31"), progress.Report!.AsOf);
    }

    [Fact]
    public void Days_since_last_update_count_from_the_latest_report_to_the_card_date()
    {
        var item = ReportCardCalculator.Compute(TwoItems(), Dates.Parse("2025-04-30")).Items.ToList();

        Assert.Equal(30, item[0].DaysSinceLastUpdate);
        Assert.Null(item[1].DaysSinceLastUpdate);
    }

    [Fact]
    public void Sites_show_their_latest_phase()
    {
        var program = new ProgramBuilder()
            .Category(1, "工程", c => c.Item(1, "子项", i => i
                .Site("幼儿园")
                .Report("2025-05-31", ItemStatus.InProgress, r => r.Site("幼儿园", SitePhase.Construction))
                .Report("2025-06-30", ItemStatus.InProgress, r => r.Site("幼儿园", SitePhase.ToppedOut, "2025-09"))))
            .Build();

        var site = ReportCardCalculator.Compute(program, June).Items.Single().Sites.Single();

        Assert.Equal(SitePhase.ToppedOut, site.Latest!.Phase);
        Assert.Equal("9月份", site.Latest.ExpectedCompletion!.Value.ToChinese());
        Assert.Equal(SitePhase.Construction, ReportCardCalculator.Compute(program, Dates.Parse("2025-06-29")).Items.Single().Sites.Single().Latest!.Phase);
    }

    [Fact]
    public void The_latest_report_date_is_the_default_card_date()
    {
        Assert.Equal(June, ReportCardCalculator.LatestReportDate(TwoItems()));
        Assert.Equal(Dates.Parse("2025-01-01"), ReportCardCalculator.LatestReportDate(new ProgramBuilder().Build()));
    }

    private static string Snapshot(ReportCard card) => string.Join("|", card.Items.Select(i =>
        $"{i.Item.Code}:{i.Status}:{string.Join(",", i.Indicators.Select(p => p.ActualValue))}:{i.LatestReport?.AsOf}")) + card.Totals;
}
