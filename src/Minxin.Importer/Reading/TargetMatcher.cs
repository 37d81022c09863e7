using Minxin.Importer.Drafts;

namespace Minxin.Importer.Reading;

/// <summary>A target no progress figure could be told to count toward, with the figures that might.</summary>
internal sealed record OpenTarget(DraftIndicator Target, List<ProgressFigure> Candidates);

/// <summary>
/// Decides which progress figure counts toward which target: same unit, the same head noun (the end of the name), and
/// 累计/共计 or a 完成率 beside it to tell the total from its parts. A figure that opens its clause ("10个充电桩已完成
/// 选址") speaks of some of the things, not of progress; it and ties are left to the reviewer.
/// </summary>
internal static class TargetMatcher
{
    /// <summary>Sets <see cref="ProgressFigure.Target"/> where sure; returns the targets left open.</summary>
    public static List<OpenTarget> Match(DraftItem item, List<ProgressFigure> figures)
    {
        var stated = figures.Where(f => f.IsStatedRate).ToList();
        bool Marked(ProgressFigure f) => f.IsCumulative || stated.Any(s => s.Sentence == f.Sentence);
        var targets = item.Indicators.Where(i => i.Target is not null).ToList();
        var pairs = new List<(DraftIndicator Target, ProgressFigure Figure, int Score)>();
        foreach (var target in targets)
        {
            var sameUnit = figures.Where(f => !f.Figure.IsPercent && f.Figure.Unit == target.Unit).ToList();
            foreach (var figure in sameUnit)
            {
                // The same head noun, and most of the shorter name: 基层医疗卫生机构 is not 老年友善医疗机构.
                var suffix = Names.CommonSuffix(figure.Name, target.Name);
                var named = suffix >= 2 && suffix * 5 >= Math.Min(figure.Name.Length, target.Name.Length) * 3;
                // "共举办招聘会42场，完成率140%" for the one target counted in 场: the 完成率 says which.
                var only = Marked(figure) && sameUnit.Count == 1 && targets.Count(t => t.Unit == target.Unit) == 1;
                if (named || only)
                {
                    pairs.Add((target, figure, Math.Min(suffix, 8) + (Marked(figure) ? 10 : 0)));
                }
            }
        }
        var open = new List<OpenTarget>();
        foreach (var target in targets)
        {
            var candidates = pairs.Where(p => p.Target == target && p.Figure.Target is null).OrderByDescending(p => p.Score).ToList();
            var sure = candidates.Where(p => !p.Figure.IsSubject || Marked(p.Figure)).ToList();
            if (sure.Count > 0 && (sure.Count == 1 || sure[0].Score > sure[1].Score))
            {
                sure[0].Figure.Target = target;
            }
            else if (candidates.Count > 0)
            {
                open.Add(new OpenTarget(target, candidates.Select(p => p.Figure).ToList()));
            }
        }
        return open;
    }
}
