using Minxin.Domain.ReportCards;
using Minxin.Testing;

namespace Minxin.Domain.Tests;

public class HeadlineTests
{
    private static readonly DateOnly June = Dates.Parse("2025-06-30");

    [Fact]
    public void Headline_reads_like_the_published_cards() =>
        Assert.Equal("截至2025年6月底，4个子项已完成，其余22个子项正在加快推进", Headlines.For(June, new StatusTotals(26, 4, 22, 0, 0, 0)));

    [Fact]
    public void Headline_without_completed_items_counts_all_in_progress() =>
        Assert.Equal("截至2025年3月底，26个子项正在加快推进", Headlines.For(Dates.Parse("2025-03-31"), new StatusTotals(26, 0, 26, 0, 0, 0)));

    [Fact]
    public void Headline_names_each_other_status() =>
        Assert.Equal("截至2025年6月15日，4个子项已完成，19个子项正在加快推进，1个子项进度滞后，2个子项尚未开工",
            Headlines.For(Dates.Parse("2025-06-15"), new StatusTotals(26, 4, 19, 2, 1, 0)));

    [Fact]
    public void Headline_when_everything_is_done() =>
        Assert.Equal("截至2025年12月底，全部26个子项已完成", Headlines.For(Dates.Parse("2025-12-31"), new StatusTotals(26, 26, 0, 0, 0, 0)));
}
