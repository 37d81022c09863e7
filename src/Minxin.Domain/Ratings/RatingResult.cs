namespace Minxin.Domain.Ratings;

/// <summary>
/// A tally and what may be published of it: the 满意率 ((满意 + 基本满意) / 有效票数), floored to a tenth of a percent
/// like every other public figure is floored, only when the count reaches the window's minimum.
/// </summary>
public sealed record RatingResult(int Satisfied, int BasicallySatisfied, int Dissatisfied, int Minimum)
{
    public int Count => Satisfied + BasicallySatisfied + Dissatisfied;

    public bool IsPublished => Count > 0 && Count >= Minimum;

    /// <summary>The satisfaction rate in percent with one decimal, floored; null until published.</summary>
    public decimal? Rate => IsPublished ? Math.Floor((Satisfied + BasicallySatisfied) * 1000m / Count) / 10m : null;

    public static RatingResult Of(IEnumerable<RatingChoice> choices, int minimum)
    {
        int satisfied = 0, basically = 0, dissatisfied = 0;
        foreach (var choice in choices)
        {
            switch (choice)
            {
                case RatingChoice.Satisfied: satisfied++; break;
                case RatingChoice.BasicallySatisfied: basically++; break;
                default: dissatisfied++; break;
            }
        }
        return new RatingResult(satisfied, basically, dissatisfied, minimum);
    }

    /// <summary>A deputies' tally is published as entered: it is a count, not a sample, so no minimum applies.</summary>
    public static RatingResult Of(DeputyTally tally) => new(tally.Satisfied, tally.BasicallySatisfied, tally.Dissatisfied, 1);

    /// <summary>"满意率96.6%（满意25票、基本满意3票、不满意1票，共29票有效）" or "已收到12票，满30票后公布结果".</summary>
    public string Sentence() => IsPublished
        ? $"满意率{Rate:0.0}%（满意{Satisfied}票、基本满意{BasicallySatisfied}票、不满意{Dissatisfied}票，共{Count}票有效）"
        : $"已收到{Count}票，满{Minimum}票后公布结果";
}
