using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Domain.ReportCards;

namespace Minxin.Domain.Oversight;

/// <summary>
/// 红黄绿灯: lights each item of a card against 序时进度 by a <see cref="LightRule"/>. In order:
/// completed → Completed; cancelled → None; past the deadline and not completed → red; no report → None;
/// progress from the targeted indicators, else from the share of completed sites, else (reported 未开工) 0 %;
/// nothing measurable → None. A report saying 滞后 makes the light at least yellow.
/// </summary>
public static class Lights
{
    public static IReadOnlyList<(ItemCard Item, ItemLight Light)> For(ReportCard card, LightRule rule) =>
        card.Items.Select(item => (item, For(item, card.AsOf, rule))).ToList();

    /// <summary>
    /// Every item's light by item code, by <paramref name="rule"/>, with the overrides <paramref name="overrideFor"/>
    /// gives (none when it gives null).
    /// </summary>
    public static IReadOnlyDictionary<string, ItemLight> ByCode(ReportCard card, LightRule rule, Func<ItemCard, LightOverride?> overrideFor) =>
        card.Items.ToDictionary(i => i.Item.Code, i =>
        {
            var light = For(i, card.AsOf, rule);
            return overrideFor(i) is { } o ? light with { Override = o } : light;
        });

    /// <summary>The lights of a live card: the program's rule in force and the overrides of its items that still hold.</summary>
    public static CardLights Live(ReportCard card)
    {
        var rule = ProgramLightRule.Current(card.Program.LightRules);
        return new CardLights(rule, ByCode(card, rule, i => LiveOverride(i.Item, i.LatestReport?.AsOf)));
    }

    /// <summary>The override of an item that holds while its latest public report is dated <paramref name="latestReportAsOf"/>.</summary>
    public static LightOverride? LiveOverride(Item item, DateOnly? latestReportAsOf) =>
        ItemLightOverride.InForce(item.LightOverrides, latestReportAsOf) is { Color: { } color } o
            ? new LightOverride(color, o.Reason, o.By, o.At)
            : null;

    public static ItemLight For(ItemCard card, DateOnly asOf, LightRule rule)
    {
        var item = card.Item;
        var deadline = item.Deadline ?? item.Category.Program.LastDay;
        ItemLight Light(LightColor color, string reason) =>
            new() { RuleColor = color, RuleReason = reason, RuleVersion = rule.Version, Deadline = deadline };

        if (card.Status == ItemStatus.Completed)
        {
            return Light(LightColor.Completed, "已完成");
        }
        if (card.Status == ItemStatus.Cancelled)
        {
            return Light(LightColor.None, "子项已取消：无数据");
        }
        var measured = Measure(card, rule.Aggregation);
        var scheduled = Percent.Floor(Schedule.Elapsed(item, asOf));
        // Past its deadline an item is red even with nothing reported: that is the case oversight exists for.
        if (rule.RedWhenPastDeadline && asOf > deadline)
        {
            return Light(LightColor.Red, $"已过完成时限（{ChineseDates.Full(deadline)}）仍未完成：红灯") with
            {
                Progress = measured?.Shown,
                Scheduled = scheduled,
                Gap = measured?.Shown - scheduled,
                DecidingIndicator = measured?.Deciding,
            };
        }
        var saysDelayed = card.Status == ItemStatus.Delayed;
        if (measured is null)
        {
            // The unit's own word that it is behind is a warning even without a figure to compare.
            return saysDelayed
                ? Light(LightColor.Yellow, "尚无可对照的进度数据，但报告称进度滞后：黄灯")
                : Light(LightColor.None, card.LatestReport is null ? "尚无进度数据：无数据" : "尚无可对照序时进度的进度数据：无数据");
        }

        var gap = measured.Shown - scheduled;
        var color = gap >= -rule.GreenWithinPoints ? LightColor.Green
            : gap >= -rule.YellowWithinPoints ? LightColor.Yellow
            : LightColor.Red;
        var comparison = gap > 0 ? $"快于序时{gap}个百分点" : gap < 0 ? $"慢于序时{-gap}个百分点" : "与序时持平";
        var sentence = $"{measured.Subject}进度{measured.Shown}%，序时进度{scheduled}%，{comparison}";
        // 滞后 in a reviewed report is the unit's own admission: never green, but figures far behind still make it red.
        if (saysDelayed && color == LightColor.Green)
        {
            color = LightColor.Yellow;
            sentence += "，但报告称进度滞后";
        }
        return Light(color, $"{sentence}：{color.ToChinese()}") with
        {
            Progress = measured.Shown,
            Scheduled = scheduled,
            Gap = gap,
            DecidingIndicator = measured.Deciding,
        };
    }

    /// <summary>
    /// Keeps the computed light and its inputs, and shows a coordinator's colour with the reason. A new override
    /// replaces an earlier one.
    /// </summary>
    public static ItemLight Overridden(ItemLight computed, LightColor color, string reason, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        return computed with { Override = new LightOverride(color, reason.Trim(), by.Trim(), at) };
    }

    /// <summary>Progress as shown (floored percent), what it is of ("" or an indicator's name, "4个点位中…，"), and the deciding indicator.</summary>
    private sealed record Measured(int Shown, string Subject, Indicator? Deciding);

    private static Measured? Measure(ItemCard card, IndicatorAggregation aggregation) =>
        FromIndicators(card, aggregation) ?? FromSites(card) ?? (card.LatestReport?.Status == ItemStatus.NotStarted
            ? new Measured(0, "尚未开工，", null)
            : null);

    // Only indicators with a target and a figure count: a target nobody has reported on yet is no evidence of 0 %.
    private static Measured? FromIndicators(ItemCard card, IndicatorAggregation aggregation)
    {
        var measured = card.Indicators.Where(i => i.Percent is not null).ToList();
        if (measured.Count == 0)
        {
            return null;
        }
        var severalTargets = card.Indicators.Count(i => i.Indicator.Target is not null) > 1;
        if (aggregation == IndicatorAggregation.Average && measured.Count > 1)
        {
            var average = measured.Average(i => Math.Min(i.Percent!.Value, 100m));
            return new Measured(Percent.Floor(average), $"{measured.Count}项指标平均", null);
        }
        // Capping at 100 would change nothing here: the furthest behind is the lowest percent either way.
        var furthestBehind = measured.MinBy(i => i.Percent!.Value)!;
        return new Measured(Percent.Floor(furthestBehind.Percent!.Value),
            severalTargets ? furthestBehind.Indicator.Name : "",
            severalTargets ? furthestBehind.Indicator : null);
    }

    private static Measured? FromSites(ItemCard card)
    {
        if (card.Sites.Count == 0 || card.Sites.All(s => s.Latest is null))
        {
            return null;
        }
        // 形象进度: each site counts by its phase, so a site under construction is neither nothing nor done; a site
        // not reported on counts as not begun. Counting only finished sites would light every year-end item red at midyear.
        var built = card.Sites.Count(s => s.Latest is { Phase: >= SitePhase.Completed });
        var progress = card.Sites.Average(s => s.Latest is { } update ? PhaseWeight(update.Phase) : 0m);
        return new Measured(Percent.Floor(progress), $"{card.Sites.Count}个点位按建设阶段折算（{built}个已完工），", null);
    }

    /// <summary>How far along a site is at each phase, in percent: the weights the rule page publishes.</summary>
    public static decimal PhaseWeight(SitePhase phase) => phase switch
    {
        SitePhase.Planning => 0,
        SitePhase.Design => 10,
        SitePhase.Approval => 20,
        SitePhase.Tendering => 30,
        SitePhase.Construction => 50,
        SitePhase.ToppedOut => 70,
        SitePhase.FitOut => 80,
        SitePhase.Acceptance => 90,
        _ => 100,
    };
}

/// <summary>A card's lights by item code, and the rule they were lit by.</summary>
public sealed record CardLights(LightRule Rule, IReadOnlyDictionary<string, ItemLight> ByCode)
{
    public ItemLight this[string itemCode] => ByCode[itemCode];
}
