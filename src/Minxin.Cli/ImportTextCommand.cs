using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain;
using Minxin.Domain.Programs;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Importer;

namespace Minxin.Cli;

/// <summary>
/// `minxin import-text FILE [--publication-date D] [--id ID] [--json] [--save] [--replace]`: reads a published plan,
/// progress report or 成绩单 into a draft program and shows it with the reviewer's questions. With --json, standard
/// output is the draft as one data file (provenance and questions inside); with --save, the draft is stored as a new
/// program, or its reports are added to the program already stored for the same region and year.
/// </summary>
public sealed class ImportTextCommand : ICliCommand
{
    private readonly Argument<FileInfo> _file = new("FILE") { Description = "计划、进展报告或成绩单的文本（UTF-8 或 GB18030）" };
    private readonly Option<string?> _publicationDate = new("--publication-date") { Description = "发布日期 YYYY-MM-DD，原文没写年份或发布时间时用" };
    private readonly Option<string?> _id = new("--id") { Description = "民心工程标识，如 jinnan-2025（缺省时沿用数据库中同地区同年份的，否则用占位标识）" };
    private readonly Option<bool> _json = new("--json") { Description = "把草稿按数据文件格式（含来源与问题）写到标准输出" };
    private readonly Option<bool> _save = new("--save") { Description = "校验后存入数据库（新的民心工程，或已有民心工程的新报告）" };
    private readonly Option<bool> _replace = new("--replace") { Description = "与 --save 同用：用草稿替换数据库中标识相同的民心工程" };

    public ImportTextCommand() =>
        Definition = new Command("import-text", "把公开发布的民心工程文本读成草稿，列出需要审核人确认的问题")
        {
            _file, _publicationDate, _id, _json, _save, _replace,
        };

    public Command Definition { get; }

    public async Task<int> RunAsync(ParseResult parsed, CliContext context)
    {
        var file = parsed.GetValue(_file)!;
        ProgramFiles.Existing(file);
        var id = parsed.GetValue(_id);
        if (id is not null && !ProgramFileReader.IsProgramCode(id))
        {
            throw new CliException($"--id “{id}”无效：只能用小写字母、数字和连字符，如 jinnan-2025。");
        }
        var options = new ImportOptions { PublicationDate = Date(parsed.GetValue(_publicationDate)), ProgramId = id, SourceName = file.Name };
        var result = TextImporter.Import(TextDecoding.Decode(await File.ReadAllBytesAsync(file.FullName)), options);
        if (!result.HasItems)
        {
            throw new CliException($"{file.Name}：没有读出任何民心工程子项（需要工程标题和子项，如“01  护苗助老贴心工程”下的各段），未做任何改动。");
        }
        var draft = result.Draft;
        if (parsed.GetValue(_save))
        {
            await SaveAsync(draft, id is null, parsed.GetValue(_replace), context);
        }
        if (parsed.GetValue(_json))
        {
            await context.Out.WriteAsync(Encoding.UTF8.GetString(ProgramFileWriter.Serialize(draft)));
            await context.Out.FlushAsync();
        }
        else
        {
            await context.Out.WriteAsync(Summary(draft));
        }
        return MinxinCli.Ok;
    }

    /// <summary>Stores what was read (<see cref="TextImports"/>: never where the public can see it), saying what it did.</summary>
    private static async Task SaveAsync(ProgramFile draft, bool findId, bool replace, CliContext context)
    {
        await using var db = await context.OpenDatabaseAsync();
        var options = new TextImports.Options(findId, replace, Region: null);
        if (findId && await TextImports.TargetAsync(db, draft, options) is { } known && known.Code != draft.Id)
        {
            await context.Error.WriteLineAsync($"按地区和年份对应到已有的民心工程：{known.Code}《{known.Title}》。");
        }
        TextSaveOutcome saved;
        try
        {
            saved = await TextImports.SaveAsync(db, draft, options, AuditAuthor.Cli);
        }
        catch (TextSaveRefusedException e)
        {
            foreach (var reason in e.Reasons)
            {
                await context.Error.WriteLineAsync(reason);
            }
            throw new CliException(e.Why switch
            {
                TextSaveRefusal.PublishedPlan => e.Message + "文本中的进展可去掉 --replace 作为新报告加入。",
                TextSaveRefusal.ReportsNotAdded when e.ProgramIsDraft => e.Message + "要用这份文本更新这个草稿的计划，请加 --replace。",
                TextSaveRefusal.InvalidFile => e.Message + "可先用 --json 导出，改正后用 minxin import --draft 导入。",
                _ => e.Message,
            });
        }
        var outcome = saved.Import;
        await context.Error.WriteLineAsync(saved.Kind switch
        {
            TextSaveKind.NewDraft => $"已保存草稿：{saved.Code}《{draft.Title}》（民心工程为草稿，报告待审核；发布前不公开）。",
            TextSaveKind.PlanUpdated => $"已更新草稿 {saved.Code}：计划改动 {outcome.PlanChanges} 处，追加报告 {outcome.ReportsAdded} 份（发布前不公开）。",
            TextSaveKind.Unchanged => $"草稿 {saved.Code} 与这份文本一致，没有改动。",
            _ => $"已把 {saved.ReportsAppended} 份进展报告加入 {saved.Code}（待审核，审核通过前不公开）。",
        });
    }

    private static DateOnly? Date(string? text)
    {
        if (text is null)
        {
            return null;
        }
        return IsoDate.TryParse(text, out var date)
            ? date
            : throw new CliException($"--publication-date “{text}”不是有效日期，应为 YYYY-MM-DD，例如 2025-07-17。");
    }

    /// <summary>The draft as a reviewer reads it: categories, items with status, targets and figures, then the questions.</summary>
    public static string Summary(ProgramFile draft)
    {
        var text = new StringBuilder();
        var items = (draft.Categories ?? []).SelectMany(c => c.Items ?? []).ToList();
        var source = draft.Sources?.FirstOrDefault();
        text.Append($"草稿：{draft.Title}（标识 {draft.Id}）\n");
        if (source is not null)
        {
            text.Append($"原文：{source.Title}（{source.Publisher}{(source.PublishedAt is { } at ? "，" + at[..16].Replace('T', ' ') : "")}）\n");
        }
        var asOf = items.SelectMany(i => i.Reports ?? []).Select(r => r.AsOf).FirstOrDefault();
        var statuses = items.Select(i => i.Reports?.LastOrDefault()?.Status).ToList();
        text.Append(asOf is null ? "计划（没有进展报告）；" : $"数据截至 {asOf}；")
            .Append($"{draft.Categories?.Count ?? 0}个工程，{items.Count}个子项");
        if (asOf is not null)
        {
            var order = new[] { ItemStatus.Completed, ItemStatus.InProgress, ItemStatus.Delayed, ItemStatus.NotStarted, ItemStatus.Cancelled };
            var counts = order.Select(s => (Status: s, Count: statuses.Count(x => x == EnumCodes.ToCode(s)))).Where(x => x.Count > 0);
            text.Append('：').Append(string.Join("，", counts.Select(x => $"{x.Status.ToChinese()}{x.Count}个")));
        }
        text.Append("。\n");
        foreach (var category in draft.Categories ?? [])
        {
            text.Append($"\n{category.Number:00}  {category.Name}\n");
            foreach (var item in category.Items ?? [])
            {
                Item(text, category.Number, item);
            }
        }
        var questions = draft.Draft?.Questions ?? [];
        text.Append($"\n需要审核人确认的问题（{questions.Count}个）：\n");
        foreach (var (question, n) in questions.Select((q, n) => (q, n + 1)))
        {
            text.Append($"  {n}. {question.Question}{(question.Path is null ? "" : $"（{question.Path}）")}\n");
        }
        return text.ToString();
    }

    private static void Item(StringBuilder text, int category, ItemFile item)
    {
        var report = item.Reports?.LastOrDefault();
        var status = report?.Status is { } code && EnumCodes.TryParse<ItemStatus>(code, out var s) ? $"〔{s.ToChinese()}〕" : "";
        text.Append($"  {ItemCode.Format(category, item.Number)} {item.Title}{status}\n");
        var indicators = item.Indicators ?? [];
        var targets = indicators.Where(i => i.Target is not null).ToList();
        if (targets.Count > 0)
        {
            text.Append("        目标：").Append(string.Join("；", targets.Select(i =>
                $"{i.Name} {ChineseNumbers.Target(i.Target!.Value, i.Unit!, Comparator(i.Comparator))}"))).Append('\n');
        }
        var values = report?.Values ?? [];
        if (values.Count > 0)
        {
            text.Append("        数值：").Append(string.Join("；", values.Select(v =>
            {
                var indicator = indicators.First(i => i.Key == v.Indicator);
                var figure = ChineseNumbers.Figure(v.Value ?? 0, indicator.Unit!, Comparator(v.Qualifier));
                var percent = v.StatedPercent ?? (indicator.Target is > 0 ? decimal.Floor((v.Value ?? 0) * 100 / indicator.Target.Value) : null);
                var period = v.Period is { } p && Period.TryParse(p, out var parsed) ? $"（{parsed.ToChinese()}）" : "";
                return $"{indicator.Name} {figure}{period}{(percent is { } pc ? $"，完成{ChineseNumbers.Plain(pc)}%" : "")}";
            }))).Append('\n');
        }
        if (report?.ExpectedCompletion is { } expected && ExpectedDate.TryParse(expected, out var date))
        {
            text.Append($"        预计{date.ToChinese()}完成\n");
        }
        var responsibility = new List<string>();
        if (item.LeadUnit is not null)
        {
            responsibility.Add($"牵头单位：{item.LeadUnit}");
        }
        if (item.CooperatingUnits is { Count: > 0 } units)
        {
            responsibility.Add("配合单位：" + string.Join("、", units));
        }
        if (item.Deadline is not null)
        {
            responsibility.Add($"完成时限：{item.Deadline}");
        }
        if (responsibility.Count > 0)
        {
            text.Append("        ").Append(string.Join("；", responsibility)).Append('\n');
        }
    }

    private static Comparator Comparator(string? code) =>
        code is not null && EnumCodes.TryParse<Comparator>(code, out var comparator) ? comparator : Domain.Quantities.Comparator.Exactly;
}
