using System.Text;
using System.Text.RegularExpressions;
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
internal sealed class ItemReader(SourceText text, Evidence evidence, int year, DateOnly reportDate)
{
    /// <summary>A text could list thousands of numbers for one item; past this many the rest are left to the reviewer.</summary>
    public const int MaxFiguresPerItem = 200;

    private const RegexOptions Linear = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    private static readonly Regex Meta = new(
        @"[（(]?\s*(牵头单位|责任单位|牵头部门|责任部门|主责单位|配合单位|配合部门|协办单位|完成时限|完成时间|时间节点|完成期限)\s*[:：]\s*([^；;。）)\n|，]{1,80})[）)]?",
        Linear);

    private static readonly Regex ProgressLabel = new(@"^(?:进展情况|完成情况|工作进展|推进情况|目前进展|进展)\s*[:：]\s*", Linear);

    private static readonly string[] NoProgress = ["尚无进展报告", "暂无进展"];
    private static readonly string[] Cumulative = ["累计", "共计", "合计", "总计"];
    private static readonly string[] Planned = ["计划", "目标", "预计", "力争", "任务为", "任务数"];
    private static readonly string[] ProgressPercent = ["完成率", "完成进度", "进度", "完成比例", "完成百分比"];
    private static readonly string[] BeforePercent = ["已达到", "达到", "已达", "已超", "超过", "接近", "达", "为", "超", "约", "已"];

    private readonly string _s = text.Normalized;

    private sealed class Reading
    {
        public required Figure Figure { get; init; }

        public required string Name { get; set; }

        public required string Before { get; init; }

        public required Span Phrase { get; init; }

        public required Span Sentence { get; init; }

        public Period? Period { get; init; }

        public bool IsCumulative => Cumulative.Any(w => Before.Contains(w, StringComparison.Ordinal));

        /// <summary>"10个充电桩已完成选址": the figure opens its clause and says what some of them are doing.</summary>
        public bool IsSubject => Before.Length == 0 || Before == "其中";

        public DraftIndicator? Target { get; set; }

        public DraftValue? Value { get; set; }
    }

    public DraftItem Read(RawItem raw)
    {
        var item = new DraftItem { Title = "" };
        var (title, progress) = raw.Cells is null ? SplitLines(raw, item) : FromCells(raw, item);
        item.Title = Fit(text.Clean(title).TrimEnd('。', '；', '，', '：'), FieldLimits.Text);
        if (item.Title.Length == 0)
        {
            item.Title = "（未识别出子项名称）";
            evidence.Ask(item, "title", raw.Lines.FirstOrDefault(), "没有读出这一子项的名称（官方表述），请补上。");
        }
        else
        {
            evidence.Found(item, "title", title, raw.Cells is null ? 0.9m : 0.85m);
        }
        if (raw.Misaligned)
        {
            evidence.Ask(item, "title", raw.Lines.FirstOrDefault(), "表格这一行的单元格数与表头不一致（可能有合并或空白单元格），已按内容归位，请核对各栏。");
        }
        var descriptive = Targets(item, title);
        progress = progress.Where(p => !NoProgress.Any(w => text.Slice(p).Contains(w, StringComparison.Ordinal))).ToList();
        var statusCell = raw.Cells?.GetValueOrDefault(Column.Status);
        var percentCell = raw.Cells?.GetValueOrDefault(Column.Percent);
        if (progress.Count == 0 && raw.GroupStatus is null && statusCell is not { Length: > 0 } && percentCell is not { Length: > 0 })
        {
            return item; // a plan: the item has no progress yet
        }
        var report = new DraftReport();
        item.Report = report;
        var readings = Progress(item, progress, descriptive);
        var open = Match(item, readings);
        Values(item, report, readings);
        if (percentCell is { Length: > 0 } cell)
        {
            PercentCell(item, report, cell);
        }
        Status(report, raw, progress, statusCell);
        AskOpen(report, open);
        FillCompleted(item, report, progress);
        Check(report);
        Sites(item, report, progress);
        report.Narrative = Narrative(report, progress);
        if (progress.Count > 0)
        {
            evidence.Found(report, "narrative", progress[0].Union(progress[^1]), 0.9m);
        }
        return item;
    }

    // ---- The item's wording and its units -------------------------------------------------------------------

    private (Span Title, List<Span> Progress) SplitLines(RawItem raw, DraftItem item)
    {
        var holes = new List<Span>();
        foreach (var line in raw.Lines)
        {
            for (var m = Meta.Match(_s, line.Start, line.Length); m.Success; m = m.NextMatch())
            {
                holes.Add(new Span(m.Index, m.Length));
                UnitField(item, m.Groups[1].Value, new Span(m.Groups[2].Index, m.Groups[2].Length));
            }
        }
        var pieces = raw.Lines.SelectMany(l => Subtract(l, holes)).Select(text.Trim).Where(p => p.Length > 0).ToList();
        if (pieces.Count == 0)
        {
            return (default, []);
        }
        var first = pieces[0];
        var stop = SentenceEnd(first);
        var progress = new List<Span>();
        Span title;
        if (stop >= 0)
        {
            title = Span.FromTo(first.Start, stop);
            progress.Add(Span.FromTo(stop + 1, first.End));
        }
        else if (ProgressStart(first) is var at and > 0)
        {
            title = Span.FromTo(first.Start, at);
            progress.Add(Span.FromTo(at, first.End));
        }
        else
        {
            title = first;
        }
        progress.AddRange(pieces.Skip(1));
        return (text.Trim(title), progress.Select(WithoutLabel).Where(p => p.Length > 0).ToList());
    }

    private (Span Title, List<Span> Progress) FromCells(RawItem raw, DraftItem item)
    {
        var cells = raw.Cells!;
        foreach (var (column, field) in new[] { (Column.Lead, "牵头单位"), (Column.Cooperating, "配合单位"), (Column.Deadline, "完成时限") })
        {
            if (cells.TryGetValue(column, out var cell))
            {
                UnitField(item, field, cell);
            }
        }
        var title = cells.TryGetValue(Column.Target, out var target) ? target : cells.GetValueOrDefault(Column.Name);
        var progress = cells.TryGetValue(Column.Progress, out var p) ? new List<Span> { WithoutLabel(p) } : [];
        return (title, progress);
    }

    private void UnitField(DraftItem item, string field, Span value)
    {
        var content = text.Clean(value).Trim('：', ':', ' ', '，');
        if (content.Length == 0)
        {
            return;
        }
        if (field.StartsWith("配合") || field.StartsWith("协办"))
        {
            foreach (var unit in content.Split('、', '，', ',', '；', ' ').Select(u => u.Trim()).Where(u => u.Length > 0))
            {
                item.CooperatingUnits.Add(Fit(unit, FieldLimits.Name));
            }
            evidence.Found(item, "cooperatingUnits", value, 0.85m);
        }
        else if (field.Contains('时') || field.Contains("期限"))
        {
            if (DateReader.Deadline(_s, value, year) is { } deadline)
            {
                item.Deadline = deadline;
                evidence.Found(item, "deadline", value, 0.8m);
            }
            else
            {
                evidence.Ask(item, "deadline", value, $"完成时限“{content}”没能读成日期，请填写 deadline。");
            }
        }
        else
        {
            item.LeadUnit = Fit(content, FieldLimits.Name);
            evidence.Found(item, "leadUnit", value, 0.9m);
        }
    }

    /// <summary>The targets in the wording: "新增婴幼儿托位460个、学前教育学位540个" gives two indicators.</summary>
    private List<Figure> Targets(DraftItem item, Span title)
    {
        var descriptive = new List<Figure>();
        if (title.Length == 0)
        {
            return descriptive;
        }
        var figures = FigureScanner.Scan(_s, title);
        foreach (var reading in Name(title, figures))
        {
            var figure = reading.Figure;
            var next = figure.Span.End < title.End ? _s[figure.Span.End] : '\0';
            if (next == '的' || reading.Before.EndsWith("超过", StringComparison.Ordinal))
            {
                continue; // 超过3万元的在职工会会员: who qualifies, not how many
            }
            if (reading.Before.EndsWith('等'))
            {
                descriptive.Add(figure); // 福惠道等3条道路: the roads named, not a count to reach
                continue;
            }
            var name = figure.IsPercent ? Names.BeforePercent(reading.Name) : reading.Name;
            var indicator = new DraftIndicator
            {
                Key = Names.Key(name, figure.Unit, item.Indicators.Select(i => i.Key).ToHashSet()),
                Name = Fit(NameOr(name, figure.Unit), FieldLimits.Name),
                Unit = figure.Unit,
                Target = figure.Value,
                Comparator = figure.Qualifier,
            };
            item.Indicators.Add(indicator);
            evidence.Found(indicator, "target", reading.Phrase, figure.ChineseNumeral ? 0.7m : 0.9m);
            evidence.Found(indicator, "name", reading.Phrase, name.Length > 0 ? 0.7m : 0.3m);
        }
        return descriptive;
    }

    // ---- Progress ------------------------------------------------------------------------------------------------

    private List<Reading> Progress(DraftItem item, List<Span> progress, List<Figure> descriptive)
    {
        var readings = new List<Reading>();
        foreach (var sentence in progress.SelectMany(Sentences))
        {
            var clause = Span.FromTo(sentence.Start, FirstComma(sentence));
            var period = DateReader.LeadingPeriod(_s, clause, year);
            Period? covered = null;
            if (period is { } found)
            {
                if (found.Period.To > reportDate)
                {
                    evidence.Ask(item, "reports", found.Where, $"“{text.Slice(found.Where)}”晚于报告日期 {reportDate:yyyy-MM-dd}，这一句的数值没有记时段，请核对报告日期。");
                }
                else if (found.Period != Period.YearToDate(reportDate))
                {
                    covered = found.Period;
                }
            }
            var figures = FigureScanner.Scan(_s, sentence);
            foreach (var named in Name(sentence, figures))
            {
                var (figure, name, before, phrase) = named;
                if (readings.Count >= MaxFiguresPerItem)
                {
                    evidence.Ask(item, "reports", sentence, $"这一子项的数字超过 {MaxFiguresPerItem} 个，其余的没有读取，请核对原文。");
                    return readings;
                }
                if (before.EndsWith('等') && descriptive.Any(d => d.Value == figure.Value && d.Unit == figure.Unit))
                {
                    continue; // the text repeats the wording's "等3条道路": a name, not progress
                }
                if (!figure.IsPercent && Planned.Any(w => before.Contains(w, StringComparison.Ordinal)))
                {
                    continue; // 计划新增…, 目标任务为…: the plan, not what was done
                }
                if (figure.IsPercent)
                {
                    name = Names.BeforePercent(name);
                }
                if (figure.IsPercent && Names.IsChange(name) && readings.LastOrDefault(r => r.Sentence == sentence) is { } previous)
                {
                    name = previous.Name + name; // 发生火灾3起，下降62.5%: the fall of the figure before
                }
                readings.Add(new Reading
                {
                    Figure = figure,
                    Name = name,
                    Before = before,
                    Phrase = phrase,
                    Sentence = sentence,
                    Period = covered,
                });
            }
        }
        return readings;
    }

    private static bool IsStatedProgress(Reading reading)
    {
        if (!reading.Figure.IsPercent)
        {
            return false;
        }
        var before = reading.Before;
        var trimmed = true;
        while (trimmed)
        {
            trimmed = false;
            foreach (var word in BeforePercent)
            {
                if (before.EndsWith(word, StringComparison.Ordinal) && before.Length > word.Length)
                {
                    before = before[..^word.Length];
                    trimmed = true;
                    break;
                }
            }
        }
        return ProgressPercent.Any(w => before.EndsWith(w, StringComparison.Ordinal))
            || before.EndsWith('的') && before.Contains("完成") && (before.Contains("目标") || before.Contains("任务") || before.Contains("计划"));
    }

    /// <summary>
    /// Which progress figure counts toward which target: same unit, the same head noun (the end of the name), and
    /// 累计/共计 or a 完成率 beside it to tell the total from its parts. A figure that opens its clause ("10个充电桩已完成
    /// 选址") speaks of some of the things, not of progress; it and ties are left to the reviewer.
    /// Returns the targets left open with the figures that might have counted toward them.
    /// </summary>
    private static List<(DraftIndicator Target, List<Reading> Candidates)> Match(DraftItem item, List<Reading> readings)
    {
        var stated = readings.Where(IsStatedProgress).ToList();
        bool Marked(Reading r) => r.IsCumulative || stated.Any(s => s.Sentence == r.Sentence);
        var targets = item.Indicators.Where(i => i.Target is not null).ToList();
        var pairs = new List<(DraftIndicator Target, Reading Reading, int Score)>();
        foreach (var target in targets)
        {
            var sameUnit = readings.Where(r => !r.Figure.IsPercent && r.Figure.Unit == target.Unit).ToList();
            foreach (var reading in sameUnit)
            {
                // The same head noun, and most of the shorter name: 基层医疗卫生机构 is not 老年友善医疗机构.
                var suffix = Names.CommonSuffix(reading.Name, target.Name);
                var named = suffix >= 2 && suffix * 5 >= Math.Min(reading.Name.Length, target.Name.Length) * 3;
                // "共举办招聘会42场，完成率140%" for the one target counted in 场: the 完成率 says which.
                var only = Marked(reading) && sameUnit.Count == 1 && targets.Count(t => t.Unit == target.Unit) == 1;
                if (named || only)
                {
                    pairs.Add((target, reading, Math.Min(suffix, 8) + (Marked(reading) ? 10 : 0)));
                }
            }
        }
        var open = new List<(DraftIndicator Target, List<Reading> Candidates)>();
        foreach (var target in targets)
        {
            var candidates = pairs.Where(p => p.Target == target && p.Reading.Target is null).OrderByDescending(p => p.Score).ToList();
            var sure = candidates.Where(p => !p.Reading.IsSubject || Marked(p.Reading)).ToList();
            if (sure.Count > 0 && (sure.Count == 1 || sure[0].Score > sure[1].Score))
            {
                sure[0].Reading.Target = target;
            }
            else if (candidates.Count > 0)
            {
                open.Add((target, candidates.Select(p => p.Reading).ToList()));
            }
        }
        return open;
    }

    /// <summary>Targets whose progress could not be told apart: the reviewer says which figure counts, unless the item is done.</summary>
    private void AskOpen(DraftReport report, List<(DraftIndicator Target, List<Reading> Candidates)> open)
    {
        if (report.Status == ItemStatus.Completed)
        {
            return;
        }
        foreach (var (target, candidates) in open)
        {
            var figures = string.Join("、", candidates.Select(r => text.Clean(r.Figure.Span)));
            evidence.Ask(target, "target", candidates[0].Sentence,
                $"“{target.Name}”的进展可能是原文中的 {figures}，但无法确定哪个（或是否）计入完成情况，暂未计入，请核对。");
        }
    }

    private void Values(DraftItem item, DraftReport report, List<Reading> readings)
    {
        var keys = item.Indicators.Select(i => i.Key).ToHashSet();
        foreach (var reading in readings.Where(r => !IsStatedProgress(r)))
        {
            var figure = reading.Figure;
            var indicator = reading.Target;
            if (indicator is null)
            {
                indicator = new DraftIndicator
                {
                    Key = Names.Key(reading.Name, figure.Unit, keys),
                    Name = Fit(NameOr(reading.Name, figure.Unit), FieldLimits.Name),
                    Unit = figure.Unit,
                };
                item.Indicators.Add(indicator);
                evidence.Found(indicator, "name", reading.Phrase, reading.Name.Length > 0 ? 0.6m : 0.3m);
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
            evidence.Found(value, "value", reading.Phrase, reading.Target is null ? (figure.ChineseNumeral ? 0.6m : 0.8m) : reading.IsCumulative ? 0.9m : 0.8m);
            if (reading.Period is not null)
            {
                evidence.Found(value, "period", reading.Sentence, 0.85m);
                if (!reading.Period.Value.StartsOnNewYear)
                {
                    evidence.Ask(value, "period", reading.Sentence,
                        $"“{indicator.Name}”的数值只统计 {reading.Period.Value.ToChinese()}。如果这一指标逐期累加，请把它设为按期统计（accumulation: perPeriod）。");
                }
            }
        }
        foreach (var percent in readings.Where(IsStatedProgress))
        {
            var before = readings.Where(r => r.Sentence == percent.Sentence && r.Value is not null && r.Figure.Span.End <= percent.Figure.Span.Start).ToList();
            var owner = before.LastOrDefault(r => r.Target is not null) ?? before.LastOrDefault();
            if (owner?.Value is { StatedPercent: null } value)
            {
                value.StatedPercent = percent.Figure.Value;
                evidence.Found(value, "statedPercent", percent.Phrase, 0.85m);
                continue;
            }
            var indicator = new DraftIndicator { Key = Names.Key(percent.Name, "%", keys), Name = Fit(NameOr(percent.Name, "%"), FieldLimits.Name), Unit = "%" };
            item.Indicators.Add(indicator);
            var own = new DraftValue { Indicator = indicator, Value = percent.Figure.Value, Written = percent.Figure.Span, Period = percent.Period };
            report.Values.Add(own);
            evidence.Found(own, "value", percent.Phrase, 0.6m);
        }
    }

    private void PercentCell(DraftItem item, DraftReport report, Span cell)
    {
        var figures = FigureScanner.Scan(_s, cell).Where(f => f.IsPercent).ToList();
        if (figures.Count == 0)
        {
            return;
        }
        var figure = figures[0];
        var value = report.Values.FirstOrDefault(v => v.Indicator.Target is not null && v.StatedPercent is null);
        if (value is not null)
        {
            value.StatedPercent = figure.Value;
            evidence.Found(value, "statedPercent", cell, 0.85m);
            return;
        }
        var keys = item.Indicators.Select(i => i.Key).ToHashSet();
        var indicator = new DraftIndicator { Key = Names.Key("完成率", "%", keys), Name = "完成率", Unit = "%" };
        item.Indicators.Add(indicator);
        var own = new DraftValue { Indicator = indicator, Value = figure.Value, Written = figure.Span };
        report.Values.Add(own);
        evidence.Found(own, "value", cell, 0.7m);
    }

    // ---- Status ---------------------------------------------------------------------------------------------------

    private void Status(DraftReport report, RawItem raw, List<Span> progress, Span? statusCell)
    {
        var span = progress.Count > 0 ? progress[0].Union(progress[^1]) : raw.Lines.FirstOrDefault();
        report.Status = ItemStatus.InProgress;
        var confidence = 0.6m;
        if (raw.GroupStatus is { } group)
        {
            report.Status = group;
            span = raw.GroupHeading;
            confidence = 0.9m;
            if (raw.GroupSuspended)
            {
                evidence.Ask(report, "status", raw.GroupHeading, "原文为“暂缓”，数据文件没有暂缓状态，暂记为滞后（delayed），请确认。");
            }
        }
        if (statusCell is { Length: > 0 } cell && StatusPhrases.OfCell(text.Slice(cell)) is { } said)
        {
            report.Status = said;
            span = cell;
            confidence = 0.9m;
        }
        foreach (var piece in progress)
        {
            if (CompletedPhrase(piece) is { } done)
            {
                if (report.Status != ItemStatus.Completed && confidence >= 0.9m)
                {
                    evidence.Ask(report, "status", done, $"原文说“{text.Slice(done)}”，但它所在的分组（或状态栏）不是“已完成”，请确认状态。");
                }
                report.Status = ItemStatus.Completed;
                span = done;
                confidence = 0.95m;
                break;
            }
            if (confidence < 0.9m && StatusPhrases.DelayedPhrase(_s, piece.Start, piece.Length) is { Success: true } late)
            {
                report.Status = ItemStatus.Delayed;
                span = new Span(late.Index, late.Length);
                confidence = 0.7m;
            }
            else if (confidence < 0.9m && StatusPhrases.NotStartedPhrase(_s, piece.Start, piece.Length) is { Success: true } idle)
            {
                report.Status = ItemStatus.NotStarted;
                span = new Span(idle.Index, idle.Length);
                confidence = 0.7m;
            }
        }
        evidence.Found(report, "status", span, confidence);
        if (report.Status == ItemStatus.Completed)
        {
            return;
        }
        foreach (var piece in progress)
        {
            if (StatusPhrases.BasicallyDone(_s, piece.Start, piece.Length) is { Success: true } basically)
            {
                evidence.Ask(report, "status", new Span(basically.Index, basically.Length), $"原文说“{basically.Value}”，是否算该子项已完成？暂记为推进中。");
                break;
            }
            if (StatusPhrases.BareCompletedPhrase(_s, piece.Start, piece.Length) is { Success: true } bare)
            {
                evidence.Ask(report, "status", SentenceAround(bare.Index), "原文有“已完成”，但没说是整个子项还是其中一步，暂记为推进中，请确认。");
                break;
            }
        }
    }

    /// <summary>"该项目已完成", "超额完成全年任务"; not "该项目已完成立项" (a step).</summary>
    private Span? CompletedPhrase(Span piece)
    {
        for (var m = StatusPhrases.CompletedPhrase(_s, piece.Start, piece.Length); m.Success; m = m.NextMatch())
        {
            var end = m.Index + m.Length;
            if (!m.Value.EndsWith("完成", StringComparison.Ordinal) || end >= piece.End || _s[end] is '。' or '，' or '；' or '！' or '、' or '并' or '(' or '（' or '了'
                || _s.AsSpan(end).StartsWith("任务") || _s.AsSpan(end).StartsWith("目标") || _s.AsSpan(end).StartsWith("建设"))
            {
                return new Span(m.Index, m.Length);
            }
        }
        return null;
    }

    /// <summary>A completed item reached its targets: each target without a reported figure gets its target as the figure.</summary>
    private void FillCompleted(DraftItem item, DraftReport report, List<Span> progress)
    {
        if (report.Status != ItemStatus.Completed)
        {
            return;
        }
        var over = progress.Any(p => text.Slice(p).Contains("超额完成", StringComparison.Ordinal));
        var said = progress.Select(CompletedPhrase).FirstOrDefault(s => s is not null) ?? progress.FirstOrDefault();
        foreach (var indicator in item.Indicators.Where(i => i.Target is not null && report.Values.All(v => v.Indicator != i)))
        {
            var value = new DraftValue { Indicator = indicator, Value = indicator.Target!.Value, Qualifier = over ? Comparator.Over : Comparator.Exactly };
            report.Values.Add(value);
            evidence.Found(value, "value", said, 0.7m);
        }
    }

    private void Check(DraftReport report)
    {
        foreach (var value in report.Values.Where(v => v.Indicator.Target is > 0))
        {
            var target = value.Indicator.Target!.Value;
            var computed = decimal.Floor(value.Value * 100 / target);
            if (value.StatedPercent is { } percent && Math.Abs(percent - computed) >= 2 && !(value.Written is null))
            {
                evidence.Ask(value, "statedPercent", value.Written.Value,
                    $"原文完成率为 {ChineseNumbers.Plain(percent)}%，按 {ChineseNumbers.Plain(value.Value)}/{ChineseNumbers.Plain(target)} 计算为 {computed}%，请核对。");
            }
            if (value.Value >= target && report.Status != ItemStatus.Completed && value.Written is { } written)
            {
                evidence.Ask(report, "status", written,
                    $"“{value.Indicator.Name}”已达到目标（{ChineseNumbers.Plain(value.Value)}/{ChineseNumbers.Plain(target)}），但原文没有说该子项已完成；是否已完成由审核人决定。");
            }
        }
    }

    // ---- Sites and expected dates ------------------------------------------------------------------------------

    private void Sites(DraftItem item, DraftReport report, List<Span> progress)
    {
        var sites = SiteReader.Read(text, progress, year);
        var keys = new HashSet<string>();
        foreach (var reading in sites)
        {
            if (item.Sites.Any(s => s.Name == reading.Name))
            {
                continue;
            }
            var site = new DraftSite { Key = Names.Key(reading.Name, "", keys), Name = Fit(reading.Name, FieldLimits.Name), Town = reading.Town };
            item.Sites.Add(site);
            evidence.Found(site, "name", reading.Subject, 0.6m);
            var update = new DraftSiteUpdate { Site = site, Phase = reading.Phase, ExpectedCompletion = reading.Expected, Note = Fit(reading.Note, FieldLimits.Note) };
            report.SiteUpdates.Add(update);
            evidence.Found(update, "phase", reading.Clause, 0.6m);
            if (reading.Expected is not null)
            {
                evidence.Found(update, "expectedCompletion", reading.Clause, 0.8m);
            }
        }
        // An expected date not said of a site is said of the item; of several, the latest.
        var expected = progress.SelectMany(p => DateReader.Expectations(_s, p, year))
            .Where(e => !sites.Any(s => s.Clause.Start <= e.Where.Start && e.Where.End <= s.Clause.End))
            .ToList();
        if (expected.Count > 0)
        {
            var latest = expected.MaxBy(e => e.Date.LatestDay);
            report.ExpectedCompletion = latest.Date;
            evidence.Found(report, "expectedCompletion", latest.Where, expected.Count == 1 ? 0.8m : 0.6m);
        }
    }

    // ---- Narrative ---------------------------------------------------------------------------------------------

    /// <summary>
    /// The progress text as the report's narrative, without the "目前，" and "该项目已完成。" the article adds back; a figure
    /// becomes {key} where the rendered value reads exactly as the text did, so correcting the value corrects the prose.
    /// </summary>
    private string Narrative(DraftReport report, List<Span> progress)
    {
        var tokens = new List<(Span Where, string Token)>();
        foreach (var value in report.Values.Where(v => v.Written is not null))
        {
            var written = text.Clean(value.Written!.Value);
            if (value.Indicator.Unit != "%" || value.StatedPercent is null)
            {
                if (ChineseNumbers.Figure(value.Value, value.Indicator.Unit, value.Qualifier) == written)
                {
                    tokens.Add((value.Written.Value, Domain.Progress.Narrative.Token(value.Indicator.Key)));
                }
            }
        }
        var result = new StringBuilder();
        foreach (var piece in progress)
        {
            var start = piece.Start;
            if (result.Length == 0)
            {
                start = SkipOpening(piece);
            }
            foreach (var (where, token) in tokens.Where(t => t.Where.Start >= start && t.Where.End <= piece.End).OrderBy(t => t.Where.Start))
            {
                result.Append(Domain.Progress.Narrative.Escape(text.Clean(Span.FromTo(start, where.Start)))).Append(token);
                start = where.End;
            }
            result.Append(Domain.Progress.Narrative.Escape(text.Clean(Span.FromTo(start, piece.End))));
        }
        var narrative = result.ToString().Trim();
        if (narrative.Length > FieldLimits.Narrative)
        {
            evidence.Ask(report, "narrative", progress[0], $"进展叙述超过 {FieldLimits.Narrative} 字，已截断，请核对。");
            narrative = narrative[..FieldLimits.Narrative];
        }
        return narrative;
    }

    /// <summary>Past "目前，" and a leading "该项目已完成。": the article writes those itself.</summary>
    private int SkipOpening(Span piece)
    {
        var at = piece.Start;
        foreach (var opening in new[] { "该项目已完成。", "该项目已完成，", "目前，", "目前," })
        {
            if (_s.AsSpan(at, piece.End - at).StartsWith(opening, StringComparison.Ordinal))
            {
                at += opening.Length;
            }
        }
        return at;
    }

    // ---- Text helpers ------------------------------------------------------------------------------------------------

    /// <summary>Names each figure of a sentence (see <see cref="Names"/>); a figure in a list borrows its neighbour's noun.</summary>
    private List<(Figure Figure, string Name, string Before, Span Phrase)> Name(Span range, List<Figure> figures)
    {
        var named = new List<(Figure Figure, string Name, string Before, Span Phrase)>();
        var floor = range.Start;
        for (var k = 0; k < figures.Count; k++)
        {
            var figure = figures[k];
            var start = Math.Min(figure.Span.Start, Math.Max(floor, LastHardStop(floor, figure.Span.Start) + 1));
            var before = TextNormalizer.Clean(_s.AsSpan(start, figure.Span.Start - start));
            var stripped = before is "、" or "和" or "及" ? "" : Names.Strip(before);
            var limit = k + 1 < figures.Count ? Math.Min(range.End, figures[k + 1].Span.Start) : range.End;
            var after = figure.Span.End < limit && !IsHardStop(_s[figure.Span.End]) ? Names.After(_s, figure.Span.End, limit) : "";
            // 数词+量词+名词: a noun right after the measure word is what is counted ("41家菜市场"); otherwise the words before name it.
            var useAfter = after.Length >= 2;
            var name = useAfter ? after : stripped;
            var phrase = useAfter ? Span.FromTo(figure.Span.Start, figure.Span.End + after.Length) : Span.FromTo(start, figure.Span.End);
            named.Add((figure, name, before, text.Trim(phrase)));
            floor = useAfter ? figure.Span.End + after.Length : figure.Span.End;
        }
        for (var i = 0; i < named.Count; i++)
        {
            if (named[i].Name.Length > 0)
            {
                continue;
            }
            var listed = named[i].Before.Length == 0 || named[i].Before is "、" or "和" or "及";
            var neighbour = listed && i > 0 && InOneClause(named[i - 1].Figure, named[i].Figure) ? named[i - 1].Name
                : i + 1 < named.Count && InOneClause(named[i].Figure, named[i + 1].Figure) ? named[i + 1].Name
                : "";
            named[i] = named[i] with { Name = neighbour };
        }
        return named;
    }

    private bool InOneClause(Figure a, Figure b)
    {
        for (var i = a.Span.End; i < b.Span.Start; i++)
        {
            if (IsHardStop(_s[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsHardStop(char c) => c is '，' or '；' or '。' or '：' or '！' or '？' or '\n';

    private int LastHardStop(int floor, int before)
    {
        for (var i = before - 1; i >= floor; i--)
        {
            if (IsHardStop(_s[i]))
            {
                return i;
            }
        }
        return floor - 1;
    }

    private IEnumerable<Span> Sentences(Span range)
    {
        var start = range.Start;
        for (var i = range.Start; i <= range.End; i++)
        {
            if (i == range.End || _s[i] is '。' or '！' or '？')
            {
                var sentence = text.Trim(Span.FromTo(start, i));
                if (sentence.Length > 0)
                {
                    yield return sentence;
                }
                start = i + 1;
            }
        }
    }

    private int FirstComma(Span sentence)
    {
        for (var i = sentence.Start; i < sentence.End; i++)
        {
            if (_s[i] is '，' or '；' or '：')
            {
                return i;
            }
        }
        return sentence.End;
    }

    private Span SentenceAround(int index)
    {
        var start = index;
        while (start > 0 && _s[start - 1] is not ('。' or '；' or '\n'))
        {
            start--;
        }
        var end = index;
        while (end < _s.Length && _s[end] is not ('。' or '；' or '\n'))
        {
            end++;
        }
        return Span.FromTo(start, end);
    }

    /// <summary>The 。 that ends the wording, outside brackets and quotes; -1 if none.</summary>
    private int SentenceEnd(Span line)
    {
        var depth = 0;
        for (var i = line.Start; i < line.End; i++)
        {
            var c = _s[i];
            if (c is '（' or '(' or '“' or '《')
            {
                depth++;
            }
            else if (c is '）' or ')' or '”' or '》')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (c == '。' && depth == 0)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Where progress starts in a line without 。: "新增托位460个，目前已新增300个".</summary>
    private int ProgressStart(Span line)
    {
        foreach (var word in new[] { "，目前", "，截至", "，截止", "，进展情况" })
        {
            var at = _s.IndexOf(word, line.Start, line.Length, StringComparison.Ordinal);
            if (at > line.Start + 3)
            {
                return at + 1;
            }
        }
        return -1;
    }

    private Span WithoutLabel(Span piece)
    {
        var m = ProgressLabel.Match(_s, piece.Start, piece.Length);
        return m.Success ? text.Trim(Span.FromTo(m.Index + m.Length, piece.End)) : piece;
    }

    private static IEnumerable<Span> Subtract(Span line, List<Span> holes)
    {
        var start = line.Start;
        foreach (var hole in holes.Where(h => h.Start >= line.Start && h.End <= line.End).OrderBy(h => h.Start))
        {
            yield return Span.FromTo(start, hole.Start);
            start = hole.End;
        }
        yield return Span.FromTo(start, line.End);
    }

    private static string NameOr(string name, string unit) => name.Length > 0 ? name : unit == "%" ? "比例" : "数量（" + unit + "）";

    private static string Fit(string value, int limit) => DraftWriter.Fit(value, limit);
}
