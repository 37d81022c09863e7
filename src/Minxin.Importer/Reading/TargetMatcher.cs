using Minxin.Importer.Drafts;

namespace Minxin.Importer.Reading;

/// <summary>A target no progress figure could be told to count toward, with the figures that might.</summary>
internal sealed record OpenTarget(DraftIndicator Target, List<ProgressFigure> Candidates);

/// <summary>
/// Decides which progress figure counts toward which target, as a careful reader would: same unit and the same head
/// noun (the end of the name), with 累计/共计 or a 完成率 beside it to tell the total from its parts; else the one figure
/// whose stated 完成率 is what it makes of the target (211台, 完成年度目标的105.5% of 200台); else, for the only target in
/// its unit, the one figure that just says it was done ("已完工5条"). A figure that opens its clause ("10个充电桩已完成
/// 选址") speaks of some of the things, not of progress: it and ties are left to the reviewer, unless the item is done.
/// </summary>
internal static class TargetMatcher
{
    /// <summary>Sets <see cref="ProgressFigure.Target"/> where sure; returns the targets left open.</summary>
    /// <param name="statedCell">A table's 完成率 cell, which speaks of the row's figures.</param>
    public static List<OpenTarget> Match(DraftItem item, List<ProgressFigure> figures, bool completed, decimal? statedCell)
    {
        var rates = figures.Where(f => f.IsStatedRate).ToList();
        bool Marked(ProgressFigure f) => f.IsCumulative || rates.Any(s => s.Clause == f.Clause);
        // A target its plan already paired with a figure ("计划…20个，实际完成15个", see PlanReader) is not open.
        var targets = item.Indicators.Where(i => i.Target is not null && figures.All(f => f.Target != i)).ToList();
        var counted = figures.Where(f => !f.IsStatedRate && f.Target is null).ToList();
        var pairs = new List<(DraftIndicator Target, ProgressFigure Figure, int Score)>();
        foreach (var target in targets)
        {
            // A rate target (体检率达到70%以上) is met by a rate, a count by a count of the same unit.
            var sameUnit = counted.Where(f => f.Figure.Unit == target.Unit).ToList();
            foreach (var figure in sameUnit)
            {
                // The same head noun, and most of the shorter name: 基层医疗卫生机构 is not 老年友善医疗机构.
                var (suffix, shorter) = Names.CommonEnd(figure.Name, target.Name);
                var named = suffix >= 2 && suffix * 5 >= shorter * 3;
                // "共举办招聘会42场，完成率140%" for the one target counted in 场: the 完成率 says which.
                var only = !target.IsRate() && Marked(figure) && sameUnit.Count == 1 && targets.Count(t => t.Unit == target.Unit) == 1;
                if (named || only)
                {
                    pairs.Add((target, figure, Math.Min(suffix, 8) + (Marked(figure) ? 10 : 0)));
                }
            }
        }
        var open = new List<OpenTarget>();
        var byTarget = pairs.ToLookup(p => p.Target);
        foreach (var target in targets)
        {
            var candidates = byTarget[target].Where(p => p.Figure.Target is null).OrderByDescending(p => p.Score).ToList();
            var sure = candidates.Where(p => !p.Figure.IsSubject || Marked(p.Figure)).ToList();
            if (sure.Count > 0 && (sure.Count == 1 || sure[0].Score > sure[1].Score))
            {
                sure[0].Figure.Target = target;
            }
            else if (ByStatedRate(target, counted, rates, statedCell) is { } agreeing)
            {
                agreeing.Target = target;
            }
            else if (candidates.Count == 0 && JustDone(target, targets, counted) is { } done)
            {
                done.Target = target;
            }
            else if (completed && candidates.Count == 1)
            {
                candidates[0].Figure.Target = target; // "8个站点已全部建成开放" of a completed item
            }
            else if (candidates.Count > 0)
            {
                open.Add(new OpenTarget(target, candidates.Select(p => p.Figure).ToList()));
            }
        }
        return open;
    }

    /// <summary>The one figure of the target's unit whose stated rate (in its clause, or the table's 完成率 cell) it makes of the target.</summary>
    private static ProgressFigure? ByStatedRate(DraftIndicator target, List<ProgressFigure> counted, List<ProgressFigure> rates, decimal? statedCell)
    {
        if (target.IsRate() || target.Target is not > 0)
        {
            return null;
        }
        var agreeing = counted.Where(f => f.Target is null && f.Figure.Unit == target.Unit
            && (rates.Any(r => r.Clause == f.Clause && r.Figure.Span.Start > f.Figure.Span.Start && Agrees(f.Figure.Value, target.Target.Value, r.Figure.Value))
                || statedCell is { } cell && Agrees(f.Figure.Value, target.Target.Value, cell))).ToList();
        return agreeing.Count == 1 ? agreeing[0] : null;
    }

    /// <summary>
    /// "已完工5条", "3条已完工": for the only target in its unit, the only figure that says nothing but that so many are
    /// done. Figures that open a clause with something else ("2条正在施工") or say what began ("已开工10个") do not count against it.
    /// </summary>
    private static ProgressFigure? JustDone(DraftIndicator target, List<DraftIndicator> targets, List<ProgressFigure> counted)
    {
        if (target.IsRate() || targets.Count(t => t.Unit == target.Unit) != 1)
        {
            return null;
        }
        // "已开工10个，完工4个": what has only begun does not count against what is done.
        var sameUnit = counted.Where(f => f.Target is null && f.Figure.Unit == target.Unit && (!f.IsSubject || f.SaysDone) && !Names.IsStartVerb(f.Name)).ToList();
        if (sameUnit.Count != 1)
        {
            return null;
        }
        var figure = sameUnit[0];
        return figure.IsSubject ? (figure.Name.Length == 0 ? figure : null) : Names.IsDoneVerb(figure.Name) ? figure : null;
    }

    /// <summary>Whether <paramref name="stated"/>% is <paramref name="value"/> of <paramref name="target"/>, rounded or cut to the decimals stated.</summary>
    public static bool Agrees(decimal value, decimal target, decimal stated)
    {
        var computed = value * 100 / target;
        var scale = 1m;
        for (var i = 0; i < Math.Min(4, (int)stated.Scale); i++)
        {
            scale *= 10;
        }
        return Math.Abs(computed - stated) * scale <= 0.5m || decimal.Floor(computed * scale) / scale == stated;
    }

    private static bool IsRate(this DraftIndicator indicator) => indicator.Unit == "%";
}
