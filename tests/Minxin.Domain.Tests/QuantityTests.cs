using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Testing;

namespace Minxin.Domain.Tests;

public class QuantityTests
{
    [Theory]
    [InlineData("279100", "人次", Comparator.Exactly, "27.91万人次")]
    [InlineData("38220000", "元", Comparator.Exactly, "3822万元")]
    [InlineData("10001300", "元", Comparator.Exactly, "1000.13万元")]
    [InlineData("15254", "名", Comparator.Exactly, "15254名")]
    [InlineData("14500", "人次", Comparator.Exactly, "1.45万人次")]
    [InlineData("6000", "个", Comparator.Exactly, "6000个")]
    [InlineData("20000", "份", Comparator.Over, "2万余份")]
    [InlineData("137", "米", Comparator.About, "约137米")]
    [InlineData("62.5", "%", Comparator.Exactly, "62.5%")]
    [InlineData("850000000", "元", Comparator.Exactly, "8.5亿元")]
    [InlineData("5119.0000", "个", Comparator.Exactly, "5119个")]
    public void Figures_are_written_as_the_reports_write_them(string value, string unit, Comparator qualifier, string expected) =>
        Assert.Equal(expected, ChineseNumbers.Figure(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), unit, qualifier));

    [Theory]
    [InlineData(100, "人", Comparator.AtLeast, "不少于100人")]
    [InlineData(200, "场", Comparator.Over, "200场以上")]
    [InlineData(530, "个", Comparator.Exactly, "530个")]
    public void Targets_carry_their_comparator(int value, string unit, Comparator comparator, string expected) =>
        Assert.Equal(expected, ChineseNumbers.Target(value, unit, comparator));

    [Theory]
    [InlineData("2025-09", "9月份", "2025-09-30")]
    [InlineData("2025-08-31", "8月底", "2025-08-31")]
    [InlineData("2025-10-01", "10月1日", "2025-10-01")]
    [InlineData("2025", "年底", "2025-12-31")]
    public void Expected_dates_keep_the_precision_they_were_given(string text, string chinese, string latestDay)
    {
        Assert.True(ExpectedDate.TryParse(text, out var date));
        Assert.Equal(chinese, date.ToChinese());
        Assert.Equal(Dates.Parse(latestDay), date.LatestDay);
        Assert.Equal(text, date.ToString());
    }

    [Theory]
    [InlineData("2025-13")]
    [InlineData("2025-02-30")]
    [InlineData("25-09")]
    [InlineData("2025/09")]
    [InlineData("")]
    public void Impossible_expected_dates_are_refused(string text) => Assert.False(ExpectedDate.TryParse(text, out _));

    [Theory]
    [InlineData("2025-01-01/2025-05-31", "1—5月份")]
    [InlineData("2025-03-01/2025-03-31", "3月份")]
    [InlineData("2025-04-01/2025-06-15", "4月1日—6月15日")]
    public void Periods_read_as_the_reports_write_them(string text, string chinese) =>
        Assert.Equal(chinese, Dates.ParsePeriod(text).ToChinese());

    [Fact]
    public void A_period_that_ends_before_it_starts_is_refused() => Assert.False(Period.TryParse("2025-06-01/2025-05-31", out _));

    [Fact]
    public void Fixed_scale_keeps_four_decimals_exactly()
    {
        Assert.Equal(2791000000L, FixedScale.ToScaled(279100m));
        Assert.Equal(1000.1312m, FixedScale.FromScaled(FixedScale.ToScaled(1000.1312m)));
    }
}

public class NarrativeTests
{
    [Fact]
    public void Tokens_stand_for_figures_and_percentages()
    {
        var parts = Narrative.Parse("累计新增充电接口{充电接口}，完成率{充电接口%}。");

        Assert.Equal(
            [new NarrativeText("累计新增充电接口"), new NarrativeFigure("充电接口", false), new NarrativeText("，完成率"), new NarrativeFigure("充电接口", true), new NarrativeText("。")],
            parts);
    }

    [Fact]
    public void Doubled_braces_and_unclosed_braces_are_text()
    {
        var parts = Narrative.Parse("{{注}} 数字{未闭合");

        Assert.Equal([new NarrativeText("{注} 数字{未闭合")], parts);
    }

    [Fact]
    public void A_rendered_narrative_fills_in_the_report_figures()
    {
        var program = new ProgramBuilder()
            .Category(7, "消防安全用心工程", c => c.Item(1, "新增充电接口6000个", i => i
                .Indicator("充电接口", "个", target: 6000)
                .Indicator("宣传资料", "份")
                .Report("2025-06-30", ItemStatus.InProgress, r => r
                    .Value("充电接口", 5119, statedPercent: 85)
                    .Value("宣传资料", 20000, qualifier: Comparator.Over)
                    .Narrative("发放宣传资料{宣传资料}，累计新增充电接口{充电接口}，完成率{充电接口%}。"))))
            .Build();

        Assert.Equal("发放宣传资料2万余份，累计新增充电接口5119个，完成率85%。",
            NarrativeRenderer.PlainText(program.Items.Single().Reports.Single()));
    }
}
