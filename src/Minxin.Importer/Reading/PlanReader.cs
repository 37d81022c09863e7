using Minxin.Importer.Drafts;
using Minxin.Importer.Text;

namespace Minxin.Importer.Reading;

/// <summary>A target figure of the item's wording and the indicator it became.</summary>
internal sealed record StatedTarget(Figure Figure, DraftIndicator Indicator);

/// <summary>
/// Targets stated as the node's plan beside what was done: "计划完成20个，实际完成15个", "年度目标1.2亿元，截至目前发放9860万元",
/// "全年任务2万人次，已完成培训2.35万人次", or the other way round ("已完成投资1.26亿元，计划投资1.8亿元"). The planned figure
/// is the target and the figure beside it, in the same unit and sentence with no other figure of that unit between, is
/// its actual. A plan that is the wording's own target confirms it; a plan the wording does not state becomes an indicator
/// of its own (so does a plan with nothing beside it, if the wording has no target in its unit), and one that
/// contradicts the wording's target in that unit is asked about.
/// </summary>
internal sealed class PlanReader(SourceText text, Evidence evidence)
{
    /// <summary>A plan and its actual are written side by side; further apart they are not one statement.</summary>
    private const int MaxDistance = 80;

    /// <summary>Words before a figure that make it a part or a step, not the actual of the plan beside it.</summary>
    private static readonly string[] NotActual = ["其中", "含", "包括", "开工", "签约", "启动", "招标", "在建", "正在", "预计", "力争", "其余", "剩余"];

    /// <summary>Words that say a figure was done: what a wording's target needs beside it to be read as its actual.</summary>
    private static readonly string[] Done = ["实际", "完成", "建成", "完工", "竣工", "累计", "发放", "新增"];

    private readonly string _normalized = text.Normalized;

    /// <summary>Sets <see cref="ProgressFigure.Target"/> of each figure that reports on a plan beside it.</summary>
    public void Pair(DraftItem item, string title, List<StatedTarget> stated, List<ProgressFigure> planned, List<ProgressFigure> figures)
    {
        var plans = stated.Select(t => (t.Figure, Planned: (ProgressFigure?)null, Indicator: (DraftIndicator?)t.Indicator))
            .Concat(planned.Select(p => (p.Figure, Planned: (ProgressFigure?)p, Indicator: (DraftIndicator?)null)))
            .OrderBy(p => p.Figure.Span.Start)
            .ToList();
        foreach (var (plan, progressPlan, statedIndicator) in plans)
        {
            var strict = progressPlan is null;
            var name = statedIndicator?.Name ?? progressPlan!.Name;
            var actual = Beside(plan, name, figures, after: true, strict) ?? Beside(plan, name, figures, after: false, strict: true);
            if (actual is null)
            {
                // "计划新增4000个，正在建设": the plan is the target even with nothing done yet, unless the wording has one.
                if (progressPlan is not null && !item.Indicators.Any(i => i.Target is not null && i.Unit == plan.Unit))
                {
                    evidence.Found(Indicator(item, title, progressPlan, null), "target", progressPlan.Phrase, 0.8m);
                }
                continue;
            }
            var indicator = statedIndicator ?? Indicator(item, title, progressPlan!, actual);
            if (figures.Any(f => f.Target == indicator))
            {
                continue; // the plan said again: its actual is read already
            }
            actual.Target = indicator;
            evidence.Found(indicator, "target", progressPlan?.Phrase ?? plan.Span, 0.85m);
        }
    }

    /// <summary>The figure just after (or before) the plan in its sentence that reports on it, if there is one.</summary>
    /// <param name="strict">Whether the figure must say it was done ("已建成2所"), as one beside a wording's target must.</param>
    private ProgressFigure? Beside(Figure plan, string name, List<ProgressFigure> figures, bool after, bool strict)
    {
        var candidates = figures.Where(f => f.Target is null && !f.IsStatedRate && f.Figure.Unit == plan.Unit
            && (after ? f.Figure.Span.Start >= plan.Span.End : f.Figure.Span.End <= plan.Span.Start));
        var nearest = after ? candidates.MinBy(f => f.Figure.Span.Start) : candidates.MaxBy(f => f.Figure.Span.Start);
        if (nearest is null)
        {
            return null;
        }
        var between = after ? Span.FromTo(plan.Span.End, nearest.Figure.Span.Start) : Span.FromTo(nearest.Figure.Span.End, plan.Span.Start);
        if (between.Length > MaxDistance || _normalized.AsSpan(between.Start, between.Length).IndexOfAny("。！？\n") >= 0
            || FigureScanner.Scan(_normalized, between).Any(f => f.Unit == plan.Unit))
        {
            return null;
        }
        var before = nearest.Before;
        if (NotActual.Any(w => before.Contains(w, StringComparison.Ordinal)) || (strict && !Done.Any(w => before.Contains(w, StringComparison.Ordinal))))
        {
            return null;
        }
        // "已完成改造18个" names nothing but what was done, "下达任务200场" nothing but the plan; "已建成幼儿园2所" beside
        // 中小学2所 names something else.
        return !Named(nearest.Name) || !Named(name) || Names.CommonEnd(nearest.Name, name).Shared >= 2 ? nearest : null;
    }

    /// <summary>A name that says what is counted: not a verb ("完成", "完成数"), not a stray character ("任务数" leaves "数").</summary>
    private static bool Named(string name)
    {
        var bare = name.TrimEnd('数', '量');
        return bare.Length >= 2 && !Names.IsVerb(bare);
    }

    /// <summary>
    /// The wording's target the plan restates, else an indicator for the plan (asked about if the wording says otherwise),
    /// named by the plan, else by its actual ("下达任务200场，已开展文化惠民演出156场"), else by the item.
    /// </summary>
    private DraftIndicator Indicator(DraftItem item, string title, ProgressFigure plan, ProgressFigure? actual)
    {
        var figure = plan.Figure;
        var sameUnit = item.Indicators.Where(i => i.Target is not null && i.Unit == figure.Unit).ToList();
        if (sameUnit.FirstOrDefault(i => i.Target == figure.Value) is { } restated)
        {
            return restated;
        }
        var name = Named(plan.Name) ? plan.Name : actual is not null && Named(actual.Name) ? actual.Name : title.Length is > 0 and <= 20 ? Names.Strip(title) : "";
        var indicator = new DraftIndicator
        {
            Key = Names.Key(name, figure.Unit, item.Indicators.Select(i => i.Key).ToHashSet()),
            Name = DraftWriter.Fit(Names.Or(name, figure.Unit), Domain.ProgramFiles.FieldLimits.Name),
            Unit = figure.Unit,
            Target = figure.Value,
            Comparator = figure.Qualifier,
        };
        item.Indicators.Add(indicator);
        evidence.Found(indicator, "name", plan.Phrase, name.Length > 0 ? 0.6m : 0.3m);
        if (sameUnit.Count > 0)
        {
            evidence.Ask(indicator, "target", plan.Phrase,
                $"原文的计划数“{text.Clean(plan.Phrase)}”与子项目标（{string.Join("、", sameUnit.Select(i => i.Name + Domain.Quantities.ChineseNumbers.Figure(i.Target!.Value, i.Unit, Domain.Quantities.Comparator.Exactly)))}）不一致，已另记为一个指标，请核对。");
        }
        return indicator;
    }
}
