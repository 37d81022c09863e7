namespace Minxin.Domain.Oversight;

/// <summary>How an item with several targeted indicators is judged.</summary>
public enum IndicatorAggregation
{
    /// <summary>As far behind as its furthest-behind indicator.</summary>
    FurthestBehind,

    /// <summary>By the average of its indicators' percents, each capped at 100 so one overshoot cannot hide a laggard.</summary>
    Average,
}

/// <summary>
/// 红黄绿灯规则: the published rule that lights a program's items against 序时进度. A coordinator edits it; each edit
/// is a new <see cref="Version"/>, and every light names the version that lit it.
/// </summary>
public sealed record LightRule
{
    public static LightRule Default { get; } = new();

    public int Version { get; init; } = 1;

    /// <summary>Green while progress is at most this many points behind 序时进度.</summary>
    public int GreenWithinPoints { get; init; } = 10;

    /// <summary>Yellow while at most this many points behind; further behind is red.</summary>
    public int YellowWithinPoints { get; init; } = 30;

    /// <summary>Red once the item's deadline has passed and it is not completed, whatever its figures.</summary>
    public bool RedWhenPastDeadline { get; init; } = true;

    public IndicatorAggregation Aggregation { get; init; } = IndicatorAggregation.FurthestBehind;

    /// <summary>What is wrong with an edited rule, as (field, message); empty when it may be saved.</summary>
    public IReadOnlyList<(string Field, string Message)> Check()
    {
        var problems = new List<(string, string)>();
        if (Version < 1)
        {
            problems.Add(("version", "规则版本号须为正整数"));
        }
        if (GreenWithinPoints is < 0 or > 100)
        {
            problems.Add(("greenWithinPoints", "绿灯容许落后的百分点须在0至100之间"));
        }
        if (YellowWithinPoints is < 0 or > 100)
        {
            problems.Add(("yellowWithinPoints", "黄灯容许落后的百分点须在0至100之间"));
        }
        if (GreenWithinPoints > YellowWithinPoints)
        {
            problems.Add(("yellowWithinPoints", $"黄灯界限（{YellowWithinPoints}个百分点）不能小于绿灯界限（{GreenWithinPoints}个百分点）"));
        }
        if (!Enum.IsDefined(Aggregation))
        {
            problems.Add(("aggregation", "多指标子项的计算方式只能是“按落后最多的指标”或“按平均进度”"));
        }
        return problems;
    }

    /// <summary>The rule in a few short sentences, for the public rule page.</summary>
    public string Describe()
    {
        var sentences = new List<string>
        {
            GreenWithinPoints == 0 ? "进度不低于序时进度：绿灯" : $"进度不低于序时进度减{GreenWithinPoints}个百分点：绿灯",
        };
        if (YellowWithinPoints > GreenWithinPoints)
        {
            sentences.Add($"落后序时进度{GreenWithinPoints}至{YellowWithinPoints}个百分点：黄灯");
        }
        sentences.Add(RedWhenPastDeadline
            ? $"落后超过{YellowWithinPoints}个百分点，或已过完成时限仍未完成：红灯"
            : $"落后超过{YellowWithinPoints}个百分点：红灯");
        sentences.Add(Aggregation == IndicatorAggregation.FurthestBehind
            ? "有多个目标值的子项，按落后最多的指标计"
            : "有多个目标值的子项，按各指标平均进度计，单项超过100%按100%计");
        sentences.Add("没有目标值的子项，按各点位的建设阶段折算进度（规划0%、设计10%、审批20%、招标30%、施工50%、主体完工70%、装修80%、验收90%、完工或投入使用100%）");
        sentences.Add("报告称进度滞后的子项，至少为黄灯");
        sentences.Add("已完成的子项单独标示");
        sentences.Add("尚无进度数据：无数据");
        return string.Concat(sentences.Select(s => s + "。"));
    }

    /// <summary>One line for the API's <c>rule</c> field.</summary>
    public string Summary =>
        $"第{Version}版：与序时进度相比，落后不超过{GreenWithinPoints}个百分点为绿灯，"
        + (YellowWithinPoints > GreenWithinPoints ? $"落后不超过{YellowWithinPoints}个百分点为黄灯，" : "")
        + $"落后超过{YellowWithinPoints}个百分点{(RedWhenPastDeadline ? "或逾期未完成" : "")}为红灯"
        + (Aggregation == IndicatorAggregation.FurthestBehind ? "（多指标按落后最多的计）" : "（多指标按平均进度计）");
}
