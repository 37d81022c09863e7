using Minxin.Domain.Editions;
using Minxin.Domain.Programs;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Progress;
using Minxin.Domain.ReportCards;
using Minxin.Testing;

namespace Minxin.Domain.Tests;

/// <summary>较上期: what changed between the June edition of 津南 2025 and a July edition, each loaded on its own.</summary>
public class EditionChangeTests
{
    private static readonly DateOnly June = Dates.Parse("2025-06-30");
    private static readonly DateOnly July = Dates.Parse("2025-07-31");

    private const string SlipReason = "电力管网接入手续延后";
    private const string CorrectionReason = "复核测量，村口道路约130米";

    // Each edition is its own frozen copy of the program, as when two published editions are deserialized.
    private static LivelihoodProgram LoadJinnan() => ProgramFileReader.Read(Repository.JinnanProgramFile).ProgramOrThrow();

    private static Item ItemOf(LivelihoodProgram program, string code) => program.Items.Single(i => i.Code == code);

    /// <summary>The June card as published, and a July card: the file loaded again plus a month of reports and plan edits.</summary>
    private static (ReportCard June, ReportCard July) JuneAndJuly()
    {
        var june = ReportCardCalculator.Compute(LoadJinnan(), June);
        var program = LoadJinnan();

        new ItemBuilder(ItemOf(program, "02-1")).Report("2025-07-31", ItemStatus.Completed, r => r
            .Value("中医馆", 12).Value("随访服务", 300000));
        var villageRoad = ItemOf(program, "05-1");
        villageRoad.Reports.Add(Corrections.Of(villageRoad.Reports.Single(), CorrectionReason,
            v => v.Indicator.Key == "村口道路" ? 130 : v.Value));
        new ItemBuilder(ItemOf(program, "06-2")).Report("2025-07-31", ItemStatus.InProgress, r => r
            .Expected("2025-10", SlipReason)
            .Site("白万路东地块安置房", SitePhase.Acceptance, "2025-10"));
        new ItemBuilder(ItemOf(program, "07-1")).Report("2025-07-31", ItemStatus.InProgress, r => r.Value("充电接口", 5600));
        new ItemBuilder(ItemOf(program, "07-2")).Report("2025-07-31", ItemStatus.InProgress, r => r
            .Value("充电桩", 200)
            .Site("选址充电桩", SitePhase.Construction, "2025-08-31"));
        var roads = ItemOf(program, "08-2");
        roads.Sites.Add(new Site { Item = roads, Key = "津港公路辅路", Name = "津港公路辅路", Position = roads.Sites.Count });
        ItemOf(program, "10-3").Indicators.Single().Target = 4000;

        return (june, ReportCardCalculator.Compute(program, July));
    }

    private static IReadOnlyList<EditionChange> Changes() => JulyChanges().All;

    private static EditionChanges JulyChanges()
    {
        var (june, july) = JuneAndJuly();
        return EditionChanges.Between(june, july);
    }

    [Theory]
    [InlineData(EditionChangeKind.Completed, "completed")]
    [InlineData(EditionChangeKind.Rose, "rose")]
    [InlineData(EditionChangeKind.Fell, "fell")]
    [InlineData(EditionChangeKind.TargetRevised, "targetRevised")]
    [InlineData(EditionChangeKind.DateMoved, "dateMoved")]
    [InlineData(EditionChangeKind.NewSite, "newSite")]
    [InlineData(EditionChangeKind.NoNewReport, "noNewReport")]
    public void Kinds_have_the_API_codes(EditionChangeKind kind, string code)
    {
        Assert.Equal(code, kind.Code());
        Assert.True(EditionChangeKinds.TryParse(code, out var parsed));
        Assert.Equal(kind, parsed);
    }

    [Fact]
    public void The_first_edition_has_no_changes_and_says_it_is_the_first()
    {
        var june = ReportCardCalculator.Compute(LoadJinnan(), June);

        Assert.Empty(EditionComparison.Compare(null, june));
        var changes = EditionChanges.Between(null, june);
        Assert.True(changes.IsFirstEdition);
        Assert.Null(changes.PreviousAsOf);
        Assert.Empty(changes.All);
        Assert.Empty(changes.ForItem("07-1"));
        Assert.Equal(EditionSummary.FirstEditionSentence, changes.Summary.Sentence);
        Assert.Equal("本期为首期成绩单，暂无上期可比", changes.Summary.Sentence);
    }

    [Fact]
    public void The_same_edition_loaded_twice_matches_every_item_indicator_and_site_and_only_has_no_new_reports()
    {
        var first = ReportCardCalculator.Compute(LoadJinnan(), June);
        var second = ReportCardCalculator.Compute(LoadJinnan(), June);
        Assert.NotSame(first.Program, second.Program);

        var changes = EditionComparison.Compare(first, second);

        Assert.Equal(26, changes.Count);
        Assert.All(changes, c => Assert.Equal(EditionChangeKind.NoNewReport, c.Kind));
        Assert.Equal(first.Items.Select(i => i.Item.Code), changes.Select(c => c.ItemCode));
        Assert.Equal("较上期：26项本期无新报送", EditionChanges.Between(first, second).Summary.Sentence);
    }

    [Fact]
    public void A_later_date_without_new_reports_changes_nothing_but_says_so()
    {
        var program = LoadJinnan();
        var changes = EditionChanges.Between(ReportCardCalculator.Compute(LoadJinnan(), June), ReportCardCalculator.Compute(program, July));

        Assert.Equal("较上期：26项本期无新报送", changes.Summary.Sentence);
    }

    [Fact]
    public void The_July_summary_counts_items_in_the_fixed_order()
    {
        var summary = JulyChanges().Summary;

        Assert.Equal("较上期：新完成1项，3项进度提高，1项数据下降，1项目标调整，1项预计时间推迟，1项预计时间提前，新增1个点位，21项本期无新报送",
            summary.Sentence);
        Assert.Equal(4, summary.Changes(EditionChangeKind.Rose));
        Assert.Equal(3, summary.Items(EditionChangeKind.Rose));
        Assert.Equal(3, summary.Changes(EditionChangeKind.DateMoved));
        Assert.Equal(1, summary.DelayedItems);
        Assert.Equal(1, summary.AdvancedItems);
        Assert.Equal(1, summary.NewSites);
        Assert.Equal(21, summary.ItemCounts[EditionChangeKind.NoNewReport]);
        Assert.Equal(7, summary.ItemCounts.Count);
    }

    [Fact]
    public void Changes_follow_the_card_order_of_items()
    {
        var codes = Changes().Where(c => c.Kind != EditionChangeKind.NoNewReport).Select(c => c.ItemCode).Distinct();

        Assert.Equal(["02-1", "05-1", "06-2", "07-1", "07-2", "08-2", "10-3"], codes);
    }

    [Fact]
    public void An_item_completed_this_edition_is_marked_completed_first()
    {
        var changes = JulyChanges();

        var item = changes.ForItem("02-1");
        Assert.Equal(EditionChangeKind.Completed, item[0].Kind);
        Assert.Equal("本期新完成", item[0].Sentence);
        Assert.Equal([EditionChangeKind.Completed, EditionChangeKind.Rose], changes.KindsFor("02-1"));
    }

    [Fact]
    public void Items_completed_before_are_not_completed_again()
    {
        var completed = Changes().Where(c => c.Kind == EditionChangeKind.Completed).Select(c => c.ItemCode);

        Assert.Equal(["02-1"], completed);
    }

    [Fact]
    public void A_figure_that_rose_gives_values_percents_and_the_rise()
    {
        var ports = Changes().Single(c => c.IndicatorKey == "充电接口");

        Assert.Equal(EditionChangeKind.Rose, ports.Kind);
        Assert.Equal("07-1", ports.ItemCode);
        Assert.Equal("既有住宅小区新增电动自行车充电接口", ports.IndicatorName);
        Assert.Equal(5119, ports.FromValue);
        Assert.Equal(5600, ports.ToValue);
        Assert.Equal(85, ports.FromPercent);
        Assert.Equal(93, ports.ToPercent);
        Assert.Null(ports.Reason);
        Assert.Equal("既有住宅小区新增电动自行车充电接口：5119个 → 5600个（85% → 93%），提高481个", ports.Sentence);
    }

    [Fact]
    public void A_figure_without_a_target_rises_without_percents_and_is_written_with_wan()
    {
        var visits = Changes().Single(c => c.IndicatorKey == "随访服务");

        Assert.Equal(EditionChangeKind.Rose, visits.Kind);
        Assert.Null(visits.FromPercent);
        Assert.Null(visits.ToPercent);
        Assert.Equal("累计提供随访服务：27.91万人次 → 30万人次，提高2.09万人次", visits.Sentence);
    }

    [Fact]
    public void A_first_figure_is_a_rise_from_nothing()
    {
        var chargers = Changes().Single(c => c.IndicatorKey == "充电桩");

        Assert.Equal(EditionChangeKind.Rose, chargers.Kind);
        Assert.Null(chargers.FromValue);
        Assert.Equal(200, chargers.ToValue);
        Assert.Equal(37, chargers.ToPercent);
        Assert.Equal("新增电动汽车充电桩：首次报送200个（37%）", chargers.Sentence);
    }

    [Fact]
    public void A_corrected_figure_that_fell_is_flagged_with_the_correction_note()
    {
        var road = Changes().Single(c => c.ItemCode == "05-1");

        Assert.Equal(EditionChangeKind.Fell, road.Kind);
        Assert.Equal("村口道路", road.IndicatorKey);
        Assert.Equal(137, road.FromValue);
        Assert.Equal(130, road.ToValue);
        Assert.Equal(CorrectionReason, road.Reason);
        Assert.Equal($"孙庄子村新建村口道路：137米 → 130米，下降7米（原因：{CorrectionReason}）", road.Sentence);
    }

    [Fact]
    public void A_figure_that_fell_in_a_plain_report_has_no_reason()
    {
        var program = new ProgramBuilder()
            .Category(1, "测试工程", c => c.Item(1, "新增托位100个", i => i
                .Indicator("托位", "个", target: 100, name: "托位")
                .Report("2025-06-30", ItemStatus.InProgress, r => r.Value("托位", 60))
                .Report("2025-07-31", ItemStatus.InProgress, r => r.Value("托位", 55).Narrative("统计口径调整"))))
            .Build();

        var fell = Assert.Single(EditionComparison.Compare(ReportCardCalculator.Compute(program, June), ReportCardCalculator.Compute(program, July)));

        Assert.Equal(EditionChangeKind.Fell, fell.Kind);
        Assert.Null(fell.Reason);
        Assert.Equal("托位：60个 → 55个（60% → 55%），下降5个", fell.Sentence);
        Assert.Equal("较上期：1项数据下降", SummaryOf(program).Sentence);
    }

    [Fact]
    public void A_revised_target_gives_both_targets_and_no_reason()
    {
        var farmland = Changes().Single(c => c.Kind == EditionChangeKind.TargetRevised);

        Assert.Equal("10-3", farmland.ItemCode);
        Assert.Equal("高标准农田", farmland.IndicatorKey);
        Assert.Equal(3700, farmland.FromValue);
        Assert.Equal(4000, farmland.ToValue);
        Assert.Null(farmland.Reason);
        Assert.Equal("新增建设高标准农田目标由3700亩调整为4000亩", farmland.Sentence);
        Assert.Equal([EditionChangeKind.TargetRevised, EditionChangeKind.NoNewReport], JulyChanges().KindsFor("10-3"));
    }

    [Fact]
    public void An_item_date_that_moved_later_is_a_delay_with_the_reports_reason()
    {
        var moved = Changes().Single(c => c.ItemCode == "06-2" && c.Kind == EditionChangeKind.DateMoved && c.SiteKey is null);

        Assert.Equal("2025-08-31", moved.FromText);
        Assert.Equal("2025-10", moved.ToText);
        Assert.True(moved.IsDelay);
        Assert.Equal(SlipReason, moved.Reason);
        Assert.Equal($"预计完成时间由2025年8月底推迟至2025年10月（原因：{SlipReason}）", moved.Sentence);
    }

    [Fact]
    public void A_site_date_that_moved_names_the_site()
    {
        var changes = Changes();

        var delayed = changes.Single(c => c.Kind == EditionChangeKind.DateMoved && c.SiteKey == "白万路东地块安置房");
        Assert.Equal($"辛庄镇白万路东地块安置房预计完成时间由2025年8月底推迟至2025年10月（原因：{SlipReason}）", delayed.Sentence);

        var advanced = changes.Single(c => c.Kind == EditionChangeKind.DateMoved && c.SiteKey == "选址充电桩");
        Assert.Equal("07-2", advanced.ItemCode);
        Assert.False(advanced.IsDelay);
        Assert.Equal("2025-09-30", advanced.FromText);
        Assert.Equal("2025-08-31", advanced.ToText);
        Assert.Null(advanced.Reason);
        Assert.Equal("已完成选址的10个充电桩预计完成时间由2025年9月底提前至2025年8月底", advanced.Sentence);
    }

    [Fact]
    public void An_item_date_that_moved_earlier_is_an_advance()
    {
        var program = new ProgramBuilder()
            .Category(1, "测试工程", c => c.Item(1, "建成食堂1个", i => i
                .Report("2025-06-30", ItemStatus.InProgress, r => r.Expected("2025-10"))
                .Report("2025-07-31", ItemStatus.InProgress, r => r.Expected("2025-09", "施工进度快于计划"))))
            .Build();

        var moved = Assert.Single(EditionComparison.Compare(ReportCardCalculator.Compute(program, June), ReportCardCalculator.Compute(program, July)));

        Assert.Equal(EditionChangeKind.DateMoved, moved.Kind);
        Assert.False(moved.IsDelay);
        Assert.Equal("预计完成时间由2025年10月提前至2025年9月（原因：施工进度快于计划）", moved.Sentence);
        Assert.Equal("较上期：1项预计时间提前", SummaryOf(program).Sentence);
    }

    [Fact]
    public void A_date_restated_more_precisely_has_not_moved_and_a_first_date_is_no_move()
    {
        var program = new ProgramBuilder()
            .Category(1, "测试工程", c => c
                .Item(1, "建成食堂1个", i => i
                    .Report("2025-06-30", ItemStatus.InProgress, r => r.Expected("2025-09"))
                    .Report("2025-07-31", ItemStatus.InProgress, r => r.Expected("2025-09-30")))
                .Item(2, "建成驿站1个", i => i
                    .Report("2025-06-30", ItemStatus.InProgress)
                    .Report("2025-07-31", ItemStatus.InProgress, r => r.Expected("2025-11"))))
            .Build();

        Assert.Empty(EditionComparison.Compare(ReportCardCalculator.Compute(program, June), ReportCardCalculator.Compute(program, July)));
        Assert.Equal("较上期：无变化", SummaryOf(program).Sentence);
    }

    [Fact]
    public void A_site_new_to_the_plan_is_a_new_site()
    {
        var site = Changes().Single(c => c.Kind == EditionChangeKind.NewSite);

        Assert.Equal("08-2", site.ItemCode);
        Assert.Equal("津港公路辅路", site.SiteKey);
        Assert.Equal("津港公路辅路", site.ToText);
        Assert.Null(site.FromText);
        Assert.Equal("新增点位：津港公路辅路", site.Sentence);
    }

    [Fact]
    public void Items_without_a_new_report_say_so_and_a_correction_counts_as_new()
    {
        var changes = JulyChanges();

        var quiet = changes.All.Where(c => c.Kind == EditionChangeKind.NoNewReport).Select(c => c.ItemCode).ToList();
        Assert.Equal(21, quiet.Count);
        Assert.DoesNotContain("05-1", quiet);
        Assert.Contains("08-2", quiet);
        Assert.Equal("本期无新报送", changes.ForItem("01-1").Single().Sentence);
    }

    [Fact]
    public void Items_never_reported_in_either_edition_have_no_new_report()
    {
        var program = new ProgramBuilder()
            .Category(1, "测试工程", c => c.Item(1, "建成食堂1个", i => i.Indicator("食堂", "个", target: 1)))
            .Build();

        var quiet = Assert.Single(EditionComparison.Compare(ReportCardCalculator.Compute(program, June), ReportCardCalculator.Compute(program, July)));

        Assert.Equal(EditionChangeKind.NoNewReport, quiet.Kind);
    }

    [Fact]
    public void The_per_item_lookup_gives_each_items_changes_in_order()
    {
        var changes = JulyChanges();

        Assert.Equal([EditionChangeKind.DateMoved, EditionChangeKind.DateMoved], changes.ForItem("06-2").Select(c => c.Kind));
        Assert.Null(changes.ForItem("06-2")[0].SiteKey);
        Assert.Equal("白万路东地块安置房", changes.ForItem("06-2")[1].SiteKey);
        Assert.Equal([EditionChangeKind.Rose, EditionChangeKind.DateMoved], changes.KindsFor("07-2"));
        Assert.Empty(changes.ForItem("99-9"));
        Assert.Equal(June, changes.PreviousAsOf);
        Assert.Equal(July, changes.CurrentAsOf);
        Assert.False(changes.IsFirstEdition);
    }

    [Fact]
    public void Editions_of_different_programs_are_refused()
    {
        var other = new ProgramBuilder("other-2025").Build();

        Assert.Throws<ArgumentException>(() =>
            EditionComparison.Compare(ReportCardCalculator.Compute(other, June), ReportCardCalculator.Compute(LoadJinnan(), June)));
    }

    private static EditionSummary SummaryOf(LivelihoodProgram program) =>
        EditionChanges.Between(ReportCardCalculator.Compute(program, June), ReportCardCalculator.Compute(program, July)).Summary;
}
