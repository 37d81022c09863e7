using Minxin.Domain.Quantities;
using System.Text.RegularExpressions;
using Minxin.Domain.ProgramFiles;
using Minxin.Importer.Drafts;
using Minxin.Importer.Text;

namespace Minxin.Importer.Reading;

/// <summary>
/// Reads the program as a whole: region, year, the date the figures are as of, the publisher and publication time,
/// then each category and item; and checks the lead's counts ("4个子项已完成") against the items read.
/// </summary>
internal sealed class ProgramReader(SourceText text, Evidence evidence, ImportOptions options)
{
    /// <summary>More items than any program has; past this the text is not a program and the rest is left out.</summary>
    public const int MaxItems = 2000;

    /// <summary>A signature or source line after the program is in its first lines; the rest is links to other pages.</summary>
    private const int MaxPostscriptLines = 20;

    private const RegexOptions Linear = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    /// <summary>What the genre calls a program; a line using one of these speaks of the program, not of one item.</summary>
    public static readonly string[] Kinds = ["民心工程", "民生实事", "为民办实事", "民生工程", "惠民实事", "民生项目", "实事项目"];

    private static readonly Regex RegionPattern = new(@"([\u4e00-\u9fff]{2,12}(?:省|自治区|市|区|县|旗))", Linear);
    private static readonly Regex NotRegion = new(@"\d{4}\s*年度?|上半年|下半年|前三季度|第?[一二三四]季度|全年|年度|\d+\s*[件项个]|关于|印发|“|”|《|》", Linear);
    private static readonly Regex CompletedCount = new(
        @"(\d{1,3})\s*(?:个子项|个项目|项|件|个)\s*(?:已经|已|提前|超额|全部)*完成|(?:已经|已|提前|全部)+完成\s*(\d{1,3})\s*(?:个子项|个项目|项|件|个)", Linear);
    private static readonly Regex OthersCount = new(@"其余\s*(\d{1,3})\s*(?:个子项|个项目|项|件|个)", Linear);

    private readonly string _normalized = text.Normalized;

    public DraftProgram Read(Layout layout)
    {
        var program = new DraftProgram();
        var head = layout.Preamble.Count > 0 ? layout.Preamble : text.Lines.Take(5).ToList();
        var title = Title(program, head);
        Region(program, head, title);
        Publication(program, head, layout.Postscript);
        var yearStated = Year(program, title, head);
        AsOf(program, head, title, yearStated);
        var reportDate = program.AsOf ?? new DateOnly(program.Year, 12, 31);
        Categories(program, layout, new ItemReader(text, evidence, program.Year, reportDate));
        NumberCategories(program);
        CompareWithLead(program, head);
        AskAboutTheText(program, layout, title, reportDate);
        return program;
    }

    /// <summary>The title line (the one naming the program, else the first short line) and the word the text uses for a program.</summary>
    private Span Title(DraftProgram program, List<Span> head)
    {
        var title = head.FirstOrDefault(l => Kinds.Any(k => text.Slice(l).Contains(k, StringComparison.Ordinal)) || text.Slice(l).Contains("成绩单"));
        if (title.Length == 0)
        {
            title = head.FirstOrDefault(l => l.Length <= 60);
        }
        if (title.Length > 0)
        {
            program.SourceTitle = DraftWriter.Fit(text.Clean(title).TrimStart('#', ' '), FieldLimits.Title);
            evidence.Found(program, "title", title, 0.8m);
        }
        var kindSource = title.Length > 0 ? text.Slice(title) : _normalized[..Math.Min(_normalized.Length, 2000)];
        program.Kind = Kinds.FirstOrDefault(k => kindSource.Contains(k, StringComparison.Ordinal))
            ?? Kinds.FirstOrDefault(k => _normalized.AsSpan(0, Math.Min(_normalized.Length, 5000)).Contains(k, StringComparison.Ordinal)) ?? "民心工程";
        return title;
    }

    private void Categories(DraftProgram program, Layout layout, ItemReader items)
    {
        var count = 0;
        foreach (var raw in layout.Categories)
        {
            var category = new DraftCategory { Name = raw.Name is { } name ? CategoryName(name) : "", Number = raw.Number ?? 0 };
            if (raw.Name is { } span)
            {
                evidence.Found(category, "name", span, 0.9m);
            }
            foreach (var rawItem in raw.Items)
            {
                if (++count > MaxItems)
                {
                    evidence.Ask(null, null, rawItem.Lines.FirstOrDefault(), $"读到的子项超过 {MaxItems} 个，后面的没有读取。这段文字可能不是民心工程的清单。");
                    break;
                }
                category.Items.Add(items.Read(rawItem));
            }
            if (category.Items.Count > 0)
            {
                program.Categories.Add(category);
            }
        }
    }

    /// <summary>What the reviewer must know about the text as a whole: no as-of date, lines read only in part, a text cut off.</summary>
    private void AskAboutTheText(DraftProgram program, Layout layout, Span title, DateOnly reportDate)
    {
        if (program.Items.Any(i => i.Report is not null) && program.AsOf is null)
        {
            evidence.Ask(program, "asOf", title, $"原文没有说数据截至哪一天（如“截至6月底”），报告日期暂定为 {reportDate:yyyy-MM-dd}，请核对。");
        }
        foreach (var line in layout.Shortened)
        {
            evidence.Ask(null, null, line, $"这一行有 {line.Length} 个字符，只读取了前 {LayoutReader.MaxLineLength} 个，请核对。");
        }
        foreach (var line in layout.BrokenNumbering)
        {
            evidence.Ask(null, null, line, "这一段里的编号不连续（如 1. 3. 2.），没有按编号拆成子项，请核对是否漏了或多了子项。");
        }
        foreach (var table in layout.Unattached)
        {
            evidence.Ask(null, null, table, "这张分街镇（分单位）的表格不在任何子项之下，没有读取，请核对它属于哪个子项。");
        }
        foreach (var line in layout.Enumerated)
        {
            evidence.Ask(null, null, line, "这里用“一是、二是……”列举的各点已分别读作子项；如果它们只是同一子项的几方面进展，请合并。");
        }
        if (layout.CutOff is { } cut)
        {
            evidence.Ask(program.Items.LastOrDefault(), "title", cut, "原文在这里中断（句子不完整），最后一个子项可能不全，请对照原文补齐。");
        }
    }

    private string CategoryName(Span name) => DraftWriter.Fit(text.Clean(name).TrimEnd('。', '：', ':', '；'), FieldLimits.Name);

    private void Region(DraftProgram program, List<Span> head, Span title)
    {
        foreach (var line in title.Length > 0 ? head.Prepend(title) : head)
        {
            var content = text.Slice(line);
            var kind = Kinds.Select(k => content.IndexOf(k, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
            var before = NotRegion.Replace(kind >= 0 ? content[..kind] : content, " ");
            var match = RegionPattern.Match(before);
            if (!match.Success)
            {
                continue;
            }
            var name = match.Groups[1].Value;
            var split = Math.Max(name.IndexOf('省'), name.IndexOf('市'));
            if (split > 0 && split < name.Length - 2)
            {
                program.ParentRegionName = name[..(split + 1)];
                name = name[(split + 1)..];
            }
            program.RegionName = name;
            var at = content.IndexOf(name, StringComparison.Ordinal);
            evidence.Found(program, "region.name", at >= 0 ? new Span(line.Start + at, name.Length) : line, 0.8m);
            return;
        }
        evidence.Ask(program, "region.name", title, "原文没有写明是哪个地区的民心工程，请填写地区名称。");
    }

    /// <summary>
    /// Who published the text and when: from labelled lines ("来源：津南好 发布时间：2025-07-17 13:43") at the top, else a
    /// by-line ("成都发布　2025-10-16"), else the source line or signature after the program ("区人民政府办公室 / 2025年1月10日").
    /// </summary>
    private void Publication(DraftProgram program, List<Span> head, List<Span> postscript)
    {
        var top = head.Concat(text.Lines.Take(8)).ToList();
        var tail = postscript.Take(MaxPostscriptLines).ToList();
        foreach (var line in top.Concat(tail))
        {
            if (program.Publisher is null && DateReader.Publisher(_normalized, line) is { } publisher)
            {
                program.Publisher = DraftWriter.Fit(publisher.Publisher, FieldLimits.Name);
                evidence.Found(program, "sources[0].publisher", publisher.Where, 0.85m);
            }
            if (program.PublishedAt is null && DateReader.Publication(_normalized, line) is { } published)
            {
                program.PublishedAt = published.At;
                evidence.Found(program, "sources[0].publishedAt", published.Where, 0.9m);
            }
        }
        Span signer = default;
        foreach (var (line, i) in top.Concat(tail).Select((l, i) => (l, i)))
        {
            if (DateReader.Byline(_normalized, line) is not { } byline)
            {
                signer = line; // "区人民政府办公室" on the line above its date
                continue;
            }
            if (program.PublishedAt is null)
            {
                program.PublishedAt = byline.At;
                evidence.Found(program, "sources[0].publishedAt", byline.Where, 0.75m);
            }
            var signed = signer.Length is > 1 and <= 20 && LayoutReader.IsSigner(text.Slice(signer));
            var name = byline.Publisher is not null ? byline.PublisherWhere : signed ? signer : default;
            if (program.Publisher is null && name.Length > 0)
            {
                program.Publisher = DraftWriter.Fit(text.Clean(name), FieldLimits.Name);
                evidence.Found(program, "sources[0].publisher", name, 0.7m);
            }
            break;
        }
        if (options.PublicationDate is { } date && DateOnly.FromDateTime(program.PublishedAt?.DateTime ?? default) != date)
        {
            program.PublishedAt = ChinaTime.StartOf(date);
        }
    }

    /// <summary>The program's year; true when the text states it, false when it comes from the publication date or today.</summary>
    private bool Year(DraftProgram program, Span title, List<Span> head)
    {
        foreach (var line in title.Length > 0 ? head.Prepend(title) : head)
        {
            if (DateReader.Year(_normalized, line) is { } year && year.Year is >= 2000 and <= 2100)
            {
                program.Year = year.Year;
                evidence.Found(program, "year", year.Where, 0.9m);
                return true;
            }
        }
        if (program.PublishedAt is { } published)
        {
            program.Year = published.Year;
            evidence.Found(program, "year", title, 0.6m);
            return false;
        }
        program.Year = DateTime.Today.Year;
        evidence.Ask(program, "year", title, $"原文没有写明年份，暂定为 {program.Year} 年，请核对。也可用 --publication-date 给出发布日期。");
        return false;
    }

    private void AsOf(DraftProgram program, List<Span> head, Span title, bool yearStated)
    {
        var published = program.PublishedAt is { } at ? DateOnly.FromDateTime(at.DateTime) : (DateOnly?)null;
        int YearOf(int month, int day)
        {
            // 截至6月底 in a text published in July is this year's; 截至12月底 published in January is last year's.
            if (published is { } p && !yearStated)
            {
                return month > p.Month ? p.Year - 1 : p.Year;
            }
            return program.Year;
        }
        foreach (var line in head)
        {
            if (DateReader.AsOf(_normalized, line, YearOf) is not { } asOf)
            {
                continue;
            }
            if (asOf.Date.Year < program.Year || asOf.Date.Year > program.Year + 1)
            {
                evidence.Ask(program, "asOf", asOf.Where, $"“{text.Slice(asOf.Where)}”与 {program.Year} 年度不符，报告日期暂不采用，请核对。");
                return;
            }
            program.AsOf = asOf.Date;
            evidence.Found(program, "asOf", asOf.Where, 0.9m);
            return;
        }
        // The period a title names ("上半年进展情况"); a web page may carry its title twice, as <title> and as <h1>.
        var titles = head.Where(l => l.Length <= 60 && !text.Slice(l).Contains('。') && Kinds.Any(k => text.Slice(l).Contains(k, StringComparison.Ordinal)));
        foreach (var line in title.Length > 0 ? titles.Prepend(title) : titles)
        {
            if (DateReader.EndOfPeriodNamed(_normalized, line, program.Year) is { } end)
            {
                program.AsOf = end;
                evidence.Found(program, "asOf", line, 0.7m);
                return;
            }
        }
        if (published is { } p && p.Year == program.Year)
        {
            program.AsOf = p;
            evidence.Found(program, "asOf", title, 0.5m);
        }
    }

    /// <summary>Category numbers as printed when they are usable (unique, positive), else 1, 2, 3…</summary>
    private void NumberCategories(DraftProgram program)
    {
        var numbers = program.Categories.Select(c => c.Number).ToList();
        var usable = numbers.All(n => n > 0) && numbers.Distinct().Count() == numbers.Count;
        for (var i = 0; i < program.Categories.Count; i++)
        {
            var category = program.Categories[i];
            if (!usable)
            {
                category.Number = i + 1;
            }
            if (category.Name.Length == 0)
            {
                category.Name = program.Kind;
                evidence.Ask(category, "name", default, "原文没有按工程分组，这些子项暂归入一个工程，请填写工程名称或重新分组。");
            }
        }
    }

    /// <summary>"4个子项已完成，其余22个子项…": the lead's counts against the items read; a difference is a question.</summary>
    private void CompareWithLead(DraftProgram program, List<Span> head)
    {
        var items = program.Items.ToList();
        foreach (var line in head)
        {
            var completed = CompletedCount.Match(_normalized, line.Start, line.Length);
            var count = completed.Groups[1].Success ? completed.Groups[1] : completed.Groups[2];
            if (!completed.Success || !int.TryParse(count.Value, out var said))
            {
                continue;
            }
            var found = items.Count(i => i.Report?.Status == Domain.Progress.ItemStatus.Completed);
            if (found != said)
            {
                evidence.Ask(program, "categories", new Span(completed.Index, completed.Length), $"原文说 {said} 个子项已完成，读出的是 {found} 个，请核对各子项的状态。");
            }
            var others = OthersCount.Match(_normalized, line.Start, line.Length);
            if (others.Success && int.TryParse(others.Groups[1].Value, out var rest) && said + rest != items.Count)
            {
                evidence.Ask(program, "categories", line, $"原文共 {said + rest} 个子项，读出的是 {items.Count} 个，请核对是否有遗漏或多读。");
            }
            return;
        }
    }
}
