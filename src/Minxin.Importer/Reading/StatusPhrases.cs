using System.Text.RegularExpressions;
using Minxin.Domain.Progress;
using Minxin.Importer.Text;

namespace Minxin.Importer.Reading;

/// <summary>
/// The words that say where an item stands. An item is completed only on an explicit phrase ("该项目已完成",
/// "超额完成全年任务", a heading "2项提前超额完成全年任务"); "已完成选址" is a step, not the item.
/// </summary>
internal static class StatusPhrases
{
    private const RegexOptions Linear = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    /// <summary>The item as a whole is done.</summary>
    private static readonly Regex ItemCompleted = new(
        @"(?:该|本|此)(?:项目|子项|项|工程|任务)(?:已经|已)?(?:全部|全面|圆满|提前|超额)?完成|(?:提前|超额|全面|圆满|已经|已)+完成(?:了)?(?:全年|年度|今年|本年度)?(?:目标任务|目标|任务)|完成(?:全年|年度)(?:目标任务|目标|任务)|超额完成|(?:已经|已)全部完成(?:[。；，！]|$)|(?:^|[，；])全部完成(?:[。；！]|$)|全部完成(?:全年|年度)",
        Linear);

    /// <summary>Done "basically": a person must say whether that is done.</summary>
    private static readonly Regex Basically = new(@"基本(?:完成|完工|建成|竣工)", Linear);

    /// <summary>"已完成" with nothing after it that names a step: "入户改造已完成。" may be the whole item.</summary>
    private static readonly Regex BareCompleted = new(@"(?:已经|已)完成(?:[。；！]|$)", Linear);

    private static readonly Regex ItemDelayed = new(@"(?:该|本|此)?(?:项目)?进度(?:滞后|偏慢|较慢)|未达到序时进度|慢于序时进度|(?:该|本|此)项目?滞后", Linear);

    /// <summary>"该项目尚未开工", "…，尚未开工", "项目尚未开工": said of the whole item, not of "其余2个".</summary>
    private static readonly Regex ItemNotStarted = new(
        @"(?:该|本|此)(?:项目|项)(?:尚未|未|还未)(?:开工|启动|实施)|(?:^|[，。；：])\s*(?:项目|工程)?(?:目前)?(?:尚未|还未|暂未)(?:开工|启动|实施)", Linear);

    private static readonly string[] Suspended = ["暂缓", "暂停"];
    private static readonly string[] Cancelled = ["取消", "终止", "调整出"];
    private static readonly string[] NotStarted = ["未开工", "未启动", "未实施"];
    private static readonly string[] Delayed = ["滞后", "未达到序时", "未达序时", "慢于序时", "进度偏慢", "落后"];
    private static readonly string[] NotYetCompleted = ["未完成"];
    private static readonly string[] Completed = ["完成", "竣工", "建成"];
    private static readonly string[] InProgress = ["推进", "序时", "进展顺利", "按计划", "有序", "稳步", "在建", "正在", "实施中", "进行中"];

    private static readonly Regex GroupCount = new(@"\d{1,3}\s*(?:项|个|件)|[一二三四五六七八九十两]{1,3}(?:项|个|件)|(?:项目|事项|类)[：:]?$", Linear);

    // Group headings say so in set words; "完成老旧小区改造项目" is an item, "已完成的项目" a group.
    private static readonly string[] GroupCompleted = ["已完成", "提前完成", "超额完成", "全面完成", "全部完成", "完成全年", "完成年度", "已竣工", "已建成", "完成的"];
    private static readonly string[] GroupInProgress = ["正在", "推进中", "有序推进", "加快推进", "序时", "按计划", "进展顺利", "稳步推进", "实施中", "进行中", "在建"];

    /// <summary>
    /// The status a group heading gives the items under it: "2项提前超额完成全年任务", "（二）正在加快推进的项目（15项）".
    /// <paramref name="suspended"/> says the text used 暂缓, which the data file has no word for.
    /// </summary>
    public static ItemStatus? OfGroupHeading(string heading, out bool suspended)
    {
        suspended = false;
        var bare = heading.TrimEnd('：', ':', '。');
        if (heading.Length > 40 || bare.Contains('，') || bare.Contains('。') || !GroupCount.IsMatch(StripCount(bare)))
        {
            return null;
        }
        if (Contains(heading, Suspended))
        {
            suspended = true;
            return ItemStatus.Delayed;
        }
        return Contains(heading, Cancelled) ? ItemStatus.Cancelled
            : Contains(heading, NotStarted) ? ItemStatus.NotStarted
            : Contains(heading, Delayed) ? ItemStatus.Delayed
            : Contains(heading, NotYetCompleted) ? ItemStatus.InProgress
            : Contains(heading, GroupCompleted) ? ItemStatus.Completed
            : Contains(heading, GroupInProgress) ? ItemStatus.InProgress
            : null;
    }

    /// <summary>"已完成的项目（5项）" keeps its count; "项目（5项）" at the end reads as "项目".</summary>
    private static string StripCount(string heading)
    {
        var open = heading.LastIndexOfAny(['（', '(']);
        return open > 0 && heading.EndsWith('）') || open > 0 && heading.EndsWith(')')
            ? (GroupCount.IsMatch(heading[open..]) ? heading : heading[..open])
            : heading;
    }

    /// <summary>What a status cell of a table says: "已完成", "推进中", "滞后".</summary>
    public static ItemStatus? OfCell(string cell)
    {
        if (Contains(cell, Suspended))
        {
            return ItemStatus.Delayed;
        }
        return Contains(cell, Cancelled) ? ItemStatus.Cancelled
            : Contains(cell, NotStarted) ? ItemStatus.NotStarted
            : Contains(cell, Delayed) ? ItemStatus.Delayed
            : Contains(cell, NotYetCompleted) ? ItemStatus.InProgress
            : Contains(cell, Completed) ? ItemStatus.Completed
            : Contains(cell, InProgress) ? ItemStatus.InProgress
            : null;
    }

    /// <summary>"该项目已完成", "超额完成全年任务", "均已提前超额完成年度目标"; not "该项目已完成立项" (a step).</summary>
    public static Span? ItemCompletedPhrase(string text, Span piece)
    {
        for (var m = ItemCompleted.Match(text, piece.Start, piece.Length); m.Success; m = m.NextMatch())
        {
            var end = m.Index + m.Length;
            if (end < piece.End && text[end] == '的')
            {
                continue; // 完成年度目标的64%: a share of the target, not the item done
            }
            if (!m.Value.EndsWith("完成", StringComparison.Ordinal) || end >= piece.End || text[end] is '。' or '，' or '；' or '！' or '、' or '并' or '(' or '（' or '了'
                || text.AsSpan(end).StartsWith("任务") || text.AsSpan(end).StartsWith("目标") || text.AsSpan(end).StartsWith("建设"))
            {
                return new Span(m.Index, m.Length);
            }
        }
        return null;
    }

    public static Match BasicallyDone(string text, int start, int length) => Basically.Match(text, start, length);

    public static Match BareCompletedPhrase(string text, int start, int length) => BareCompleted.Match(text, start, length);

    public static Match DelayedPhrase(string text, int start, int length) => ItemDelayed.Match(text, start, length);

    public static Match NotStartedPhrase(string text, int start, int length) => ItemNotStarted.Match(text, start, length);

    private static bool Contains(string text, string[] words) => words.Any(w => text.Contains(w, StringComparison.Ordinal));
}
