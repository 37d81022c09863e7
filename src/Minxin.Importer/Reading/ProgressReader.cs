using Minxin.Domain.Quantities;
using Minxin.Importer.Drafts;
using Minxin.Importer.Text;

namespace Minxin.Importer.Reading;

/// <summary>A figure of the progress text: named, with the clause it is in, the period it covers, and what it came to count for.</summary>
internal sealed class ProgressFigure
{
    private static readonly string[] Cumulative = ["累计", "共计", "合计", "总计"];
    private static readonly string[] RateWords = ["完成率", "完成进度", "进度", "完成比例", "完成百分比"];

    private bool? _isStatedRate;

    public required Figure Figure { get; init; }

    public required string Name { get; set; }

    public required string Before { get; init; }

    public required Span Phrase { get; init; }

    /// <summary>The clause (up to ；or 。) the figure is in: a 完成率 there speaks of it.</summary>
    public required Span Clause { get; init; }

    public Period? Period { get; init; }

    public bool IsCumulative => Cumulative.Any(w => Before.Contains(w, StringComparison.Ordinal));

    /// <summary>"10个充电桩已完成选址", "目前2所幼儿园均已主体完工": the figure opens its clause and says what some of them are doing.</summary>
    public bool IsSubject => Before is "" or "其中" or "目前";

    /// <summary>"3条已完工", "8个站点已全部建成": the figure opens its clause and says those are done.</summary>
    public bool SaysDone { get; init; }

    /// <summary>"完成率85%", "完成年度目标的26.9%", "占年度目标的55%": the text's own percentage of a target, not a figure of its own.</summary>
    public bool IsStatedRate => _isStatedRate ??= Figure.IsPercent && SaysRate(Before);

    /// <summary>The target this figure was found to count toward.</summary>
    public DraftIndicator? Target { get; set; }

    public DraftValue? Value { get; set; }

    private static bool SaysRate(string before)
    {
        var trimmed = true;
        while (trimmed)
        {
            trimmed = false;
            foreach (var word in Names.VerbsBeforeFigure.Append("已"))
            {
                if (before.EndsWith(word, StringComparison.Ordinal) && before.Length > word.Length)
                {
                    before = before[..^word.Length];
                    trimmed = true;
                    break;
                }
            }
        }
        return RateWords.Any(w => before.EndsWith(w, StringComparison.Ordinal))
            || before.EndsWith('的') && (before.Contains("目标") || before.Contains("任务") || before.Contains("计划")); // 完成年度目标的, 占全年任务的
    }
}

/// <summary>
/// Reads the figures of an item's progress text, clause by clause: each with its name, and the period its sentence
/// opens with ("1—5月份，…") when it is not simply the year to the report's date. Planned figures ("计划新增…", "年度目标…")
/// are not progress: they are kept apart, as targets the figure beside them may report on (see <see cref="PlanReader"/>).
/// Forecasts ("预计…"), what is left to do ("其余3条") and the wording's own descriptive counts ("等3条道路") are left out.
/// </summary>
internal sealed class ProgressReader(SourceText text, Evidence evidence, FigureNamer namer, int year, DateOnly reportDate)
{
    /// <summary>A text could list thousands of numbers for one item; past this many the rest are left to the reviewer.</summary>
    public const int MaxFiguresPerItem = 200;

    private static readonly string[] Planned = ["计划", "目标", "任务为", "任务数", "任务量", "应完成"];

    private static readonly string[] Forecast = ["预计", "力争"];

    /// <summary>"按计划已完成15个": done as planned, not a plan.</summary>
    private static readonly string[] AsPlanned = ["按照计划", "按计划", "序时计划"];

    /// <summary>Verbs that say a thing is finished, not that a step of it is ("已完成选址" is a step; "已完工" is not).</summary>
    private static readonly string[] DoneWords = ["完工", "建成", "竣工", "投用", "投入使用", "交付使用", "开通", "通车", "改造完成", "完成改造"];

    private readonly string _normalized = text.Normalized;

    /// <param name="planned">Gets the planned figures ("计划改造20个"), which are not progress.</param>
    public List<ProgressFigure> Read(DraftItem item, List<Span> progress, List<Figure> descriptive, List<ProgressFigure> planned)
    {
        var figures = new List<ProgressFigure>();
        foreach (var sentence in progress.SelectMany(p => Sentences.Split(text, p, Sentences.EndsSentence)))
        {
            // The period opens the sentence; each ；-clause reports on one thing, and a 完成率 speaks of its own clause.
            var period = Period(item, sentence);
            foreach (var clause in Sentences.Split(text, sentence, c => c == '；'))
            {
                foreach (var named in namer.Name(clause, FigureScanner.Scan(_normalized, clause)))
                {
                    if (figures.Count + planned.Count >= MaxFiguresPerItem)
                    {
                        evidence.Ask(item, "reports", clause, $"这一子项的数字超过 {MaxFiguresPerItem} 个，其余的没有读取，请核对原文。");
                        return figures;
                    }
                    if (IsPlanned(named, clause))
                    {
                        planned.Add(Figure(named, clause, period, figures));
                    }
                    else if (IsProgress(named, descriptive))
                    {
                        figures.Add(Figure(named, clause, period, figures));
                    }
                }
            }
        }
        return figures;
    }

    private bool IsProgress(NamedFigure named, List<Figure> descriptive)
    {
        var (figure, _, before, _) = named;
        if (before.EndsWith('等') && descriptive.Any(d => d.Value == figure.Value && d.Unit == figure.Unit))
        {
            return false; // the text repeats the wording's "等3条道路": a name, not progress
        }
        if (!figure.IsPercent && (Forecast.Any(w => before.Contains(w, StringComparison.Ordinal))
            || Forecast.Any(w => _normalized.AsSpan(figure.Span.End).StartsWith(w, StringComparison.Ordinal))))
        {
            return false; // 预计年底前完成…, 新增学位810个预计9月底前投入使用: a forecast, not what was done
        }
        if (Names.IsRemainder(before))
        {
            return false; // 其余3条正在施工: what is left to do
        }
        return figure.IsPercent || figure.Span.End >= _normalized.Length || _normalized[figure.Span.End] != '的'; // 正在推进3家的装修: which ones, not how many
    }

    /// <summary>"计划新增…", "年度目标…", "全年任务2万人次", "计划数：600个": what was planned, not what was done.</summary>
    private bool IsPlanned(NamedFigure named, Span clause)
    {
        if (named.Figure.IsPercent)
        {
            return false;
        }
        var before = AsPlanned.Aggregate(Label(named.Figure.Span.Start, clause) + named.Before, (words, done) => words.Replace(done, "", StringComparison.Ordinal));
        return Planned.Any(w => before.Contains(w, StringComparison.Ordinal)) || before.EndsWith("任务", StringComparison.Ordinal);
    }

    /// <summary>The label a figure's words follow: "计划数" in "计划数：600个", else nothing.</summary>
    private string Label(int figure, Span clause)
    {
        var colon = figure - 1;
        while (colon >= clause.Start && !Sentences.IsHardStop(_normalized[colon]))
        {
            colon--;
        }
        if (colon < clause.Start || _normalized[colon] != '：')
        {
            return "";
        }
        var start = colon;
        while (start > clause.Start && !Sentences.IsHardStop(_normalized[start - 1]))
        {
            start--;
        }
        return _normalized[start..colon];
    }

    private ProgressFigure Figure(NamedFigure named, Span clause, Period? period, List<ProgressFigure> before)
    {
        var name = named.Name;
        if (named.Figure.IsPercent && Names.IsChange(name) && before.LastOrDefault(r => r.Clause == clause) is { } previous)
        {
            name = previous.Name + name; // 发生火灾3起，下降62.5%: the fall of the figure before
        }
        return new ProgressFigure
        {
            Figure = named.Figure, Name = name, Before = named.Before, Phrase = named.Phrase, Clause = clause, Period = period,
            SaysDone = SaysDone(named.Phrase.End, clause.End),
        };
    }

    /// <summary>Whether the words after a figure say the things it counts are done: "已完工", "均已建成", "已完成，".</summary>
    private bool SaysDone(int at, int end)
    {
        while (at < end && _normalized[at] is '已' or '均' or '都' or '全' or '部')
        {
            at++;
        }
        var rest = _normalized.AsSpan(at, end - at);
        foreach (var verb in DoneWords)
        {
            if (rest.StartsWith(verb, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return rest.StartsWith("完成", StringComparison.Ordinal) && (rest.Length == 2 || Sentences.IsHardStop(rest[2]) || rest[2] == '并');
    }

    /// <summary>The period the sentence's figures cover, when it opens with one other than the year to the report's date.</summary>
    private Period? Period(DraftItem item, Span sentence)
    {
        var clause = Span.FromTo(sentence.Start, Sentences.FirstClauseEnd(_normalized, sentence));
        if (DateReader.LeadingPeriod(_normalized, clause, year) is not { } found)
        {
            return null;
        }
        if (found.Period.To > reportDate)
        {
            evidence.Ask(item, "reports", found.Where, $"“{text.Slice(found.Where)}”晚于报告日期 {reportDate:yyyy-MM-dd}，这一句的数值没有记时段，请核对报告日期。");
            return null;
        }
        return found.Period != Domain.Quantities.Period.YearToDate(reportDate) ? found.Period : null;
    }
}
