using Minxin.Domain.Programs;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Testing;

namespace Minxin.Domain.Tests;

/// <summary>预计9月 → 预计10月: the history of an item's and its sites' expected completion, with reasons.</summary>
public class DateSlipTests
{
    /// <summary>
    /// Four moves of the item (one of them corrected, one only restated more precisely), a month without a date, a
    /// report still under review, and two sites: one that moves, one that never does.
    /// </summary>
    private static Item Canteen()
    {
        var program = new ProgramBuilder()
            .Category(1, "护苗助老贴心工程", c => c.Item(2, "新建老人家食堂2个", i => i
                .Site("双新街", "双新街老人家食堂")
                .Site("海棠街", "海棠街老人家食堂")
                .Site("北闸口", "北闸口镇养老服务综合体")
                .Report("2025-03-31", ItemStatus.InProgress, r => r
                    .Expected("2025-09")
                    .Site("双新街", SitePhase.Design, "2025-08-31")
                    .Site("海棠街", SitePhase.Design, "2025-09"))
                .Report("2025-04-30", ItemStatus.InProgress, r => r
                    .Expected("2025-09-30")
                    .Site("双新街", SitePhase.Tendering, "2025-08-31"))
                .Report("2025-05-31", ItemStatus.InProgress)
                .Report("2025-06-30", ItemStatus.InProgress, r => r
                    .Expected("2025-10", "招标流标后重新招标")
                    .Site("双新街", SitePhase.Construction, "2025-10-15")
                    .Site("海棠街", SitePhase.Construction, "2025-09"))
                .Report("2025-07-31", ItemStatus.InProgress, r => r.Expected("2025-09", "增加施工班组"))
                .Report("2025-08-31", ItemStatus.InProgress, r => r.Expected("2025-12-31", "设备到货延迟"))
                .Report("2025-08-31", ItemStatus.InProgress, r => r
                    .Expected("2025-11", "设备分批到货，首批已到")
                    .Site("双新街", SitePhase.FitOut, "2025-11")
                    .Correction(2, "更正预计完成时间"))
                .Report("2025-09-30", ItemStatus.InProgress, r => r
                    .Expected("2026-03", "未通过审核的说法")
                    .Review(ReviewState.Submitted))))
            .Build();
        return program.Items.Single();
    }

    [Fact]
    public void Every_move_of_the_item_is_listed_with_its_report_date_and_reason()
    {
        var slips = DateSlips.Of(Canteen()).Item.Slips;

        Assert.Equal(
            [
                new DateSlip(null, null, Expected("2025-09-30"), Expected("2025-10"), Dates.Parse("2025-06-30"), "招标流标后重新招标"),
                new DateSlip(null, null, Expected("2025-10"), Expected("2025-09"), Dates.Parse("2025-07-31"), "增加施工班组"),
                new DateSlip(null, null, Expected("2025-09"), Expected("2025-11"), Dates.Parse("2025-08-31"), "设备分批到货，首批已到"),
            ],
            slips);
        Assert.Equal([true, false, true], slips.Select(s => s.IsDelay));
    }

    [Fact]
    public void The_item_summary_gives_the_first_date_the_latest_the_last_reason_and_the_count()
    {
        var history = DateSlips.Of(Canteen()).Item;

        Assert.Equal(Expected("2025-09"), history.Original);
        Assert.Equal(Expected("2025-11"), history.Current);
        Assert.Equal(3, history.Count);
        Assert.Equal("原定2025年9月 → 现预计2025年11月（原因：设备分批到货，首批已到），已调整3次", history.Summary);
    }

    [Fact]
    public void A_history_as_of_a_date_counts_only_reports_up_to_it()
    {
        var history = DateSlips.Of(Canteen(), Dates.Parse("2025-06-30")).Item;

        Assert.Single(history.Slips);
        Assert.Equal("原定2025年9月 → 现预计2025年10月（原因：招标流标后重新招标），已调整1次", history.Summary);
        Assert.Equal("预计2025年9月底，未调整", DateSlips.Of(Canteen(), Dates.Parse("2025-05-31")).Item.Summary);
        Assert.Null(DateSlips.Of(Canteen(), Dates.Parse("2025-03-30")).Item.Summary);
    }

    [Fact]
    public void Only_the_latest_version_of_a_date_and_only_approved_reports_count()
    {
        var slips = DateSlips.Of(Canteen()).Item.Slips;

        Assert.DoesNotContain(slips, s => s.To == Expected("2025-12-31"));
        Assert.DoesNotContain(slips, s => s.To == Expected("2026-03"));
    }

    [Fact]
    public void A_date_restated_more_precisely_is_not_a_move()
    {
        var slips = DateSlips.Of(Canteen(), Dates.Parse("2025-05-31")).Item.Slips;

        Assert.Empty(slips);
    }

    [Fact]
    public void Each_site_has_its_own_history()
    {
        var history = DateSlips.Of(Canteen());

        Assert.Equal(["双新街", "海棠街", "北闸口"], history.Sites.Select(s => s.SiteKey));
        var shuangxin = history.Site("双新街")!;
        Assert.Equal(
            [
                new DateSlip("双新街", "双新街老人家食堂", Expected("2025-08-31"), Expected("2025-10-15"), Dates.Parse("2025-06-30"), "招标流标后重新招标"),
                new DateSlip("双新街", "双新街老人家食堂", Expected("2025-10-15"), Expected("2025-11"), Dates.Parse("2025-08-31"), "设备分批到货，首批已到"),
            ],
            shuangxin.Slips);
        Assert.Equal("双新街老人家食堂：原定2025年8月底 → 现预计2025年11月（原因：设备分批到货，首批已到），已调整2次", shuangxin.Summary);
        Assert.Equal("海棠街老人家食堂：预计2025年9月，未调整", history.Site("海棠街")!.Summary);
        Assert.Null(history.Site("北闸口")!.Summary);
        Assert.Empty(history.Site("北闸口")!.Slips);
        Assert.Null(history.Site("不存在"));
    }

    [Fact]
    public void All_moves_are_by_date_the_items_before_its_sites()
    {
        var all = DateSlips.Of(Canteen()).All;

        Assert.Equal(
            [("2025-06-30", null), ("2025-06-30", "双新街"), ("2025-07-31", null), ("2025-08-31", null), ("2025-08-31", "双新街")],
            all.Select(s => (IsoDate.Format(s.ReportedOn), s.SiteKey)));
        Assert.Equal("01-2", DateSlips.Of(Canteen()).ItemCode);
    }

    [Fact]
    public void A_slip_reads_as_one_sentence()
    {
        var history = DateSlips.Of(Canteen());

        Assert.Equal("2025年6月30日报送：预计完成时间由2025年9月底推迟至2025年10月（原因：招标流标后重新招标）", history.Item.Slips[0].Sentence);
        Assert.Equal("2025年7月31日报送：预计完成时间由2025年10月提前至2025年9月（原因：增加施工班组）", history.Item.Slips[1].Sentence);
        Assert.Equal("2025年6月30日报送：双新街老人家食堂预计完成时间由2025年8月底推迟至2025年10月15日（原因：招标流标后重新招标）",
            history.Site("双新街")!.Slips[0].Sentence);
    }

    [Fact]
    public void A_move_without_a_reason_leaves_the_reason_out()
    {
        var program = new ProgramBuilder()
            .Category(1, "测试工程", c => c.Item(1, "建成驿站1个", i => i
                .Report("2025-06-30", ItemStatus.InProgress, r => r.Expected("2025"))
                .Report("2025-07-31", ItemStatus.InProgress, r => r.Expected("2026-06"))))
            .Build();

        var history = DateSlips.Of(program.Items.Single()).Item;

        Assert.Null(history.Slips.Single().Reason);
        Assert.Equal("原定2025年内 → 现预计2026年6月，已调整1次", history.Summary);
    }

    [Fact]
    public void The_bundled_program_has_dates_but_no_moves_yet()
    {
        var program = ProgramFileReader.Read(Repository.JinnanProgramFile).ProgramOrThrow();

        Assert.All(program.Items, item => Assert.Empty(DateSlips.Of(item).All));
        var resettlement = DateSlips.Of(program.Items.Single(i => i.Code == "06-2"));
        Assert.Equal("预计2025年8月底，未调整", resettlement.Item.Summary);
        Assert.Equal("辛庄镇白万路东地块安置房：预计2025年8月底，未调整", resettlement.Site("白万路东地块安置房")!.Summary);
    }

    [Fact]
    public void A_July_report_on_the_bundled_program_moves_the_item_and_its_site()
    {
        var program = ProgramFileReader.Read(Repository.JinnanProgramFile).ProgramOrThrow();
        var item = program.Items.Single(i => i.Code == "06-2");
        new ItemBuilder(item).Report("2025-07-31", ItemStatus.InProgress, r => r
            .Expected("2025-10", "电力管网接入手续延后")
            .Site("白万路东地块安置房", SitePhase.Acceptance, "2025-10"));

        var history = DateSlips.Of(item);

        Assert.Equal("原定2025年8月底 → 现预计2025年10月（原因：电力管网接入手续延后），已调整1次", history.Item.Summary);
        Assert.Equal("辛庄镇白万路东地块安置房：原定2025年8月底 → 现预计2025年10月（原因：电力管网接入手续延后），已调整1次",
            history.Site("白万路东地块安置房")!.Summary);
        Assert.All(history.All, s => Assert.True(s.IsDelay));
        Assert.Empty(DateSlips.Of(item, Dates.Parse("2025-06-30")).All);
    }

    [Theory]
    [InlineData("2025-09", "2025年9月")]
    [InlineData("2025-08-31", "2025年8月底")]
    [InlineData("2025-10-01", "2025年10月1日")]
    [InlineData("2025-12-31", "2025年底")]
    [InlineData("2025", "2025年内")]
    public void Expected_dates_are_written_with_their_year(string date, string chinese) =>
        Assert.Equal(chinese, ChineseDates.Expected(Expected(date)));

    private static ExpectedDate Expected(string text) =>
        ExpectedDate.TryParse(text, out var date) ? date : throw new ArgumentException(text, nameof(text));
}
