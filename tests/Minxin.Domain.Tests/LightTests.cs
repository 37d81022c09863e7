using Minxin.Domain.Oversight;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.ReportCards;
using Minxin.Testing;

namespace Minxin.Domain.Tests;

public class LightTests
{
    private static readonly DateOnly June = Dates.Parse("2025-06-30");

    // 2025-06-30 is day 181 of the plan; a deadline of 2025-12-28 (day 362) makes 序时进度 exactly 50 %.
    private static readonly DateOnly HalfwayDeadline = Dates.Parse("2025-12-28");

    private static ItemCard Card(Action<ItemBuilder> build, DateOnly? deadline = null, DateOnly? asOf = null)
    {
        var program = new ProgramBuilder().Category(1, "宜居工程", c => c.Item(1, "改造老旧小区100个", build)).Build();
        program.Items.Single().Deadline = deadline ?? HalfwayDeadline;
        return ReportCardCalculator.ItemAsOf(program.Items.Single(), asOf ?? June);
    }

    private static ItemLight LightOf(Action<ItemBuilder> build, LightRule? rule = null, DateOnly? deadline = null, DateOnly? asOf = null) =>
        Lights.For(Card(build, deadline, asOf), asOf ?? June, rule ?? LightRule.Default);

    private static ItemLight OneIndicator(decimal value, ItemStatus status = ItemStatus.InProgress, LightRule? rule = null, DateOnly? deadline = null) =>
        LightOf(i => i.Indicator("小区", "个", target: 1000).Report("2025-06-30", status, r => r.Value("小区", value)), rule, deadline);

    [Theory]
    [InlineData(LightColor.Green, "green", "绿灯")]
    [InlineData(LightColor.Yellow, "yellow", "黄灯")]
    [InlineData(LightColor.Red, "red", "红灯")]
    [InlineData(LightColor.Completed, "completed", "已完成")]
    [InlineData(LightColor.None, "none", "无数据")]
    public void Each_colour_has_its_api_code_and_its_words(LightColor color, string code, string chinese)
    {
        Assert.Equal(code, color.Code());
        Assert.Equal(chinese, color.ToChinese());
    }

    [Theory]
    [InlineData(850, LightColor.Green, "进度85%，序时进度50%，快于序时35个百分点：绿灯")]
    [InlineData(500, LightColor.Green, "进度50%，序时进度50%，与序时持平：绿灯")]
    [InlineData(400, LightColor.Green, "进度40%，序时进度50%，慢于序时10个百分点：绿灯")]
    [InlineData(395, LightColor.Yellow, "进度39%，序时进度50%，慢于序时11个百分点：黄灯")]
    [InlineData(200, LightColor.Yellow, "进度20%，序时进度50%，慢于序时30个百分点：黄灯")]
    [InlineData(190, LightColor.Red, "进度19%，序时进度50%，慢于序时31个百分点：红灯")]
    [InlineData(150, LightColor.Red, "进度15%，序时进度50%，慢于序时35个百分点：红灯")]
    public void The_gap_to_schedule_decides_the_colour_at_each_boundary(decimal value, LightColor color, string reason)
    {
        var light = OneIndicator(value);

        Assert.Equal(color, light.Color);
        Assert.Equal(reason, light.Reason);
        Assert.Equal(50, light.Scheduled);
        Assert.Equal(light.Progress - light.Scheduled, light.Gap);
    }

    [Fact]
    public void Ten_and_a_half_points_behind_is_yellow_and_the_sentence_states_the_shown_figures()
    {
        // 39.5 % against 50 %: exactly 10.5 points behind; shown as 39 % and 50 %, 11 points.
        var light = OneIndicator(395);

        Assert.Equal(LightColor.Yellow, light.Color);
        Assert.Equal(39, light.Progress);
        Assert.Equal(-11, light.Gap);
    }

    [Fact]
    public void The_colour_is_decided_on_the_shown_percents_so_the_sentence_and_the_rule_agree()
    {
        // Program's year end: 序时进度 181/365 = 49.59 %, shown 49 %. 39.5 % is exactly 10.09 points behind but shown
        // as 39 %, 10 points: green, as the sentence and the published rule say.
        var light = OneIndicator(395, deadline: new DateOnly(2025, 12, 31));

        Assert.Equal(LightColor.Green, light.Color);
        Assert.Equal("进度39%，序时进度49%，慢于序时10个百分点：绿灯", light.Reason);
    }

    [Fact]
    public void A_coordinators_thresholds_move_the_boundaries()
    {
        var strict = new LightRule { Version = 2, GreenWithinPoints = 5, YellowWithinPoints = 15 };

        Assert.Equal(LightColor.Yellow, OneIndicator(440, rule: strict).Color);
        Assert.Equal(LightColor.Red, OneIndicator(340, rule: strict).Color);
        Assert.Equal(2, OneIndicator(440, rule: strict).RuleVersion);
        Assert.Equal(1, OneIndicator(440).RuleVersion);
    }

    [Fact]
    public void Past_its_deadline_and_not_completed_is_red_whatever_the_figures()
    {
        var light = OneIndicator(900, deadline: Dates.Parse("2025-06-15"));

        Assert.Equal(LightColor.Red, light.Color);
        Assert.Equal("已过完成时限（2025年6月15日）仍未完成：红灯", light.Reason);
        Assert.Equal(Dates.Parse("2025-06-15"), light.Deadline);
        Assert.Equal(90, light.Progress);
        Assert.Equal(100, light.Scheduled);
    }

    [Fact]
    public void On_its_deadline_day_an_item_is_judged_by_its_figures_against_a_full_schedule()
    {
        var light = OneIndicator(950, deadline: June);

        Assert.Equal(LightColor.Green, light.Color);
        Assert.Equal("进度95%，序时进度100%，慢于序时5个百分点：绿灯", light.Reason);
    }

    [Fact]
    public void Without_red_past_deadline_a_late_item_is_judged_by_its_figures()
    {
        var light = OneIndicator(950, rule: new LightRule { RedWhenPastDeadline = false }, deadline: Dates.Parse("2025-06-15"));

        Assert.Equal(LightColor.Green, light.Color);
        Assert.Equal("进度95%，序时进度100%，慢于序时5个百分点：绿灯", light.Reason);
    }

    [Fact]
    public void An_item_without_its_own_deadline_is_due_on_the_programs_last_day()
    {
        var program = new ProgramBuilder().Category(1, "工程", c => c.Item(1, "子项", i => i
            .Indicator("数", "个", target: 10)
            .Report("2025-06-30", ItemStatus.InProgress, r => r.Value("数", 9)))).Build();
        var asOf = Dates.Parse("2026-01-05");

        var light = Lights.For(ReportCardCalculator.ItemAsOf(program.Items.Single(), asOf), asOf, LightRule.Default);

        Assert.Equal(new DateOnly(2025, 12, 31), light.Deadline);
        Assert.Equal("已过完成时限（2025年12月31日）仍未完成：红灯", light.Reason);
    }

    [Fact]
    public void Past_its_deadline_with_nothing_reported_is_red()
    {
        var light = LightOf(i => i.Indicator("小区", "个", target: 1000), deadline: Dates.Parse("2025-05-31"));

        Assert.Equal(LightColor.Red, light.Color);
        Assert.Null(light.Progress);
    }

    [Fact]
    public void A_completed_item_is_completed_even_past_its_deadline_and_below_target()
    {
        var light = OneIndicator(100, ItemStatus.Completed, deadline: Dates.Parse("2025-03-31"));

        Assert.Equal(LightColor.Completed, light.Color);
        Assert.Equal("已完成", light.Reason);
    }

    [Fact]
    public void A_cancelled_item_has_no_light()
    {
        var light = OneIndicator(100, ItemStatus.Cancelled, deadline: Dates.Parse("2025-03-31"));

        Assert.Equal(LightColor.None, light.Color);
        Assert.Equal("子项已取消：无数据", light.Reason);
    }

    [Fact]
    public void An_item_with_no_report_has_no_data()
    {
        var light = LightOf(i => i.Indicator("小区", "个", target: 1000));

        Assert.Equal(LightColor.None, light.Color);
        Assert.Equal("尚无进度数据：无数据", light.Reason);
        Assert.Null(light.Progress);
        Assert.Null(light.Gap);
    }

    [Fact]
    public void Figures_without_a_target_and_no_sites_give_no_data()
    {
        var light = LightOf(i => i
            .Indicator("小区", "个", target: 1000)
            .Indicator("宣传", "场")
            .Report("2025-06-30", ItemStatus.InProgress, r => r.Value("宣传", 94, statedPercent: 90)));

        Assert.Equal(LightColor.None, light.Color);
        Assert.Equal("尚无可对照序时进度的进度数据：无数据", light.Reason);
    }

    private static Action<ItemBuilder> TwoTargets(decimal estates, decimal lifts) => i => i
        .Indicator("小区", "个", target: 100, name: "改造老旧小区")
        .Indicator("电梯", "部", target: 10, name: "加装电梯")
        .Report("2025-06-30", ItemStatus.InProgress, r => r.Value("小区", estates).Value("电梯", lifts));

    [Fact]
    public void With_several_targets_the_furthest_behind_decides_and_is_named()
    {
        var light = LightOf(TwoTargets(35, 9));

        Assert.Equal(LightColor.Yellow, light.Color);
        Assert.Equal("改造老旧小区进度35%，序时进度50%，慢于序时15个百分点：黄灯", light.Reason);
        Assert.Equal("改造老旧小区", light.DecidingIndicator?.Name);
    }

    [Fact]
    public void With_averaging_the_indicators_mean_decides()
    {
        var light = LightOf(TwoTargets(35, 9), new LightRule { Aggregation = IndicatorAggregation.Average });

        // (35 + 90) / 2 = 62.5, shown 62.
        Assert.Equal(LightColor.Green, light.Color);
        Assert.Equal("2项指标平均进度62%，序时进度50%，快于序时12个百分点：绿灯", light.Reason);
        Assert.Null(light.DecidingIndicator);
    }

    [Fact]
    public void Averaging_caps_each_indicator_at_100_so_an_overshoot_cannot_hide_a_laggard()
    {
        // 10 % and 300 %: uncapped the mean would be 155 %; capped it is 55 %.
        var light = LightOf(TwoTargets(10, 30), new LightRule { Aggregation = IndicatorAggregation.Average });

        Assert.Equal(55, light.Progress);
        Assert.Equal(LightColor.Green, light.Color);
    }

    [Fact]
    public void A_target_nobody_has_reported_on_is_left_out()
    {
        var light = LightOf(i => i
            .Indicator("小区", "个", target: 100, name: "改造老旧小区")
            .Indicator("电梯", "部", target: 10, name: "加装电梯")
            .Report("2025-06-30", ItemStatus.InProgress, r => r.Value("电梯", 9)));

        Assert.Equal("加装电梯进度90%，序时进度50%，快于序时40个百分点：绿灯", light.Reason);
    }

    [Fact]
    public void Over_100_percent_is_stated_as_it_is()
    {
        var light = OneIndicator(1200);

        Assert.Equal(LightColor.Green, light.Color);
        Assert.Equal("进度120%，序时进度50%，快于序时70个百分点：绿灯", light.Reason);
    }

    private static Action<ItemBuilder> FourSites(params SitePhase?[] phases) => i =>
    {
        for (var n = 0; n < phases.Length; n++)
        {
            i.Site($"点位{n + 1}");
        }
        i.Report("2025-06-30", ItemStatus.InProgress, r =>
        {
            for (var n = 0; n < phases.Length; n++)
            {
                if (phases[n] is { } phase)
                {
                    r.Site($"点位{n + 1}", phase);
                }
            }
        });
    };

    [Fact]
    public void Without_targets_the_sites_phases_are_the_progress()
    {
        // 形象进度: 完工 and 投入使用 100, 装修安装 80, a site not reported on 0: (100 + 100 + 80 + 0) / 4 = 70.
        var light = LightOf(FourSites(SitePhase.Completed, SitePhase.InService, SitePhase.FitOut, null));

        Assert.Equal(LightColor.Green, light.Color);
        Assert.Equal("4个点位按建设阶段折算（2个已完工），进度70%，序时进度50%，快于序时20个百分点：绿灯", light.Reason);
    }

    [Fact]
    public void Sites_mostly_unbuilt_are_behind_schedule()
    {
        var light = LightOf(FourSites(SitePhase.Construction, SitePhase.Tendering, SitePhase.Design, null));

        Assert.Equal(LightColor.Yellow, light.Color);
        Assert.Equal("4个点位按建设阶段折算（0个已完工），进度22%，序时进度50%，慢于序时28个百分点：黄灯", light.Reason);
    }

    [Fact]
    public void A_report_of_delay_makes_a_green_item_yellow()
    {
        var light = OneIndicator(800, ItemStatus.Delayed);

        Assert.Equal(LightColor.Yellow, light.Color);
        Assert.Equal("进度80%，序时进度50%，快于序时30个百分点，但报告称进度滞后：黄灯", light.Reason);
    }

    [Fact]
    public void A_report_of_delay_leaves_a_red_item_red()
    {
        Assert.Equal(LightColor.Red, OneIndicator(100, ItemStatus.Delayed).Color);
    }

    [Fact]
    public void A_report_of_delay_without_figures_is_yellow()
    {
        var light = LightOf(i => i.Report("2025-06-30", ItemStatus.Delayed));

        Assert.Equal(LightColor.Yellow, light.Color);
        Assert.Equal("尚无可对照的进度数据，但报告称进度滞后：黄灯", light.Reason);
    }

    [Fact]
    public void A_report_of_not_started_counts_as_no_progress()
    {
        var june = LightOf(i => i.Indicator("小区", "个", target: 1000).Report("2025-06-30", ItemStatus.NotStarted));
        var january = LightOf(i => i.Indicator("小区", "个", target: 1000).Report("2025-01-10", ItemStatus.NotStarted),
            asOf: Dates.Parse("2025-01-10"));

        Assert.Equal("尚未开工，进度0%，序时进度50%，慢于序时50个百分点：红灯", june.Reason);
        // 10/362 of the plan elapsed, shown 2 %.
        Assert.Equal("尚未开工，进度0%，序时进度2%，慢于序时2个百分点：绿灯", january.Reason);
    }

    [Fact]
    public void An_override_shows_the_coordinators_colour_and_keeps_the_computed_inputs()
    {
        var computed = OneIndicator(850);
        var at = new DateTimeOffset(2025, 7, 2, 9, 30, 0, TimeSpan.FromHours(8));

        var light = Lights.Overridden(computed, LightColor.Yellow, "现场核查发现部分点位未开工", "民心办 张丽", at);

        Assert.True(light.IsOverridden);
        Assert.False(computed.IsOverridden);
        Assert.Equal(LightColor.Yellow, light.Color);
        Assert.Equal(LightColor.Green, light.RuleColor);
        Assert.Equal("人工调整为黄灯（原因：现场核查发现部分点位未开工）；按规则为绿灯：进度85%，序时进度50%，快于序时35个百分点：绿灯",
            light.Reason);
        Assert.Equal(new LightOverride(LightColor.Yellow, "现场核查发现部分点位未开工", "民心办 张丽", at), light.Override);
        Assert.Equal((computed.Progress, computed.Scheduled, computed.Gap, computed.RuleVersion),
            (light.Progress, light.Scheduled, light.Gap, light.RuleVersion));
    }

    [Fact]
    public void A_second_override_replaces_the_first()
    {
        var at = DateTimeOffset.UnixEpoch;
        var once = Lights.Overridden(OneIndicator(850), LightColor.Red, "原因一", "甲", at);

        var twice = Lights.Overridden(once, LightColor.Yellow, "原因二", "乙", at);

        Assert.Equal("人工调整为黄灯（原因：原因二）；按规则为绿灯：进度85%，序时进度50%，快于序时35个百分点：绿灯", twice.Reason);
    }

    [Theory]
    [InlineData("", "民心办")]
    [InlineData("  ", "民心办")]
    [InlineData("核查", "")]
    public void An_override_needs_a_reason_and_a_name(string reason, string by) =>
        Assert.ThrowsAny<ArgumentException>(() => Lights.Overridden(OneIndicator(850), LightColor.Red, reason, by, DateTimeOffset.UnixEpoch));

    [Fact]
    public void The_default_rule_is_valid_and_as_published()
    {
        Assert.Empty(LightRule.Default.Check());
        Assert.Equal((1, 10, 30, true, IndicatorAggregation.FurthestBehind),
            (LightRule.Default.Version, LightRule.Default.GreenWithinPoints, LightRule.Default.YellowWithinPoints,
             LightRule.Default.RedWhenPastDeadline, LightRule.Default.Aggregation));
    }

    [Theory]
    [InlineData(1, -1, 30, "greenWithinPoints")]
    [InlineData(1, 10, 101, "yellowWithinPoints")]
    [InlineData(1, 40, 30, "yellowWithinPoints")]
    [InlineData(0, 10, 30, "version")]
    public void An_edit_out_of_range_is_refused_naming_the_field(int version, int green, int yellow, string field)
    {
        var problems = new LightRule { Version = version, GreenWithinPoints = green, YellowWithinPoints = yellow }.Check();

        Assert.Contains(problems, p => p.Field == field && p.Message.Length > 0);
    }

    [Fact]
    public void Equal_green_and_yellow_bounds_are_allowed_and_leave_no_yellow_band()
    {
        var rule = new LightRule { GreenWithinPoints = 20, YellowWithinPoints = 20 };

        Assert.Empty(rule.Check());
        Assert.DoesNotContain("个百分点：黄灯", rule.Describe());
        Assert.Equal(LightColor.Red, OneIndicator(290, rule: rule).Color);
    }

    [Fact]
    public void An_unknown_aggregation_is_refused() =>
        Assert.Contains(new LightRule { Aggregation = (IndicatorAggregation)7 }.Check(), p => p.Field == "aggregation");

    [Fact]
    public void The_rule_describes_itself_for_the_public_page()
    {
        Assert.Equal(
            "进度不低于序时进度减10个百分点：绿灯。落后序时进度10至30个百分点：黄灯。落后超过30个百分点，或已过完成时限仍未完成：红灯。"
            + "有多个目标值的子项，按落后最多的指标计。没有目标值的子项，按各点位的建设阶段折算进度（规划0%、设计10%、审批20%、招标30%、施工50%、主体完工70%、装修80%、验收90%、完工或投入使用100%）。报告称进度滞后的子项，至少为黄灯。"
            + "已完成的子项单独标示。尚无进度数据：无数据。",
            LightRule.Default.Describe());
        var edited = new LightRule { Version = 3, GreenWithinPoints = 5, YellowWithinPoints = 20, RedWhenPastDeadline = false, Aggregation = IndicatorAggregation.Average };
        Assert.Contains("进度不低于序时进度减5个百分点：绿灯。落后序时进度5至20个百分点：黄灯。落后超过20个百分点：红灯。", edited.Describe());
        Assert.Contains("平均进度", edited.Describe());
        Assert.DoesNotContain("时限", edited.Describe());
    }

    [Fact]
    public void The_rule_has_a_one_line_summary_with_its_version()
    {
        Assert.Equal("第1版：与序时进度相比，落后不超过10个百分点为绿灯，落后不超过30个百分点为黄灯，落后超过30个百分点或逾期未完成为红灯（多指标按落后最多的计）",
            LightRule.Default.Summary);
        Assert.DoesNotContain('\n', LightRule.Default.Summary);
    }

    // The 2025 津南 card as of 2025-06-30. No item has its own deadline, so 序时进度 is 181/365 = 49.59 %, shown 49 %.
    private static readonly LivelihoodProgram Jinnan = ProgramFileReader.Read(Repository.JinnanProgramFile).ProgramOrThrow();

    private static IReadOnlyList<(ItemCard Item, ItemLight Light)> JinnanLights() =>
        Lights.For(ReportCardCalculator.Compute(Jinnan, June), LightRule.Default);

    private static ItemLight JinnanLight(string code) => JinnanLights().Single(l => l.Item.Item.Code == code).Light;

    [Fact]
    public void Every_item_of_the_Jinnan_half_year_card_has_a_light_and_a_reason()
    {
        var lights = JinnanLights();

        Assert.Equal(26, lights.Count);
        Assert.All(lights, l => Assert.False(string.IsNullOrWhiteSpace(l.Light.Reason)));
        Assert.All(lights, l => Assert.Equal(1, l.Light.RuleVersion));
        Assert.Equal(
            lights.Where(l => l.Item.Status == ItemStatus.Completed).Select(l => l.Item.Item.Code),
            lights.Where(l => l.Light.Color == LightColor.Completed).Select(l => l.Item.Item.Code));
        Assert.Equal(["01-3", "02-3", "04-1", "10-2"], lights.Where(l => l.Light.Color == LightColor.Completed).Select(l => l.Item.Item.Code));
    }

    [Fact]
    public void Jinnan_charging_ports_5119_of_6000_are_ahead_of_schedule()
    {
        // 5119/6000 = 85.3 %, shown 85; 85 − 49 = 36 points ahead.
        var light = JinnanLight("07-1");

        Assert.Equal(LightColor.Green, light.Color);
        Assert.Equal("进度85%，序时进度49%，快于序时36个百分点：绿灯", light.Reason);
    }

    [Fact]
    public void Jinnan_skills_training_2899_of_14500_is_yellow_on_the_boundary()
    {
        // 2899/14500 = 19.99 %, shown 19; 19 − 49 = −30: the last point of yellow.
        var light = JinnanLight("10-1");

        Assert.Equal(LightColor.Yellow, light.Color);
        Assert.Equal("进度19%，序时进度49%，慢于序时30个百分点：黄灯", light.Reason);
    }

    [Fact]
    public void Jinnan_fitness_events_14_of_15_are_green()
    {
        // 14/15 = 93.3 %, shown 93; 44 points ahead.
        Assert.Equal("进度93%，序时进度49%，快于序时44个百分点：绿灯", JinnanLight("09-2").Reason);
    }

    [Fact]
    public void Jinnan_clinics_are_lit_by_the_one_targeted_indicator_reported()
    {
        // 中医馆 (12) has no figure; 慢病管理中心 15 of 15 is 100 %.
        var light = JinnanLight("02-1");

        Assert.Equal("紧密型医共体总院、分院慢病管理中心进度100%，序时进度49%，快于序时51个百分点：绿灯", light.Reason);
        Assert.Equal("慢病管理中心", light.DecidingIndicator?.Key);
    }

    [Fact]
    public void Jinnan_items_without_targets_are_lit_by_their_sites()
    {
        // 05-2: 北营路特色商街 in service; the other three in fit-out or construction.
        Assert.Equal("4个点位按建设阶段折算（1个已完工），进度77%，序时进度49%，快于序时28个百分点：绿灯", JinnanLight("05-2").Reason);
        // 08-2: 盛塘北路, 昌盛路, 天山路 in service; 东马路, 东环路 under construction.
        Assert.Equal("5个点位按建设阶段折算（3个已完工），进度80%，序时进度49%，快于序时31个百分点：绿灯", JinnanLight("08-2").Reason);
        // 02-2: the lab building is built.
        Assert.Equal(LightColor.Green, JinnanLight("02-2").Color);
        // 06-2: the resettlement housing is still in acceptance.
        Assert.Equal("1个点位按建设阶段折算（0个已完工），进度90%，序时进度49%，快于序时41个百分点：绿灯", JinnanLight("06-2").Reason);
    }

    [Fact]
    public void Jinnan_items_with_figures_but_nothing_to_compare_have_no_light()
    {
        // 03-1 reports insured people and children served, with no target and no sites.
        var light = JinnanLight("03-1");

        Assert.Equal(LightColor.None, light.Color);
        Assert.Equal("尚无可对照序时进度的进度数据：无数据", light.Reason);
    }

    [Fact]
    public void Jinnan_half_year_lights_count()
    {
        var counts = JinnanLights().GroupBy(l => l.Light.Color).ToDictionary(g => g.Key, g => g.Count());

        // Green 01-1 01-2 02-1 02-2 05-1 05-2 06-2 06-3 07-1 07-2 08-2 09-2 (sites by their phases, indicators ahead);
        // yellow 08-1 (sites 35 %) and 10-1 (19 %, exactly 30 behind); none red at midyear; none the other 8.
        Assert.Equal(12, counts[LightColor.Green]);
        Assert.Equal(2, counts[LightColor.Yellow]);
        Assert.False(counts.ContainsKey(LightColor.Red));
        Assert.Equal(4, counts[LightColor.Completed]);
        Assert.Equal(8, counts[LightColor.None]);
    }
}
