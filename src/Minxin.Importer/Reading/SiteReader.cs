using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Importer.Text;

namespace Minxin.Importer.Reading;

/// <summary>A place the progress text reports on, where it stands, and the clause that says so.</summary>
internal sealed record SiteReading(string Name, string? Town, SitePhase Phase, ExpectedDate? Expected, string Note, Span Clause, Span Subject);

/// <summary>
/// 点位: clauses that open with a named facility ("南开学校敬慧路校区主体完工，正在进行室内外装修…，预计9月份投入使用")
/// give a site, its phase (what is under way, else the furthest step done) and its expected completion.
/// </summary>
internal static class SiteReader
{
    private static readonly string[] Facilities =
    [
        "幼儿园", "学校", "校区", "中学", "小学", "医院", "卫生院", "服务中心", "服务站", "综合体", "食堂", "公园", "菜市场", "市场", "街区",
        "安置房", "实验楼", "教学楼", "综合楼", "驿站", "养老院", "敬老院", "体育馆", "图书馆", "文化馆", "广场", "商街", "生活圈", "中心", "工程",
        "项目", "大街", "路", "道", "桥", "泵站", "地块", "小区", "楼", "馆", "园",
    ];

    /// <summary>Words before a place that are not part of its name.</summary>
    private static readonly string[] Leads = ["其中，", "其中", "目前，", "目前"];

    private static readonly string[] SubjectEnds =
        ["已", "正在", "正", "主体", "完成", "预计", "进行", "目前", "于", "将", "开工", "完工", "竣工", "建成", "投入", "基本", "全部", "进场", "启动", "顺利"];

    private static readonly string[] NotSubjects =
        ["该", "本", "此", "主体", "其余", "相关", "全部", "各", "加快", "积极", "配合", "推动", "推进", "鼓励", "对", "为", "在", "完成", "已", "组织", "开展", "确定", "持续", "深入", "项目", "工程"];

    // What is under way ("正在进行室内外装修"), highest phase first.
    private static readonly (string Word, SitePhase Phase)[] Current =
    [
        ("验收", SitePhase.Acceptance), ("装修", SitePhase.FitOut), ("安装", SitePhase.FitOut), ("施工", SitePhase.Construction),
        ("建设", SitePhase.Construction), ("铺设", SitePhase.Construction), ("招投标", SitePhase.Tendering), ("招标", SitePhase.Tendering),
        ("设计", SitePhase.Design), ("图纸", SitePhase.Design), ("选址", SitePhase.Planning), ("前期", SitePhase.Planning),
    ];

    // Steps already taken; the furthest one counts.
    private static readonly (string Word, SitePhase Phase)[] Done =
    [
        ("投入使用", SitePhase.InService), ("开放", SitePhase.InService), ("开街", SitePhase.InService), ("营业", SitePhase.InService),
        ("运营", SitePhase.InService), ("通车", SitePhase.InService), ("试运行", SitePhase.InService), ("交付使用", SitePhase.InService),
        ("主体完工", SitePhase.ToppedOut), ("主体封顶", SitePhase.ToppedOut), ("封顶", SitePhase.ToppedOut), ("结顶", SitePhase.ToppedOut),
        ("竣工", SitePhase.Completed), ("完工", SitePhase.Completed), ("建成", SitePhase.Completed), ("验收", SitePhase.Acceptance), ("装修", SitePhase.FitOut), ("安装", SitePhase.FitOut),
        ("开工", SitePhase.Construction), ("施工", SitePhase.Construction), ("进场", SitePhase.Construction), ("建设", SitePhase.Construction),
        ("招投标", SitePhase.Tendering), ("招标", SitePhase.Tendering), ("中标", SitePhase.Tendering), ("立项", SitePhase.Approval),
        ("审批", SitePhase.Approval), ("设计", SitePhase.Design), ("方案", SitePhase.Design), ("选址", SitePhase.Planning),
    ];

    private static readonly string[] Future = ["预计", "计划", "待", "将", "力争", "后续"];

    public static List<SiteReading> Read(SourceText text, IEnumerable<Span> progress, int year)
    {
        var sites = new List<SiteReading>();
        foreach (var clause in progress.SelectMany(p => Clauses(text, p)))
        {
            // "团泊镇幼儿园已竣工验收，大邱庄镇幼儿园正在进行室内装修，预计11月份投入使用": a part that opens with a
            // named place starts that place's account; the parts after it, up to the next place, belong to it.
            (Span Subject, int End)? current = null;
            foreach (var part in Parts(text, clause))
            {
                if (Subject(text, part) is { } subject)
                {
                    Add(text, sites, current, year);
                    current = (subject, part.End);
                }
                else if (current is { } open)
                {
                    current = (open.Subject, part.End);
                }
            }
            Add(text, sites, current, year);
        }
        return sites;
    }

    private static void Add(SourceText text, List<SiteReading> sites, (Span Subject, int End)? found, int year)
    {
        if (found is not { } site)
        {
            return;
        }
        var clause = Span.FromTo(site.Subject.Start, site.End);
        var rest = text.Normalized[site.Subject.End..site.End];
        if (PhaseOf(rest) is not { } phase)
        {
            return;
        }
        var name = text.Slice(site.Subject);
        var expected = DateReader.Expectations(text.Normalized, clause, year).Select(e => (ExpectedDate?)e.Date).LastOrDefault();
        var note = TextNormalizer.Clean(rest.TrimStart('已').TrimEnd('。', '；'));
        sites.Add(new SiteReading(name, TownOf(name), phase, expected, note, clause, site.Subject));
    }

    /// <summary>The named facility a part opens with: "南开学校敬慧路校区" in "南开学校敬慧路校区主体完工".</summary>
    private static Span? Subject(SourceText text, Span part)
    {
        foreach (var lead in Leads)
        {
            if (text.Slice(part).StartsWith(lead, StringComparison.Ordinal))
            {
                part = Span.FromTo(part.Start + lead.Length, part.End); // 其中吴中区实验小学东校区…
            }
        }
        var content = text.Slice(part);
        var end = SubjectEnds.Select(w => content.IndexOf(w, StringComparison.Ordinal)).Where(i => i > 0).DefaultIfEmpty(-1).Min();
        if (end < 4 || end > 30)
        {
            return null;
        }
        var subject = content[..end];
        var bare = subject.Split('(', '（')[0];
        return Facilities.Any(f => bare.EndsWith(f, StringComparison.Ordinal)) && !NotSubjects.Any(w => subject.StartsWith(w, StringComparison.Ordinal))
            && !subject.Any(char.IsAsciiDigit) && !subject.Contains('、')
            ? new Span(part.Start, end)
            : null;
    }

    private static IEnumerable<Span> Parts(SourceText text, Span clause)
    {
        var start = clause.Start;
        for (var i = clause.Start; i <= clause.End; i++)
        {
            if (i == clause.End || text[i] == '，')
            {
                var part = text.Trim(Span.FromTo(start, i));
                if (part.Length > 0)
                {
                    yield return part;
                }
                start = i + 1;
            }
        }
    }

    /// <summary>Clauses split at ；and 。: each usually reports one place.</summary>
    public static IEnumerable<Span> Clauses(SourceText text, Span range)
    {
        var start = range.Start;
        for (var i = range.Start; i <= range.End; i++)
        {
            if (i == range.End || text[i] is '；' or '。' or '！')
            {
                var clause = text.Trim(Span.FromTo(start, i));
                if (text.Slice(clause).StartsWith("目前，", StringComparison.Ordinal))
                {
                    clause = Span.FromTo(clause.Start + 3, clause.End);
                }
                if (clause.Length > 0)
                {
                    yield return clause;
                }
                start = i + 1;
            }
        }
    }

    private static SitePhase? PhaseOf(string rest)
    {
        var cut = Future.Select(w => rest.IndexOf(w, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(rest.Length).Min();
        var said = rest[..cut].Replace("施工图", "图纸", StringComparison.Ordinal); // 施工图设计 is design, not construction
        var underway = said.IndexOf("正在", StringComparison.Ordinal);
        if (underway >= 0)
        {
            var comma = said.IndexOf('，', underway);
            var doing = said[underway..(comma < 0 ? said.Length : comma)];
            foreach (var (word, phase) in Current)
            {
                if (doing.Contains(word, StringComparison.Ordinal))
                {
                    return phase;
                }
            }
            said = said[..underway];
        }
        SitePhase? furthest = null;
        foreach (var (word, phase) in Done)
        {
            var at = said.IndexOf(word, StringComparison.Ordinal);
            if (at >= 0 && (furthest is null || phase > furthest))
            {
                furthest = phase;
            }
            if (at >= 0 && phase == SitePhase.ToppedOut)
            {
                said = said.Remove(at, word.Length); // 主体完工 is not 完工
            }
        }
        return furthest;
    }

    private static string? TownOf(string subject)
    {
        for (var length = 2; length <= 4 && length < subject.Length; length++)
        {
            var c = subject[length];
            if (c is '镇' or '乡' || c == '街' && subject[length - 1] != '大')
            {
                var town = subject[..(length + 1)];
                return subject.AsSpan(length).StartsWith("街道") ? subject[..(length + 2)] : town;
            }
        }
        return null;
    }
}
