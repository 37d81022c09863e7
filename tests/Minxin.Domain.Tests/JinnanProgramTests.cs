using System.Text.RegularExpressions;
using Minxin.Domain.Progress;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Quantities;
using Minxin.Domain.ReportCards;
using Minxin.Testing;

namespace Minxin.Domain.Tests;

/// <summary>The 2025 津南 data file says what the published card says.</summary>
public class JinnanProgramTests
{
    private static readonly Programs.LivelihoodProgram Program = ProgramFileReader.Read(Repository.JinnanProgramFile).ProgramOrThrow();

    private static ReportCard CardAsOf(string date) => ReportCardCalculator.Compute(Program, Dates.Parse(date));

    [Fact]
    public void The_half_year_card_has_4_completed_and_22_in_progress()
    {
        var card = CardAsOf("2025-06-30");

        Assert.Equal(new StatusTotals(26, 4, 22, 0, 0, 0), card.Totals);
        Assert.Equal("截至2025年6月底，4个子项已完成，其余22个子项正在加快推进", card.Headline);
    }

    [Fact]
    public void The_ten_categories_have_the_published_names_and_item_counts()
    {
        var card = CardAsOf("2025-06-30");

        Assert.Equal(
            ["护苗助老贴心工程", "就医改善舒心工程", "扶弱助残暖心工程", "供热排水顺心工程", "“三微四景”连心工程",
             "惠民移居安心工程", "消防安全用心工程", "日常出行省心工程", "文体惠民润心工程", "宜业增收恒心工程"],
            card.Categories.Select(c => c.Name));
        Assert.Equal(Enumerable.Range(1, 10), card.Categories.Select(c => c.Number));
        Assert.Equal([3, 3, 3, 2, 2, 3, 2, 3, 2, 3], card.Categories.Select(c => c.Items.Count));
    }

    [Fact]
    public void The_completed_items_are_the_four_the_card_names()
    {
        var completed = CardAsOf("2025-06-30").Items.Where(i => i.Status == ItemStatus.Completed).Select(i => i.Item.Title).ToList();

        Assert.Equal(4, completed.Count);
        Assert.Contains(completed, t => t.Contains("老年友善医疗机构"));
        Assert.Contains(completed, t => t.Contains("双港卫生院"));
        Assert.Contains(completed, t => t.Contains("冬病夏治"));
        Assert.Contains(completed, t => t.Contains("津彩e就业"));
    }

    [Fact]
    public void Nothing_is_completed_as_of_the_end_of_march() =>
        Assert.Equal(0, CardAsOf("2025-03-31").Totals.Completed);

    [Fact]
    public void Charging_ports_are_5119_of_6000()
    {
        var ports = CardAsOf("2025-06-30").Items.SelectMany(i => i.Indicators).Single(p => p.Indicator.Name.Contains("电动自行车充电接口"));

        Assert.Equal(6000, ports.Indicator.Target);
        Assert.Equal(5119, ports.ActualValue);
        Assert.Equal(85, ports.DisplayPercent);
        Assert.InRange(ports.Percent!.Value, 85.3m, 85.35m);
    }

    [Theory]
    [InlineData("婴幼儿托位", 460, "个")]
    [InlineData("学前教育学位", 540, "个")]
    [InlineData("义务教育学位", 3360, "个")]
    [InlineData("普通高中学位", 1050, "个")]
    [InlineData("高标准农田", 3700, "亩")]
    [InlineData("电动汽车充电桩", 530, "个")]
    [InlineData("职业技能培训和创业培训", 14500, "人次")]
    public void Targets_are_transcribed_with_their_units(string name, int target, string unit)
    {
        var indicator = Program.Items.SelectMany(i => i.Indicators).Single(i => i.Name.Contains(name) && i.Target is not null);

        Assert.Equal(target, indicator.Target);
        Assert.Equal(unit, indicator.Unit);
    }

    [Fact]
    public void Every_target_appears_in_its_item_wording()
    {
        foreach (var indicator in Program.Items.SelectMany(i => i.Indicators).Where(i => i.Target is not null))
        {
            var written = ChineseNumbers.Number(indicator.Target!.Value);
            Assert.True(indicator.Item.Title.Contains(written + indicator.Unit) || indicator.Item.Title.Contains(written),
                $"{indicator.Item.Code} {indicator.Name}: {written}{indicator.Unit} not in “{indicator.Item.Title}”");
        }
    }

    [Fact]
    public void Figures_keep_their_own_periods_and_units()
    {
        var values = Program.Items.SelectMany(i => i.Reports).SelectMany(r => r.Values).ToList();

        var training = values.Single(v => v.Indicator.Target == 14500);
        Assert.Equal(2899, training.Value);
        Assert.Equal("1—5月份", training.Period.ToChinese());
        Assert.Contains(values, v => v.Value == 279100 && v.Indicator.Unit == "人次");
        Assert.Contains(values, v => v.Value == 38220000 && v.Indicator.Unit == "元");
        Assert.Contains(values, v => v.Value == 10001300 && v.Indicator.Unit == "元");
        Assert.Contains(values, v => v.Value == 15254 && v.Indicator.Unit == "名");
        Assert.Contains(values, v => v.Value == 10813 && v.Indicator.Unit == "盏" && v.StatedPercent == 90);
    }

    [Fact]
    public void Every_report_comes_from_the_published_card_and_is_approved()
    {
        foreach (var report in Program.Items.SelectMany(i => i.Reports))
        {
            Assert.Equal(ReviewState.Approved, report.Review);
            Assert.Equal("津南好", report.Source!.Publisher);
            Assert.Equal(Dates.Parse("2025-06-30"), report.AsOf);
        }
        Assert.Equal(new DateTimeOffset(2025, 7, 17, 13, 43, 0, TimeSpan.FromHours(8)), Program.Sources.Single().PublishedAt);
    }

    [Fact]
    public void Sites_carry_phases_and_expected_dates()
    {
        var sites = CardAsOf("2025-06-30").Items.SelectMany(i => i.Sites).ToList();

        var school = sites.Single(s => s.Site.Name.Contains("南开学校敬慧路校区"));
        Assert.Equal("9月份", school.Latest!.ExpectedCompletion!.Value.ToChinese());
        var kindergarten = sites.Single(s => s.Site.Name.Contains("建明道北侧幼儿园"));
        Assert.Equal(SitePhase.ToppedOut, kindergarten.Latest!.Phase);
        Assert.Equal("辛庄镇", kindergarten.Site.Town);
    }

    [Fact]
    public void Narratives_have_no_figure_left_as_literal_text_where_a_value_exists()
    {
        // A value's number written literally in the prose would not follow a correction of the value.
        foreach (var report in Program.Items.SelectMany(i => i.Reports))
        {
            var literal = string.Concat(Narrative.Parse(report.Narrative).OfType<NarrativeText>().Select(t => t.Text));
            foreach (var value in report.Values.Where(v => v.Value >= 100))
            {
                var written = ChineseNumbers.Number(value.Value);
                Assert.False(Regex.IsMatch(literal, $@"(?<![\d.]){Regex.Escape(written)}(?![\d.])"),
                    $"{report.Item.Code}: {written} is written literally in the narrative");
            }
        }
    }
}
