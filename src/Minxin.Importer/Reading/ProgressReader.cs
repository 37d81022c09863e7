using Minxin.Domain.Quantities;
using Minxin.Importer.Drafts;
using Minxin.Importer.Text;

namespace Minxin.Importer.Reading;

/// <summary>A figure of the progress text: named, with the sentence it is in, the period it covers, and what it came to count for.</summary>
internal sealed class ProgressFigure
{
    private static readonly string[] Cumulative = ["累计", "共计", "合计", "总计"];
    private static readonly string[] RateWords = ["完成率", "完成进度", "进度", "完成比例", "完成百分比"];
    private static readonly string[] VerbsBeforeRate = ["已达到", "达到", "已达", "已超", "超过", "接近", "达", "为", "超", "约", "已"];

    private bool? _isStatedRate;

    public required Figure Figure { get; init; }

    public required string Name { get; set; }

    public required string Before { get; init; }

    public required Span Phrase { get; init; }

    public required Span Sentence { get; init; }

    public Period? Period { get; init; }

    public bool IsCumulative => Cumulative.Any(w => Before.Contains(w, StringComparison.Ordinal));

    /// <summary>"10个充电桩已完成选址": the figure opens its clause and says what some of them are doing.</summary>
    public bool IsSubject => Before.Length == 0 || Before == "其中";

    /// <summary>"完成率85%", "完成年度目标的26.9%": the text's own percentage of a target, not a figure of its own.</summary>
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
            foreach (var word in VerbsBeforeRate)
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
            || before.EndsWith('的') && before.Contains("完成") && (before.Contains("目标") || before.Contains("任务") || before.Contains("计划"));
    }
}

/// <summary>
/// Reads the figures of an item's progress text, sentence by sentence: each with its name, and the period a sentence
/// opens with ("1—5月份，…") when it is not simply the year to the report's date. Planned figures ("计划新增…") and the
/// wording's own descriptive counts ("等3条道路") are not progress and are left out.
/// </summary>
internal sealed class ProgressReader(SourceText text, Evidence evidence, FigureNamer namer, int year, DateOnly reportDate)
{
    /// <summary>A text could list thousands of numbers for one item; past this many the rest are left to the reviewer.</summary>
    public const int MaxFiguresPerItem = 200;

    private static readonly string[] Planned = ["计划", "目标", "预计", "力争", "任务为", "任务数"];

    private readonly string _s = text.Normalized;

    public List<ProgressFigure> Read(DraftItem item, List<Span> progress, List<Figure> descriptive)
    {
        var figures = new List<ProgressFigure>();
        foreach (var sentence in progress.SelectMany(p => Sentences.Split(text, p, Sentences.EndsSentence)))
        {
            var period = Period(item, sentence);
            foreach (var named in namer.Name(sentence, FigureScanner.Scan(_s, sentence)))
            {
                var (figure, name, before, phrase) = named;
                if (figures.Count >= MaxFiguresPerItem)
                {
                    evidence.Ask(item, "reports", sentence, $"这一子项的数字超过 {MaxFiguresPerItem} 个，其余的没有读取，请核对原文。");
                    return figures;
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
                if (figure.IsPercent && Names.IsChange(name) && figures.LastOrDefault(r => r.Sentence == sentence) is { } previous)
                {
                    name = previous.Name + name; // 发生火灾3起，下降62.5%: the fall of the figure before
                }
                figures.Add(new ProgressFigure { Figure = figure, Name = name, Before = before, Phrase = phrase, Sentence = sentence, Period = period });
            }
        }
        return figures;
    }

    /// <summary>The period the sentence's figures cover, when it opens with one other than the year to the report's date.</summary>
    private Period? Period(DraftItem item, Span sentence)
    {
        var clause = Span.FromTo(sentence.Start, Sentences.FirstClauseEnd(_s, sentence));
        if (DateReader.LeadingPeriod(_s, clause, year) is not { } found)
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
