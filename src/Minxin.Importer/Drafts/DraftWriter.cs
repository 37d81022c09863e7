using System.Globalization;
using Minxin.Domain;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Domain.ReportCards;

namespace Minxin.Importer.Drafts;

/// <summary>
/// Writes what was read as a data file in review state "draft": nothing in it is public until a person approves it.
/// Where the text did not say something the file needs (who reported, the region's code), a placeholder goes in and a
/// question says so. Provenance and questions get the JSON paths of the values they concern.
/// </summary>
internal sealed class DraftWriter(Evidence evidence, ImportOptions options)
{
    /// <summary>What a reviewer must replace: the text did not say it.</summary>
    public const string Unknown = "待核实";

    private readonly Dictionary<object, string> _paths = new(ReferenceEqualityComparer.Instance);

    public ProgramFile Write(DraftProgram program)
    {
        _paths[program] = "$";
        var region = program.RegionName ?? "未知地区";
        var id = options.ProgramId ?? $"draft-{program.Year}-{Hash(region)}";
        if (options.ProgramId is null)
        {
            evidence.Ask(program, "id", default, $"请为这一民心工程指定标识（小写字母、数字和连字符，如 jinnan-2025），暂用 {id}；命令行可用 --id。");
        }
        evidence.Ask(program, "region.code", default, $"请填写“{region}”的行政区划代码（如津南区为 120112），暂用占位代码。");
        var reportDate = program.AsOf ?? new DateOnly(program.Year, 12, 31);
        var source = Source(program, reportDate);
        var submittedAt = program.PublishedAt ?? ChinaTime.StartOf(reportDate);
        var file = new ProgramFile
        {
            Format = ProgramFile.FormatName,
            FormatVersion = ProgramFile.CurrentVersion,
            Id = id,
            Region = new RegionFile
            {
                Code = $"draft-{Hash(region)}",
                Name = region,
                Parent = program.ParentRegionName is { } parent ? new RegionFile { Code = $"draft-{Hash(parent)}", Name = parent } : null,
            },
            Year = program.Year,
            Title = Fit($"{program.Year}年{region}{program.Kind}", FieldLimits.Title),
            Sources = source is null ? null : [source],
            Categories = [],
        };
        var reports = 0;
        foreach (var (category, i) in program.Categories.Select((c, i) => (c, i)))
        {
            var categoryPath = $"$.categories[{i}]";
            _paths[category] = categoryPath;
            var items = new List<ItemFile>();
            foreach (var (item, j) in category.Items.Select((x, j) => (x, j)))
            {
                var itemPath = $"{categoryPath}.items[{j}]";
                _paths[item] = itemPath;
                var itemFile = Item(item, itemPath, j + 1);
                if (item.Report is { } report)
                {
                    _paths[report] = itemPath + ".reports[0]";
                    itemFile.Reports = [Report(report, itemPath + ".reports[0]", reportDate, source?.Id, program.Publisher, submittedAt)];
                    reports++;
                }
                items.Add(itemFile);
            }
            file.Categories.Add(new CategoryFile { Number = category.Number, Name = OneLine(category.Name), Items = items });
        }
        if (program.Publisher is null && (reports > 0 || source is not null))
        {
            evidence.Ask(program, "sources", default, reports > 0
                ? $"原文没有写明发布单位和时间，进展报告的报送人（submittedBy）与来源的发布单位暂填“{Unknown}”，报送时间暂为 {submittedAt:yyyy-MM-dd}，请核对。"
                : $"原文没有写明发布单位，来源的发布单位暂填“{Unknown}”，请核对。");
        }
        if (evidence.DroppedQuestions > 0)
        {
            evidence.Ask(null, null, default, $"另有 {evidence.DroppedQuestions} 个问题没有列出，请通读原文核对。");
        }
        file.Draft = new DraftFile
        {
            SourceText = options.SourceName,
            Provenance = evidence.Sources.Select(s => new ProvenanceFile
            {
                Path = PathOf(s.Owner, s.Field),
                Start = s.Span.Start,
                Length = s.Span.Length,
                Confidence = s.Confidence,
            }).Where(p => p.Path is not null).ToList(),
            Questions = evidence.Questions.Select(q => new QuestionFile
            {
                Path = q.Owner is null ? null : PathOf(q.Owner, q.Field),
                Start = q.Span.Start,
                Length = q.Span.Length,
                Question = q.Text,
            }).ToList(),
        };
        return file;
    }

    private static SourceFile? Source(DraftProgram program, DateOnly reportDate)
    {
        if (program.SourceTitle is null)
        {
            return null;
        }
        var id = (reportDate.Month, reportDate.Day) switch
        {
            (3, 31) => $"{reportDate.Year}-q1",
            (6, 30) => $"{reportDate.Year}-h1",
            (9, 30) => $"{reportDate.Year}-q3",
            (12, 31) => $"{reportDate.Year}-fy",
            _ => IsoDate.Format(reportDate),
        };
        return new SourceFile
        {
            Id = id,
            Title = program.SourceTitle,
            Publisher = program.Publisher ?? Unknown,
            PublishedAt = Timestamp(program.PublishedAt),
        };
    }

    private ItemFile Item(DraftItem item, string path, int number)
    {
        var indicators = new List<IndicatorFile>();
        foreach (var (indicator, k) in item.Indicators.Select((x, k) => (x, k)))
        {
            _paths[indicator] = $"{path}.indicators[{k}]";
            indicators.Add(new IndicatorFile
            {
                Key = OneLine(indicator.Key, ""),
                Name = OneLine(indicator.Name),
                Unit = OneLine(indicator.Unit),
                Target = indicator.Target,
                Comparator = indicator.Target is null || indicator.Comparator == Comparator.Exactly ? null : EnumCodes.ToCode(indicator.Comparator),
                Accumulation = indicator.Accumulation == Accumulation.Cumulative ? null : EnumCodes.ToCode(indicator.Accumulation),
            });
        }
        foreach (var (site, k) in item.Sites.Select((x, k) => (x, k)))
        {
            _paths[site] = $"{path}.sites[{k}]";
        }
        return new ItemFile
        {
            Number = number,
            Title = OneLine(item.Title),
            LeadUnit = item.LeadUnit is null ? null : OneLine(item.LeadUnit),
            CooperatingUnits = item.CooperatingUnits.Count == 0 ? null : item.CooperatingUnits.Select(u => OneLine(u)).ToList(),
            LeadOfficial = item.LeadOfficial is null ? null : OneLine(item.LeadOfficial),
            ResponsiblePerson = item.ResponsiblePerson is null ? null : OneLine(item.ResponsiblePerson),
            Deadline = item.Deadline is { } deadline ? IsoDate.Format(deadline) : null,
            Indicators = indicators.Count == 0 ? null : indicators,
            Sites = item.Sites.Count == 0 ? null : item.Sites.Select(s => new SiteFile { Key = OneLine(s.Key, ""), Name = OneLine(s.Name), Town = s.Town is null ? null : OneLine(s.Town) }).ToList(),
        };
    }

    private ReportFile Report(DraftReport report, string path, DateOnly asOf, string? source, string? publisher, DateTimeOffset submittedAt)
    {
        foreach (var (value, k) in report.Values.Select((x, k) => (x, k)))
        {
            _paths[value] = $"{path}.values[{k}]";
        }
        foreach (var (update, k) in report.SiteUpdates.Select((x, k) => (x, k)))
        {
            _paths[update] = $"{path}.sites[{k}]";
        }
        return new ReportFile
        {
            AsOf = IsoDate.Format(asOf),
            Status = EnumCodes.ToCode(report.Status),
            Narrative = report.Narrative.Length == 0 ? null : report.Narrative,
            ExpectedCompletion = report.ExpectedCompletion?.ToString(),
            Values = report.Values.Count == 0 ? null : report.Values.Select(v => new ValueFile
            {
                Indicator = OneLine(v.Indicator.Key, ""),
                Value = v.Value,
                Qualifier = v.Qualifier == Comparator.Exactly ? null : EnumCodes.ToCode(v.Qualifier),
                Period = v.Period?.ToString(),
                StatedPercent = StatedPercent(v),
            }).ToList(),
            Sites = report.SiteUpdates.Count == 0 ? null : report.SiteUpdates.Select(u => new SiteUpdateFile
            {
                Site = OneLine(u.Site.Key, ""),
                Phase = EnumCodes.ToCode(u.Phase),
                ExpectedCompletion = u.ExpectedCompletion?.ToString(),
                Note = u.Note,
            }).ToList(),
            Source = source,
            SubmittedBy = publisher ?? Unknown,
            SubmittedAt = Timestamp(submittedAt),
            Review = new ReviewFile
            {
                State = EnumCodes.ToCode(ReviewState.Draft),
                Note = Fit($"由文本导入{(options.SourceName is { } name ? "（" + name + "）" : "")}，待审核", FieldLimits.Note),
            },
        };
    }

    /// <summary>
    /// With a target the percent is computed (Percent); a stated one that disagrees is not kept but asked about, so the
    /// draft never carries two percentages for one figure.
    /// </summary>
    private decimal? StatedPercent(DraftValue value)
    {
        if (value.StatedPercent is { } stated && value.Indicator.Target is { } target && !Percent.Agrees(stated, value.Value, target))
        {
            evidence.Ask(value, "value", value.Written ?? default,
                $"原文写明完成率{ChineseNumbers.Plain(stated)}%，而 {ChineseNumbers.Plain(value.Value)}/{ChineseNumbers.Plain(target)} 为 {Percent.Of(value.Value, target):0.##}%：请核对数值或目标；草稿按数值计算完成率。");
            return null;
        }
        return value.StatedPercent;
    }

    /// <summary>Names, titles and keys are one line: control characters a damaged text brings become spaces (or go, in keys).</summary>
    private static string OneLine(string text, string replacement = " ") =>
        text.Any(char.IsControl) ? string.Concat(text.Select(c => char.IsControl(c) ? replacement : c.ToString())) : text;

    private string? PathOf(object owner, string? field)
    {
        if (!_paths.TryGetValue(owner, out var path))
        {
            return null;
        }
        return string.IsNullOrEmpty(field) ? path : path + "." + field;
    }

    private static string? Timestamp(DateTimeOffset? at) =>
        at is { } t ? ChinaTime.Format(t) : null;

    /// <summary>A short stable code for a name, for placeholders that must differ between regions.</summary>
    private static string Hash(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }

    public static string Fit(string value, int limit) => value.Length <= limit ? value : value[..limit];
}
