using Minxin.Domain.Programs;

namespace Minxin.Domain.Ratings;

/// <summary>
/// 满意度测评: a coordinator opens a window in which readers rate a program's items (all of them, or chosen ones,
/// often the completed ones at year end). A result is published only once <see cref="MinimumRatings"/> valid ratings
/// have been given, with the rule and the count.
/// </summary>
public class RatingWindow
{
    public const int DefaultMinimumRatings = 30;
    public const int MaxTitleLength = 100;

    public int Id { get; set; }

    public int ProgramId { get; set; }

    public LivelihoodProgram Program { get; set; } = null!;

    /// <summary>"2025年度民心工程满意度测评".</summary>
    public required string Title { get; set; }

    /// <summary>The first day ratings are taken (China time).</summary>
    public DateOnly OpensOn { get; set; }

    /// <summary>The last day ratings are taken (China time).</summary>
    public DateOnly ClosesOn { get; set; }

    public int MinimumRatings { get; set; } = DefaultMinimumRatings;

    /// <summary>The items that may be rated; empty means every item of the program.</summary>
    public List<RatingWindowItem> Items { get; set; } = [];

    public DateTimeOffset OpenedAt { get; set; }

    public required string OpenedBy { get; set; }

    /// <summary>Set when a coordinator ends it before <see cref="ClosesOn"/>.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    public int Revision { get; set; }

    public bool Covers(int itemId) => Items.Count == 0 || Items.Any(i => i.ItemId == itemId);

    /// <summary>Taking ratings on <paramref name="today"/> (China time).</summary>
    public bool IsOpenOn(DateOnly today) => EndedAt is null && today >= OpensOn && today <= ClosesOn;
}

public class RatingWindowItem
{
    public int WindowId { get; set; }

    public int ItemId { get; set; }
}

/// <summary>满意 / 基本满意 / 不满意; the codes are the form's values.</summary>
public enum RatingChoice
{
    Satisfied,
    BasicallySatisfied,
    Dissatisfied,
}

/// <summary>
/// One reader's rating of one item in one window. <see cref="ReaderKey"/> is a hash of the reader's signed cookie:
/// unique per window and item, so the database refuses a second rating from the same browser.
/// </summary>
public class Rating
{
    public const int MaxCommentLength = 200;

    public long Id { get; set; }

    public int WindowId { get; set; }

    public int ItemId { get; set; }

    public RatingChoice Choice { get; set; }

    /// <summary>Optional; staff read it, the public sees only the tally.</summary>
    public string? Comment { get; set; }

    /// <summary>SHA-256 of the reader's cookie identifier, hex; never the identifier itself.</summary>
    public required string ReaderKey { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>人大代表测评: deputies' ratings of an item, entered by a coordinator as a tally, kept apart and labelled.</summary>
public class DeputyTally
{
    public int Id { get; set; }

    public int WindowId { get; set; }

    public int ItemId { get; set; }

    public int Satisfied { get; set; }

    public int BasicallySatisfied { get; set; }

    public int Dissatisfied { get; set; }

    /// <summary>Where the tally comes from: "区人大常委会2025年12月测评".</summary>
    public required string Source { get; set; }

    public DateTimeOffset EnteredAt { get; set; }

    public required string EnteredBy { get; set; }
}

public static class RatingText
{
    public const string Rule = "满意率 = (满意 + 基本满意) / 有效票数";

    /// <summary>What the page says honestly about "one rating per reader".</summary>
    public const string OnePerReader =
        "每位读者对每个子项限评一次：以本浏览器保存的匿名凭证（签名Cookie，不含个人信息）识别，并限制同一网络地址的评价频次。更换浏览器或清除Cookie后仍可能再次评价，因此本结果是群众意见的参考，不是抽样调查。";

    public static string ToChinese(this RatingChoice choice) => choice switch
    {
        RatingChoice.Satisfied => "满意",
        RatingChoice.BasicallySatisfied => "基本满意",
        RatingChoice.Dissatisfied => "不满意",
        _ => throw new ArgumentOutOfRangeException(nameof(choice)),
    };
}
