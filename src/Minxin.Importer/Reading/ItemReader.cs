using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Importer.Drafts;
using Minxin.Importer.Text;

namespace Minxin.Importer.Reading;

/// <summary>
/// Reads one item: its official wording and the targets in it, its lead and co-operating units and deadline, and what
/// its progress text reports — figures with their periods, a stated 完成率, completion, expected dates and sites.
/// </summary>
internal sealed class ItemReader
{
    private static readonly string[] NoProgress = ["尚无进展报告", "暂无进展"];

    private readonly SourceText _text;
    private readonly Evidence _evidence;
    private readonly int _year;
    private readonly string _normalized;
    private readonly FigureNamer _namer;
    private readonly WordingReader _wording;
    private readonly ProgressReader _progress;
    private readonly ItemStatusReader _status;
    private readonly NarrativeWriter _narrative;
    private readonly PlanReader _plans;
    private readonly BreakdownTotals _breakdowns;

    public ItemReader(SourceText text, Evidence evidence, int year, DateOnly reportDate)
    {
        _text = text;
        _evidence = evidence;
        _year = year;
        _normalized = text.Normalized;
        _namer = new FigureNamer(text);
        _wording = new WordingReader(text, evidence, year);
        _progress = new ProgressReader(text, evidence, _namer, year, reportDate);
        _status = new ItemStatusReader(text, evidence);
        _narrative = new NarrativeWriter(text, evidence);
        _plans = new PlanReader(text, evidence);
        _breakdowns = new BreakdownTotals(text, evidence);
    }

    public DraftItem Read(RawItem raw)
    {
        var item = new DraftItem { Title = "" };
        var (wording, progress) = raw.Cells is { } cells ? _wording.FromCells(cells, item) : _wording.FromLines(raw, item);
        Title(item, raw, wording);
        var (descriptive, stated) = Targets(item, wording);
        progress = progress.Where(p => !NoProgress.Any(w => _text.Slice(p).Contains(w, StringComparison.Ordinal))).ToList();
        var statusCell = raw.Cells?.GetValueOrDefault(Column.Status);
        var percentCell = raw.Cells?.GetValueOrDefault(Column.Percent);
        if (progress.Count == 0 && raw.GroupStatus is null && statusCell is not { Length: > 0 } && percentCell is not { Length: > 0 } && !raw.Breakdowns.Any(b => b.HasDone))
        {
            _breakdowns.Read(item, null, raw.Breakdowns);
            return item; // a plan: the item has no progress yet
        }
        var report = new DraftReport();
        item.Report = report;
        _status.Read(report, raw, progress, statusCell);
        var planned = new List<ProgressFigure>();
        var figures = _progress.Read(item, progress, descriptive, planned);
        _plans.Pair(item, item.Title, stated, planned, figures);
        var statedCell = percentCell is { Length: > 0 } cell ? FigureScanner.Scan(_normalized, cell).FirstOrDefault(f => f.IsPercent) : null;
        var open = TargetMatcher.Match(item, figures, report.Status == ItemStatus.Completed, statedCell?.Value);
        Values(item, report, figures);
        if (statedCell is not null)
        {
            PercentCell(item, report, statedCell, percentCell!.Value);
        }
        AskOpen(report, open);
        var notes = _breakdowns.Read(item, report, raw.Breakdowns);
        FillCompleted(item, report, progress);
        AskAboutDisagreeingFigures(report);
        SitesAndExpectedCompletion(item, report, progress);
        report.Narrative = _narrative.Write(report, progress, notes);
        if (progress.Count > 0)
        {
            _evidence.Found(report, "narrative", progress[0].Union(progress[^1]), 0.9m);
        }
        return item;
    }

    private void Title(DraftItem item, RawItem raw, Span wording)
    {
        item.Title = DraftWriter.Fit(_text.Clean(wording).TrimEnd('。', '；', '，', '：'), FieldLimits.Text);
        if (item.Title.Length == 0)
        {
            item.Title = "（未识别出子项名称）";
            _evidence.Ask(item, "title", raw.Lines.FirstOrDefault(), "没有读出这一子项的名称（官方表述），请补上。");
        }
        else
        {
            _evidence.Found(item, "title", wording, raw.Cells is null ? 0.9m : 0.85m);
        }
        if (raw.Misaligned)
        {
            _evidence.Ask(item, "title", raw.Lines.FirstOrDefault(), "表格这一行的单元格数与表头不一致（可能有合并或空白单元格），已按内容归位，请核对各栏。");
        }
    }

    /// <summary>
    /// The targets in the wording: "新增婴幼儿托位460个、学前教育学位540个" gives two indicators. Returns the counts that
    /// only describe ("福惠道等3条道路"), so that progress repeating them is not taken for progress, and the targets read.
    /// </summary>
    private (List<Figure> Descriptive, List<StatedTarget> Stated) Targets(DraftItem item, Span wording)
    {
        var descriptive = new List<Figure>();
        var stated = new List<StatedTarget>();
        if (wording.Length == 0)
        {
            return (descriptive, stated);
        }
        var keys = new HashSet<string>();
        foreach (var named in _namer.Name(wording, FigureScanner.Scan(_normalized, wording)))
        {
            if (item.Indicators.Count >= ProgressReader.MaxFiguresPerItem)
            {
                _evidence.Ask(item, "indicators", wording, $"这一子项的目标超过 {ProgressReader.MaxFiguresPerItem} 个，其余的没有读取，请核对原文。");
                break;
            }
            var figure = named.Figure;
            var next = figure.Span.End < wording.End ? _normalized[figure.Span.End] : '\0';
            if (next == '的' || named.Before.EndsWith("超过", StringComparison.Ordinal))
            {
                continue; // 超过3万元的在职工会会员: who qualifies, not how many
            }
            if (named.Before.EndsWith('等'))
            {
                descriptive.Add(figure); // 福惠道等3条道路: the roads named, not a count to reach
                continue;
            }
            if (Planned(named) && item.Indicators.FirstOrDefault(i => i.Unit == figure.Unit && i.Target == figure.Value) is { } restated)
            {
                stated.Add(new StatedTarget(figure, restated)); // "改造老旧小区8个，计划完成8个": the same target again
                continue;
            }
            var name = named.Name;
            var indicator = new DraftIndicator
            {
                Key = Names.Key(name, figure.Unit, keys),
                Name = DraftWriter.Fit(Names.Or(name, figure.Unit), FieldLimits.Name),
                Unit = figure.Unit,
                Target = figure.Value,
                Comparator = figure.Qualifier,
            };
            item.Indicators.Add(indicator);
            stated.Add(new StatedTarget(figure, indicator));
            _evidence.Found(indicator, "target", named.Phrase, figure.ChineseNumeral ? 0.7m : 0.9m);
            _evidence.Found(indicator, "name", named.Phrase, name.Length > 0 ? 0.7m : 0.3m);
        }
        return (descriptive, stated);
    }

    private static bool Planned(NamedFigure named) => named.Before.Contains("计划", StringComparison.Ordinal) || named.Before.Contains("目标", StringComparison.Ordinal);

    /// <summary>
    /// Each progress figure as a value: of the target it was matched to, else of an indicator of its own. A stated
    /// percentage goes with the figure before it in its sentence; alone, it is a value of its own.
    /// </summary>
    private void Values(DraftItem item, DraftReport report, List<ProgressFigure> figures)
    {
        var keys = item.Indicators.Select(i => i.Key).ToHashSet();
        foreach (var reading in figures.Where(r => !r.IsStatedRate))
        {
            var figure = reading.Figure;
            var indicator = reading.Target;
            if (indicator is null)
            {
                indicator = new DraftIndicator
                {
                    Key = Names.Key(reading.Name, figure.Unit, keys),
                    Name = DraftWriter.Fit(Names.Or(reading.Name, figure.Unit), FieldLimits.Name),
                    Unit = figure.Unit,
                };
                item.Indicators.Add(indicator);
                _evidence.Found(indicator, "name", reading.Phrase, reading.Name.Length > 0 ? 0.6m : 0.3m);
            }
            var value = new DraftValue
            {
                Indicator = indicator,
                Value = figure.Value,
                Qualifier = figure.Qualifier == Comparator.AtLeast ? Comparator.Over : figure.Qualifier,
                Period = reading.Period,
                Written = figure.Span,
            };
            reading.Value = value;
            report.Values.Add(value);
            _evidence.Found(value, "value", reading.Phrase, reading.Target is null ? (figure.ChineseNumeral ? 0.6m : 0.8m) : reading.IsCumulative ? 0.9m : 0.8m);
            if (reading.Period is not null)
            {
                _evidence.Found(value, "period", reading.Clause, 0.85m);
                if (!reading.Period.Value.StartsOnNewYear)
                {
                    _evidence.Ask(value, "period", reading.Clause,
                        $"“{indicator.Name}”的数值只统计 {reading.Period.Value.ToChinese()}。如果这一指标逐期累加，请把它设为按期统计（accumulation: perPeriod）。");
                }
            }
        }
        foreach (var percent in figures.Where(r => r.IsStatedRate))
        {
            var before = figures.Where(r => r.Clause == percent.Clause && r.Value is not null && r.Figure.Span.End <= percent.Figure.Span.Start).ToList();
            var owner = before.LastOrDefault(r => r.Target?.Target is > 0 && TargetMatcher.Agrees(r.Figure.Value, r.Target.Target.Value, percent.Figure.Value))
                ?? before.LastOrDefault(r => r.Target is not null) ?? before.LastOrDefault() ?? AgreeingInSentence(figures, percent);
            if (owner?.Value is { StatedPercent: null } value)
            {
                value.StatedPercent = percent.Figure.Value;
                _evidence.Found(value, "statedPercent", percent.Phrase, 0.85m);
                continue;
            }
            var indicator = new DraftIndicator { Key = Names.Key(percent.Name, "%", keys), Name = DraftWriter.Fit(Names.Or(percent.Name, "%"), FieldLimits.Name), Unit = "%" };
            item.Indicators.Add(indicator);
            var own = new DraftValue { Indicator = indicator, Value = percent.Figure.Value, Written = percent.Figure.Span, Period = percent.Period };
            report.Values.Add(own);
            _evidence.Found(own, "value", percent.Phrase, 0.6m);
        }
    }

    /// <summary>
    /// "完成数：480个；完成率80%": a rate alone in its clause speaks of the one figure before it in its sentence whose share of
    /// its target it is.
    /// </summary>
    private ProgressFigure? AgreeingInSentence(List<ProgressFigure> figures, ProgressFigure percent)
    {
        var agreeing = figures.Where(r => r.Value is { StatedPercent: null } && r.Target?.Target is > 0 && r.Figure.Span.End <= percent.Figure.Span.Start
            && _normalized.AsSpan(r.Figure.Span.End, percent.Figure.Span.Start - r.Figure.Span.End).IndexOfAny("。！？\n") < 0
            && TargetMatcher.Agrees(r.Figure.Value, r.Target.Target.Value, percent.Figure.Value)).ToList();
        return agreeing.Count == 1 ? agreeing[0] : null;
    }

    /// <summary>A table's 完成率 column: the stated percentage of the target figure it agrees with (else the first), or a value of its own.</summary>
    private void PercentCell(DraftItem item, DraftReport report, Figure figure, Span cell)
    {
        var open = report.Values.Where(v => v.Indicator.Target is not null && v.StatedPercent is null).ToList();
        var agreeing = open.Where(v => v.Indicator.Target is > 0 && TargetMatcher.Agrees(v.Value, v.Indicator.Target.Value, figure.Value)).ToList();
        var value = agreeing.FirstOrDefault() ?? open.FirstOrDefault();
        if (value is not null)
        {
            value.StatedPercent = figure.Value;
            var sure = agreeing.Count == 1 || open.Count == 1;
            _evidence.Found(value, "statedPercent", cell, sure ? 0.85m : 0.5m);
            if (!sure)
            {
                _evidence.Ask(value, "statedPercent", cell, $"完成率 {_text.Clean(cell)} 可能属于“{string.Join("”或“", open.Select(v => v.Indicator.Name))}”，暂记在“{value.Indicator.Name}”，请核对。");
            }
            return;
        }
        var keys = item.Indicators.Select(i => i.Key).ToHashSet();
        var indicator = new DraftIndicator { Key = Names.Key("完成率", "%", keys), Name = "完成率", Unit = "%" };
        item.Indicators.Add(indicator);
        var own = new DraftValue { Indicator = indicator, Value = figure.Value, Written = figure.Span };
        report.Values.Add(own);
        _evidence.Found(own, "value", cell, 0.7m);
    }

    /// <summary>Targets whose progress could not be told apart: the reviewer says which figure counts, unless the item is done.</summary>
    private void AskOpen(DraftReport report, List<OpenTarget> open)
    {
        if (report.Status == ItemStatus.Completed)
        {
            return;
        }
        foreach (var (target, candidates) in open)
        {
            var figures = string.Join("、", candidates.Select(r => _text.Clean(r.Figure.Span)));
            _evidence.Ask(target, "target", candidates[0].Clause,
                $"“{target.Name}”的进展可能是原文中的 {figures}，但无法确定哪个（或是否）计入完成情况，暂未计入，请核对。");
        }
    }

    /// <summary>A completed item reached its targets: each target without a reported figure gets its target as the figure.</summary>
    private void FillCompleted(DraftItem item, DraftReport report, List<Span> progress)
    {
        if (report.Status != ItemStatus.Completed)
        {
            return;
        }
        var over = progress.Any(p => _text.Slice(p).Contains("超额完成", StringComparison.Ordinal));
        var said = progress.Select(p => StatusPhrases.ItemCompletedPhrase(_normalized, p)).FirstOrDefault(s => s is not null) ?? progress.FirstOrDefault();
        foreach (var indicator in item.Indicators.Where(i => i.Target is not null && report.Values.All(v => v.Indicator != i)))
        {
            var value = new DraftValue { Indicator = indicator, Value = indicator.Target!.Value, Qualifier = over ? Comparator.Over : Comparator.Exactly };
            report.Values.Add(value);
            _evidence.Found(value, "value", said, 0.7m);
        }
    }

    /// <summary>A stated percentage that disagrees with the figures, and a target reached without the text saying done, go to the reviewer.</summary>
    private void AskAboutDisagreeingFigures(DraftReport report)
    {
        foreach (var value in report.Values.Where(v => v.Indicator.Target is > 0))
        {
            var target = value.Indicator.Target!.Value;
            var computed = decimal.Floor(value.Value * 100 / target);
            if (value.StatedPercent is { } percent && Math.Abs(percent - computed) >= 2 && value.Written is { } stated)
            {
                _evidence.Ask(value, "statedPercent", stated,
                    $"原文完成率为 {ChineseNumbers.Plain(percent)}%，按 {ChineseNumbers.Plain(value.Value)}/{ChineseNumbers.Plain(target)} 计算为 {computed}%，请核对。");
            }
            if (value.Value >= target && report.Status != ItemStatus.Completed && value.Written is { } written)
            {
                _evidence.Ask(report, "status", written,
                    $"“{value.Indicator.Name}”已达到目标（{ChineseNumbers.Plain(value.Value)}/{ChineseNumbers.Plain(target)}），但原文没有说该子项已完成；是否已完成由审核人决定。");
            }
        }
    }

    /// <summary>The sites the progress text reports on, and the item's expected completion: of several dates, the latest.</summary>
    private void SitesAndExpectedCompletion(DraftItem item, DraftReport report, List<Span> progress)
    {
        var sites = SiteReader.Read(_text, progress, _year);
        var keys = new HashSet<string>();
        foreach (var reading in sites)
        {
            if (item.Sites.Any(s => s.Name == reading.Name))
            {
                continue;
            }
            var site = new DraftSite { Key = Names.Key(reading.Name, "", keys), Name = DraftWriter.Fit(reading.Name, FieldLimits.Name), Town = reading.Town };
            item.Sites.Add(site);
            _evidence.Found(site, "name", reading.Subject, 0.6m);
            var update = new DraftSiteUpdate { Site = site, Phase = reading.Phase, ExpectedCompletion = reading.Expected, Note = DraftWriter.Fit(reading.Note, FieldLimits.Note) };
            report.SiteUpdates.Add(update);
            _evidence.Found(update, "phase", reading.Clause, 0.6m);
            if (reading.Expected is not null)
            {
                _evidence.Found(update, "expectedCompletion", reading.Clause, 0.8m);
            }
        }
        // An expected date said of a site is that site's; the others are the item's.
        var expected = progress.SelectMany(p => DateReader.Expectations(_normalized, p, _year))
            .Where(e => !sites.Any(s => s.Clause.Start <= e.Where.Start && e.Where.End <= s.Clause.End))
            .ToList();
        if (expected.Count > 0)
        {
            var latest = expected.MaxBy(e => e.Date.LatestDay);
            report.ExpectedCompletion = latest.Date;
            _evidence.Found(report, "expectedCompletion", latest.Where, expected.Count == 1 ? 0.8m : 0.6m);
        }
    }
}
