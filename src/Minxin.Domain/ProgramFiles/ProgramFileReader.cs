using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using System.Text.RegularExpressions;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;

namespace Minxin.Domain.ProgramFiles;

public sealed record ProgramFileResult(LivelihoodProgram? Program, IReadOnlyList<ProgramFileError> Errors)
{
    public bool IsValid => Program is not null && Errors.Count == 0;

    public LivelihoodProgram ProgramOrThrow() => IsValid ? Program! : throw new ProgramFileException(Errors);
}

/// <summary>
/// Reads and validates a data file in one pass. Either the whole program comes back, or every error found does,
/// each naming the file, the line, the JSON path and the field; nothing half-read ever leaves this class.
/// </summary>
public static partial class ProgramFileReader
{
    public const int MaxErrors = 200;

    public static ProgramFileResult Read(string fileName, byte[] utf8)
    {
        var span = utf8.AsSpan();
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }
        if (span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return Fail(fileName, null, "$", "文件为空");
        }
        if (!Utf8.IsValid(span))
        {
            return NotUtf8(fileName, span);
        }
        ProgramFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ProgramFile>(span, ProgramFileJson.Options);
        }
        catch (JsonException e)
        {
            return Fail(fileName, e.LineNumber + 1, e.Path ?? "$", DescribeJsonError(e));
        }
        if (file is null)
        {
            return Fail(fileName, 1, "$", "文件内容应为一个 JSON 对象");
        }
        var lines = JsonLineIndex.Build(span);
        var reader = new Validator(fileName, lines);
        var program = reader.Program(file);
        return reader.Errors.Count > 0 ? new ProgramFileResult(null, reader.Errors) : new ProgramFileResult(program, []);
    }

    public static ProgramFileResult Read(string path) => Read(System.IO.Path.GetFileName(path), File.ReadAllBytes(path));

    /// <summary>
    /// A report of a stored item, as the workspace and the staff API receive it, checked by the same rules as a report
    /// in a data file. Errors name fields relative to the report ("values[0].indicator"); the report comes back only
    /// when there are none. It is not added to the item.
    /// </summary>
    public static (ProgressReport? Report, IReadOnlyList<(string Field, string Message)> Errors) ReadReport(ReportFile file, Item item)
    {
        var validator = new Validator("", new JsonLineIndex());
        var sources = item.Category.Program.Sources.ToDictionary(s => s.Key, StringComparer.Ordinal);
        var report = validator.Report(file, "$", item, item.Category.Program, sources);
        var errors = validator.Errors.Select(e => (Field: e.Path.TrimStart('$', '.'), e.Message)).ToList();
        return errors.Count > 0 ? (null, errors) : (report, []);
    }

    /// <summary>
    /// An indicator of a stored item's plan, as the workspace edits it, checked by the same rules as one in a data file.
    /// Errors name its fields ("key", "target"); the indicator comes back only when there are none. It is not added to the item.
    /// </summary>
    public static (Indicator? Indicator, IReadOnlyList<(string Field, string Message)> Errors) ReadIndicator(IndicatorFile file, Item item)
    {
        var validator = new Validator("", new JsonLineIndex());
        var indicator = validator.Indicator(file, "$", item, 0);
        return Result(indicator, validator);
    }

    /// <summary>A site of a stored item's plan, checked as <see cref="ReadIndicator"/> checks an indicator.</summary>
    public static (Site? Site, IReadOnlyList<(string Field, string Message)> Errors) ReadSite(SiteFile file, Item item)
    {
        var validator = new Validator("", new JsonLineIndex());
        var site = validator.Site(file, "$", item, 0);
        return Result(site, validator);
    }

    private static (T?, IReadOnlyList<(string Field, string Message)>) Result<T>(T value, Validator validator) where T : class
    {
        var errors = validator.Errors.Select(e => (Field: e.Path.TrimStart('$', '.'), e.Message)).ToList();
        return errors.Count > 0 ? (null, errors) : (value, []);
    }

    // A GBK or GB18030 file (common from Windows tools) would otherwise read as a string of wrong types.
    private static ProgramFileResult NotUtf8(string fileName, ReadOnlySpan<byte> span)
    {
        var valid = span.Length;
        for (var start = 0; start < span.Length;)
        {
            if (System.Text.Rune.DecodeFromUtf8(span[start..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                valid = start;
                break;
            }
            start += consumed;
        }
        var line = span[..valid].Count((byte)'\n') + 1;
        return Fail(fileName, line, "$", $"文件不是 UTF-8 编码（第 {line} 行起有非 UTF-8 字节，可能是 GBK）：请用 UTF-8 另存后再导入");
    }

    private static ProgramFileResult Fail(string file, long? line, string path, string message) =>
        new(null, [new ProgramFileError(file, line is null ? null : (int)line, path, message)]);

    private static string DescribeJsonError(JsonException e)
    {
        var message = e.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return "未知字段（拼写是否有误？）";
        }
        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return "字段重复：同一对象中同名字段只能出现一次";
        }
        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return message.Contains("System.Decimal", StringComparison.Ordinal) || message.Contains("System.Int32", StringComparison.Ordinal)
                ? "应为数字" : "取值类型不对";
        }
        return "不是有效的 JSON：" + message.Split(" Path:")[0];
    }

    /// <summary>Whether <paramref name="code"/> can be a program's identifier: lowercase letters, digits and single hyphens (jinnan-2025).</summary>
    public static bool IsProgramCode(string? code) => code is { Length: > 0 and <= FieldLimits.Code } && SlugPattern().IsMatch(code);

    // \z, not $: "$" also matches before a final newline.
    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\z")]
    private static partial Regex SlugPattern();

    private sealed class Validator(string fileName, JsonLineIndex lines)
    {
        public List<ProgramFileError> Errors { get; } = [];

        private void Error(string path, string message)
        {
            if (Errors.Count < MaxErrors)
            {
                Errors.Add(new ProgramFileError(fileName, lines.LineOf(path), path, message));
            }
        }

        public LivelihoodProgram? Program(ProgramFile file)
        {
            if (file.Format != ProgramFile.FormatName)
            {
                Error("$.format", $"应为 \"{ProgramFile.FormatName}\"");
            }
            if (file.FormatVersion != ProgramFile.CurrentVersion)
            {
                Error("$.formatVersion", $"不支持的格式版本 {file.FormatVersion}，应为 {ProgramFile.CurrentVersion}");
            }
            var code = Required(file.Id, "$.id", FieldLimits.Code);
            if (code is not null && !SlugPattern().IsMatch(code))
            {
                Error("$.id", $"\"{code}\" 不是有效的标识：只能用小写字母、数字和连字符，如 jinnan-2025");
            }
            var region = Region(file.Region, "$.region");
            if (file.Year is < 2000 or > 2100)
            {
                Error("$.year", $"年份 {file.Year} 不在 2000—2100 之间");
            }
            var program = new LivelihoodProgram
            {
                Code = code ?? "",
                Region = region!,
                Year = file.Year,
                Title = Required(file.Title, "$.title", FieldLimits.Title) ?? "",
            };
            var sources = new Dictionary<string, Source>(StringComparer.Ordinal);
            foreach (var (source, i) in (file.Sources ?? []).Select((s, i) => (s, i)))
            {
                var path = $"$.sources[{i}]";
                var key = Required(source.Id, path + ".id", FieldLimits.Code);
                var entity = new Source
                {
                    Key = key ?? "",
                    Title = Required(source.Title, path + ".title", FieldLimits.Title) ?? "",
                    Publisher = Required(source.Publisher, path + ".publisher", FieldLimits.Name) ?? "",
                    PublishedAt = source.PublishedAt is null ? null : Timestamp(source.PublishedAt, path + ".publishedAt"),
                    Url = Optional(source.Url, path + ".url", FieldLimits.Url),
                };
                if (source.Url is not null && !(Uri.TryCreate(source.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
                {
                    Error(path + ".url", $"\"{source.Url}\" 不是以 http:// 或 https:// 开头的完整网址");
                }
                if (key is not null && !sources.TryAdd(key, entity))
                {
                    Error(path + ".id", $"来源标识 \"{key}\" 重复");
                }
                program.Sources.Add(entity);
            }
            if (file.Categories is not { Count: > 0 })
            {
                Error("$.categories", "至少要有一个工程（category）");
            }
            var categoryNumbers = new HashSet<int>();
            foreach (var (category, i) in (file.Categories ?? []).Select((c, i) => (c, i)))
            {
                var path = $"$.categories[{i}]";
                if (category.Number < 1)
                {
                    Error(path + ".number", "工程编号应为正整数");
                }
                else if (!categoryNumbers.Add(category.Number))
                {
                    Error(path + ".number", $"工程编号 {category.Number} 重复");
                }
                var entity = new Category { Number = category.Number, Name = Required(category.Name, path + ".name", FieldLimits.Name) ?? "", Program = program };
                var itemNumbers = new HashSet<int>();
                foreach (var (item, j) in (category.Items ?? []).Select((x, j) => (x, j)))
                {
                    var itemPath = $"{path}.items[{j}]";
                    if (item.Number < 1)
                    {
                        Error(itemPath + ".number", "子项编号应为正整数");
                    }
                    else if (!itemNumbers.Add(item.Number))
                    {
                        Error(itemPath + ".number", $"子项编号 {item.Number} 在本工程内重复");
                    }
                    entity.Items.Add(Item(item, itemPath, entity, program, sources));
                }
                program.Categories.Add(entity);
            }
            return program;
        }

        private Region? Region(RegionFile? region, string path)
        {
            if (region is null)
            {
                Error(path, "缺少地区（region）");
                return null;
            }
            return new Region
            {
                Code = Required(region.Code, path + ".code", FieldLimits.RegionCode) ?? "",
                Name = Required(region.Name, path + ".name", FieldLimits.Name) ?? "",
                Parent = region.Parent is null ? null : Region(region.Parent, path + ".parent"),
            };
        }

        // Units are named in the file; one name is one unit of the region throughout the file. Storage matches them
        // to the region's directory (adding the missing ones) and gives them codes.
        private readonly Dictionary<string, ResponsibleUnit> _units = new(StringComparer.Ordinal);

        private ResponsibleUnit? Unit(string? name, string path, LivelihoodProgram program, bool required)
        {
            var value = required ? Required(name, path, FieldLimits.Name) : Optional(name, path, FieldLimits.Name);
            if (value is null)
            {
                return null;
            }
            value = value.Trim();
            if (!_units.TryGetValue(value, out var unit))
            {
                unit = new ResponsibleUnit { Code = "", Name = value, Region = program.Region };
                _units[value] = unit;
            }
            return unit;
        }

        private Item Item(ItemFile file, string path, Category category, LivelihoodProgram program, Dictionary<string, Source> sources)
        {
            var item = new Item
            {
                Category = category,
                Number = file.Number,
                Title = Required(file.Title, path + ".title") ?? "",
                LeadOfficial = Optional(file.LeadOfficial, path + ".leadOfficial", FieldLimits.Name),
                ResponsiblePerson = Optional(file.ResponsiblePerson, path + ".responsiblePerson", FieldLimits.Name),
                Deadline = file.Deadline is null ? null : Date(file.Deadline, path + ".deadline"),
            };
            var lead = Unit(file.LeadUnit, path + ".leadUnit", program, required: false);
            var cooperating = (file.CooperatingUnits ?? []).Select((u, k) => Unit(u, $"{path}.cooperatingUnits[{k}]", program, required: true))
                .OfType<ResponsibleUnit>().ToList();
            foreach (var duplicate in cooperating.GroupBy(u => u).Where(g => g.Count() > 1 || g.Key == lead))
            {
                Error(path + ".cooperatingUnits", $"单位 \"{duplicate.Key.Name}\" 重复（牵头单位不再列为配合单位）");
            }
            item.SetUnits(lead, cooperating);
            foreach (var (indicator, k) in (file.Indicators ?? []).Select((x, k) => (x, k)))
            {
                item.Indicators.Add(Indicator(indicator, $"{path}.indicators[{k}]", item, k));
            }
            Unique(item.Indicators.Select(x => x.Key), $"{path}.indicators", "key", "指标标识");
            foreach (var (site, k) in (file.Sites ?? []).Select((x, k) => (x, k)))
            {
                item.Sites.Add(Site(site, $"{path}.sites[{k}]", item, k));
            }
            Unique(item.Sites.Select(x => x.Key), $"{path}.sites", "key", "点位标识");
            foreach (var (report, k) in (file.Reports ?? []).Select((x, k) => (x, k)))
            {
                item.Reports.Add(Report(report, $"{path}.reports[{k}]", item, program, sources));
            }
            CheckVersions(item, path);
            CheckPeriods(item, path);
            return item;
        }

        public Site Site(SiteFile file, string path, Item item, int position) => new()
        {
            Item = item,
            Key = Key(file.Key, path + ".key") ?? "",
            Name = Required(file.Name, path + ".name", FieldLimits.Name) ?? "",
            Town = Optional(file.Town, path + ".town", FieldLimits.Name),
            Position = position,
        };

        public Indicator Indicator(IndicatorFile file, string path, Item item, int position)
        {
            var comparator = file.Comparator is null ? Comparator.Exactly : Enum<Comparator>(file.Comparator, path + ".comparator");
            if (file.Target is null && file.Comparator is not null && comparator != Comparator.Exactly)
            {
                Error(path + ".comparator", "没有目标值（target）时不能有比较方式");
            }
            return new Indicator
            {
                Item = item,
                Key = Key(file.Key, path + ".key") ?? "",
                Name = Required(file.Name, path + ".name", FieldLimits.Name) ?? "",
                Unit = Required(file.Unit, path + ".unit", FieldLimits.Unit) ?? "",
                Target = file.Target is { } t ? Quantity(t, path + ".target") : null,
                Comparator = comparator,
                Accumulation = file.Accumulation is null ? Accumulation.Cumulative : Enum<Accumulation>(file.Accumulation, path + ".accumulation"),
                Position = position,
            };
        }

        public ProgressReport Report(ReportFile file, string path, Item item, LivelihoodProgram program, Dictionary<string, Source> sources)
        {
            var asOf = Date(Required(file.AsOf, path + ".asOf"), path + ".asOf") ?? default;
            if (asOf != default && (asOf.Year < program.Year || asOf.Year > program.Year + 1))
            {
                Error(path + ".asOf", $"日期 {file.AsOf} 不在 {program.Year} 年度计划的时间范围内");
            }
            var version = file.Version ?? 1;
            if (version < 1)
            {
                Error(path + ".version", "版本号应从 1 开始");
            }
            var review = file.Review;
            if (review is null)
            {
                Error(path + ".review", "缺少审核信息（review）");
            }
            var state = review?.State is null ? ReviewState.Draft : Enum<ReviewState>(review.State, path + ".review.state");
            if (state is ReviewState.Approved or ReviewState.Returned)
            {
                Required(review?.By, path + ".review.by");
                Required(review?.At, path + ".review.at");
            }
            Source? source = null;
            if (file.Source is not null && !sources.TryGetValue(file.Source, out source))
            {
                Error(path + ".source", $"来源 \"{file.Source}\" 未在 sources 中定义");
            }
            var report = new ProgressReport
            {
                Item = item,
                AsOf = asOf,
                Version = version,
                CorrectionNote = Optional(file.CorrectionNote, path + ".correctionNote", FieldLimits.Note, multiline: true),
                Status = Enum<ItemStatus>(Required(file.Status, path + ".status"), path + ".status"),
                Narrative = Optional(file.Narrative, path + ".narrative", FieldLimits.Narrative, multiline: true) ?? "",
                ExpectedCompletion = file.ExpectedCompletion is null ? null : Expected(file.ExpectedCompletion, path + ".expectedCompletion"),
                ExpectedCompletionReason = Optional(file.ExpectedCompletionReason, path + ".expectedCompletionReason", FieldLimits.Note, multiline: true),
                Source = source,
                SubmittedBy = Required(file.SubmittedBy, path + ".submittedBy", FieldLimits.Name) ?? "",
                SubmittedAt = Timestamp(Required(file.SubmittedAt, path + ".submittedAt"), path + ".submittedAt") ?? default,
                Review = state,
                ReviewedBy = Optional(review?.By, path + ".review.by", FieldLimits.Name),
                ReviewedAt = review?.At is null ? null : Timestamp(review.At, path + ".review.at"),
                ReviewNote = Optional(review?.Note, path + ".review.note", FieldLimits.Note, multiline: true),
            };
            report.Events.Add(new ReportEvent { Action = ReportAction.Imported, At = report.ReviewedAt ?? report.SubmittedAt, By = report.SubmittedBy });
            foreach (var (field, message) in ReviewWorkflow.CheckRecorded(report))
            {
                Error($"{path}.{field}", message);
            }
            foreach (var (value, k) in (file.Values ?? []).Select((x, k) => (x, k)))
            {
                var valuePath = $"{path}.values[{k}]";
                var indicator = item.Indicators.FirstOrDefault(x => x.Key == value.Indicator);
                if (indicator is null)
                {
                    Error(valuePath + ".indicator", $"指标 \"{value.Indicator}\" 未在本子项的 indicators 中定义");
                }
                Period period;
                if (value.Period is null)
                {
                    period = Period.YearToDate(asOf == default ? new DateOnly(program.Year, 1, 1) : asOf);
                }
                else if (!Period.TryParse(value.Period, out period))
                {
                    Error(valuePath + ".period", $"\"{value.Period}\" 不是有效的时段，应写作 2025-01-01/2025-05-31");
                }
                else if (asOf != default && period.To > asOf)
                {
                    Error(valuePath + ".period", $"时段结束于 {period.To:yyyy-MM-dd}，晚于报告日期 {asOf:yyyy-MM-dd}");
                }
                var qualifier = value.Qualifier is null ? Comparator.Exactly : Enum<Comparator>(value.Qualifier, valuePath + ".qualifier");
                if (value.StatedPercent is { } stated && value.Value is { } actual && indicator?.Target is { } target
                    && !ReportCards.Percent.Agrees(stated, actual, target))
                {
                    Error(valuePath + ".statedPercent",
                        $"写明的完成率 {stated}% 与 {actual}/{target}（{ReportCards.Percent.Of(actual, target):0.##}%）不符：有目标值时完成率按实际值计算，请改正数值或删去 statedPercent");
                }
                if (value.Value is null)
                {
                    Error(valuePath + ".value", "缺少数值（value）");
                }
                report.Values.Add(new IndicatorValue
                {
                    Report = report,
                    Indicator = indicator!,
                    Value = value.Value is { } v ? Quantity(v, valuePath + ".value") : 0,
                    Qualifier = qualifier,
                    Period = period,
                    StatedPercent = value.StatedPercent is { } p ? Quantity(p, valuePath + ".statedPercent") : null,
                });
            }
            Unique(report.Values.Where(v => v.Indicator is not null).Select(v => v.Indicator.Key), path + ".values", "indicator", "同一报告中的指标");
            foreach (var (update, k) in (file.Sites ?? []).Select((x, k) => (x, k)))
            {
                var updatePath = $"{path}.sites[{k}]";
                var site = item.Sites.FirstOrDefault(x => x.Key == update.Site);
                if (site is null)
                {
                    Error(updatePath + ".site", $"点位 \"{update.Site}\" 未在本子项的 sites 中定义");
                }
                report.SiteUpdates.Add(new SiteUpdate
                {
                    Report = report,
                    Site = site!,
                    Phase = Enum<SitePhase>(Required(update.Phase, updatePath + ".phase"), updatePath + ".phase"),
                    ExpectedCompletion = update.ExpectedCompletion is null ? null : Expected(update.ExpectedCompletion, updatePath + ".expectedCompletion"),
                    Note = Optional(update.Note, updatePath + ".note", FieldLimits.Note, multiline: true),
                });
            }
            Unique(report.SiteUpdates.Where(u => u.Site is not null).Select(u => u.Site.Key), path + ".sites", "site", "同一报告中的点位");
            CheckNarrative(report, path + ".narrative");
            return report;
        }

        private void CheckNarrative(ProgressReport report, string path)
        {
            foreach (var figure in Narrative.Parse(report.Narrative).OfType<NarrativeFigure>())
            {
                var value = report.Values.FirstOrDefault(v => v.Indicator?.Key == figure.IndicatorKey);
                if (value is null)
                {
                    Error(path, $"叙述中的 {Narrative.Token(figure.IndicatorKey, figure.Percent)} 在本报告的 values 中没有对应的数值");
                }
                else if (figure.Percent && value.StatedPercent is null && value.Indicator.Target is null)
                {
                    Error(path, $"叙述中的 {Narrative.Token(figure.IndicatorKey, true)} 既没有目标值也没有 statedPercent，无法给出百分比");
                }
            }
        }

        private void CheckVersions(Item item, string path)
        {
            foreach (var group in item.Reports.Where(r => r.AsOf != default).GroupBy(r => r.AsOf))
            {
                var versions = group.Select(r => r.Version).Order().ToList();
                if (!versions.SequenceEqual(Enumerable.Range(1, versions.Count)))
                {
                    Error(path + ".reports", $"{group.Key:yyyy-MM-dd} 的报告版本应为 1 到 {versions.Count} 各一份，实际为 {string.Join("、", versions)}");
                }
            }
        }

        private void CheckPeriods(Item item, string path)
        {
            foreach (var indicator in item.Indicators.Where(i => i.Accumulation == Accumulation.PerPeriod))
            {
                var periods = item.Reports.SelectMany(r => r.Values).Where(v => v.Indicator == indicator)
                    .Select(v => v.Period).Distinct().OrderBy(p => p.From).ToList();
                for (var i = 1; i < periods.Count; i++)
                {
                    if (periods[i].From <= periods[i - 1].To)
                    {
                        Error(path + ".reports", $"按期统计的指标 \"{indicator.Key}\" 的时段 {periods[i - 1]} 与 {periods[i]} 重叠，数值会被重复计算");
                    }
                }
            }
        }

        private void Unique(IEnumerable<string> keys, string path, string field, string what)
        {
            foreach (var duplicate in keys.Where(k => k.Length > 0).GroupBy(k => k).Where(g => g.Count() > 1))
            {
                Error(path, $"{what} \"{duplicate.Key}\" 重复（字段 {field}）");
            }
        }

        private string? Required(string? value, string path, int maxLength = FieldLimits.Text)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Error(path, $"缺少必填字段 {path[(path.LastIndexOf('.') + 1)..]}");
                return null;
            }
            return Optional(value, path, maxLength);
        }

        // Prose (narratives, notes) may hold line breaks; names, titles, units and keys are one line. No field holds
        // NUL, tabs, carriage returns or other control characters: they break pages, CSV cells and exports.
        private string? Optional(string? value, string path, int maxLength = FieldLimits.Text, bool multiline = false)
        {
            if (value is null)
            {
                return null;
            }
            if (value.Length > maxLength)
            {
                Error(path, $"内容过长：{value.Length} 个字符，最多 {maxLength} 个");
            }
            var at = IndexOfControl(value, multiline);
            if (at >= 0)
            {
                Error(path, $"含有不可见的控制字符 U+{(int)value[at]:X4}（第 {at + 1} 个字符）{(multiline ? "：只允许换行" : "：此字段只能是一行文字")}");
            }
            return string.IsNullOrWhiteSpace(value) ? null : value;
        }

        private static int IndexOfControl(string text, bool multiline)
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if ((char.IsControl(c) && !(multiline && c == '\n')) || c is '\u2028' or '\u2029')
                {
                    return i;
                }
            }
            return -1;
        }

        private string? Key(string? key, string path)
        {
            var value = Required(key, path);
            if (value is not null && (value.Length > Narrative.MaxKeyLength || value.Any(c => char.IsWhiteSpace(c) || c is '{' or '}' or '%')))
            {
                Error(path, $"标识 \"{value}\" 无效：不能含空白、花括号或 %，且不超过 {Narrative.MaxKeyLength} 个字符");
            }
            return value;
        }

        private T Enum<T>(string? code, string path) where T : struct, Enum
        {
            if (code is null)
            {
                return default;
            }
            if (!EnumCodes.TryParse<T>(code, out var value))
            {
                Error(path, $"无效的取值 \"{code}\"，应为 {EnumCodes.AllCodes<T>()} 之一");
            }
            return value;
        }

        private DateOnly? Date(string? text, string path)
        {
            if (text is null)
            {
                return null;
            }
            if (!IsoDate.TryParse(text, out var date))
            {
                Error(path, $"\"{text}\" 不是有效的日期，应写作 YYYY-MM-DD");
                return null;
            }
            return date;
        }

        private ExpectedDate? Expected(string text, string path)
        {
            if (!ExpectedDate.TryParse(text, out var date))
            {
                Error(path, $"\"{text}\" 不是有效的预计日期，应写作 YYYY、YYYY-MM 或 YYYY-MM-DD");
                return null;
            }
            return date;
        }

        private DateTimeOffset? Timestamp(string? text, string path)
        {
            if (text is null)
            {
                return null;
            }
            if (!DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                Error(path, $"\"{text}\" 不是有效的时间，应写作 2025-07-17T13:43:00+08:00");
                return null;
            }
            return at;
        }

        private decimal Quantity(decimal value, string path)
        {
            if (value < 0)
            {
                Error(path, $"数值 {value} 不能为负");
            }
            if (decimal.Round(value, FixedScale.Decimals) != value || Math.Abs(value) > FixedScale.MaxValue)
            {
                Error(path, $"数值 {value} 超出范围：最多 {FixedScale.Decimals} 位小数，绝对值不超过 {FixedScale.MaxValue}");
            }
            return value;
        }
    }
}
