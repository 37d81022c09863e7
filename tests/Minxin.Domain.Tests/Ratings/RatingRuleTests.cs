using Minxin.Domain.Ratings;
using Minxin.Domain.Staff;

namespace Minxin.Domain.Tests.Ratings;

/// <summary>满意度测评 without a database: the rate and when it is published, the sentences the pages print, which window is open, who may manage.</summary>
public class RatingRuleTests
{
    [Fact]
    public void The_rate_is_satisfied_plus_basically_satisfied_over_all_valid_ratings_floored_to_a_tenth()
    {
        var result = RatingResult.Of([.. Enumerable.Repeat(RatingChoice.Satisfied, 25), .. Enumerable.Repeat(RatingChoice.BasicallySatisfied, 3),
            RatingChoice.Dissatisfied, RatingChoice.Dissatisfied], 30);

        Assert.Equal((25, 3, 2, 30), (result.Satisfied, result.BasicallySatisfied, result.Dissatisfied, result.Count));
        Assert.True(result.IsPublished);
        // 28 / 30 = 93.33…%: floored, never rounded up.
        Assert.Equal(93.3m, result.Rate);
        Assert.Equal("满意率93.3%（满意25票、基本满意3票、不满意2票，共30票有效）", result.Sentence());
        Assert.Equal(66.6m, new RatingResult(2, 0, 1, 1).Rate);
        Assert.Equal("满意率100.0%（满意3票、基本满意0票、不满意0票，共3票有效）", new RatingResult(3, 0, 0, 1).Sentence());
    }

    [Fact]
    public void Below_the_minimum_only_the_count_is_said()
    {
        var result = new RatingResult(20, 5, 4, 30);

        Assert.False(result.IsPublished);
        Assert.Null(result.Rate);
        Assert.Equal("已收到29票，满30票后公布结果", result.Sentence());
        Assert.Equal("已收到0票，满30票后公布结果", new RatingResult(0, 0, 0, 30).Sentence());
        // A minimum of 1 still needs one rating.
        Assert.False(new RatingResult(0, 0, 0, 1).IsPublished);
    }

    [Fact]
    public void A_deputies_tally_is_published_as_entered()
    {
        var tally = new DeputyTally { Satisfied = 40, BasicallySatisfied = 5, Dissatisfied = 1, Source = "区人大常委会2025年12月测评", EnteredBy = "李明" };

        var result = RatingResult.Of(tally);

        Assert.True(result.IsPublished);
        Assert.Equal(97.8m, result.Rate);
        Assert.Equal("满意率97.8%（满意40票、基本满意5票、不满意1票，共46票有效）", result.Sentence());
    }

    [Fact]
    public void A_window_is_open_from_its_first_to_its_last_day_unless_ended_and_covers_all_items_or_the_chosen()
    {
        var window = new RatingWindow { Title = "2025年度民心工程满意度测评", OpensOn = new(2025, 12, 1), ClosesOn = new(2025, 12, 31), OpenedBy = "李明" };

        Assert.False(window.IsOpenOn(new(2025, 11, 30)));
        Assert.True(window.IsOpenOn(new(2025, 12, 1)));
        Assert.True(window.IsOpenOn(new(2025, 12, 31)));
        Assert.False(window.IsOpenOn(new(2026, 1, 1)));
        Assert.True(window.Covers(7) && window.Covers(8));

        window.Items.Add(new RatingWindowItem { ItemId = 7 });
        Assert.True(window.Covers(7));
        Assert.False(window.Covers(8));

        window.EndedAt = new DateTimeOffset(2025, 12, 10, 9, 0, 0, TimeSpan.FromHours(8));
        Assert.False(window.IsOpenOn(new(2025, 12, 15)));
    }

    [Fact]
    public void The_choices_read_in_Chinese_and_the_rule_is_stated()
    {
        Assert.Equal(["满意", "基本满意", "不满意"], Enum.GetValues<RatingChoice>().Select(c => c.ToChinese()).ToArray());
        Assert.Equal("满意率 = (满意 + 基本满意) / 有效票数", RatingText.Rule);
        Assert.Contains("限评一次", RatingText.OnePerReader, StringComparison.Ordinal);
        Assert.Contains("不是抽样调查", RatingText.OnePerReader, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_coordinators_manage_ratings()
    {
        Assert.True(Permissions.Allows(StaffRole.Coordinator, StaffAction.ManageRatings));
        Assert.False(Permissions.Allows(StaffRole.Leader, StaffAction.ManageRatings));
        Assert.False(Permissions.Allows(StaffRole.Reporter, StaffAction.ManageRatings));
        Assert.False(Permissions.Allows(StaffRole.Admin, StaffAction.ManageRatings));
        // Leaders read the results and comments as they read the programs.
        Assert.True(Permissions.Allows(StaffRole.Leader, StaffAction.ViewPrograms));
    }
}
