using System.Text.Json;
using Minxin.Domain.ProgramFiles;
using Minxin.Importer.Reading;

namespace Minxin.Importer;

/// <summary>The existing program with the draft's reports added, or why they cannot be added without overwriting.</summary>
public sealed record MergeResult(ProgramFile? Program, IReadOnlyList<string> Problems, int ReportsAdded);

/// <summary>
/// Adds the reports of a progress text to a program already stored: each draft item is matched to an existing item by its
/// wording, and its report is appended as a report of a new date. Reports are append-only, so a report for a date the item
/// already has is refused rather than overwritten; indicators and sites the program does not have yet are added.
/// </summary>
public static class ReportMerger
{
    /// <summary>How alike two wordings must be (Dice coefficient of character pairs) to be the same item.</summary>
    private const double SameWording = 0.8;

    public static MergeResult AppendReports(ProgramFile existing, ProgramFile draft)
    {
        var merged = Copy(existing);
        merged.Draft = null;
        draft = Copy(draft); // its reports are adopted and rewritten below; the caller's draft stays as it was
        var problems = new List<string>();
        var drafted = (draft.Categories ?? []).SelectMany(c => c.Items ?? []).Where(i => i.Reports is { Count: > 0 }).ToList();
        if (drafted.Count == 0)
        {
            return new MergeResult(null, ["这段文字没有进展报告（像是一份计划），不能作为新报告加入已有的民心工程。"], 0);
        }
        var items = (merged.Categories ?? []).SelectMany(c => c.Items ?? []).ToList();
        var sourceId = AddSource(merged, draft.Sources?.FirstOrDefault());
        var added = 0;
        foreach (var item in drafted)
        {
            var match = Find(items, item.Title ?? "");
            if (match is null)
            {
                problems.Add($"子项“{Short(item.Title)}”在已有的民心工程中找不到措辞相同的子项。");
                continue;
            }
            foreach (var report in item.Reports!)
            {
                if (match.Reports?.Any(r => r.AsOf == report.AsOf) == true)
                {
                    problems.Add($"子项“{Short(match.Title)}”已有 {report.AsOf} 的进展报告；报告只增不改，不能覆盖。");
                    continue;
                }
                match.Reports ??= [];
                match.Reports.Add(Adopt(match, item, report, sourceId));
                added++;
            }
        }
        return problems.Count > 0 ? new MergeResult(null, problems, 0) : new MergeResult(merged, [], added);
    }

    private static ProgramFile Copy(ProgramFile file) =>
        JsonSerializer.Deserialize<ProgramFile>(JsonSerializer.SerializeToUtf8Bytes(file, ProgramFileJson.Options), ProgramFileJson.Options)!;

    private static string? AddSource(ProgramFile merged, SourceFile? source)
    {
        if (source?.Id is null)
        {
            return null;
        }
        merged.Sources ??= [];
        var id = source.Id;
        for (var n = 2; merged.Sources.Any(s => s.Id == id && s.Title != source.Title); n++)
        {
            id = $"{source.Id}-{n}";
        }
        if (!merged.Sources.Any(s => s.Id == id))
        {
            merged.Sources.Add(new SourceFile { Id = id, Title = source.Title, Publisher = source.Publisher, PublishedAt = source.PublishedAt, Url = source.Url });
        }
        return id;
    }

    /// <summary>The draft report in the terms of the existing item: its indicator and site keys, its source.</summary>
    private static ReportFile Adopt(ItemFile existing, ItemFile drafted, ReportFile report, string? sourceId)
    {
        existing.Indicators ??= [];
        existing.Sites ??= [];
        var keys = new Dictionary<string, string>();
        foreach (var indicator in drafted.Indicators ?? [])
        {
            var same = existing.Indicators.FirstOrDefault(i => i.Key == indicator.Key && i.Unit == indicator.Unit)
                ?? existing.Indicators.FirstOrDefault(i => i.Unit == indicator.Unit && i.Target is not null && i.Target == indicator.Target)
                ?? existing.Indicators.FirstOrDefault(i => i.Unit == indicator.Unit && i.Name == indicator.Name);
            if (same is null && report.Values?.Any(v => v.Indicator == indicator.Key) == true)
            {
                same = new IndicatorFile
                {
                    Key = Names.Key(indicator.Key ?? "", indicator.Unit ?? "", existing.Indicators.Select(i => i.Key!).ToHashSet()),
                    Name = indicator.Name,
                    Unit = indicator.Unit,
                };
                existing.Indicators.Add(same);
            }
            if (same is not null)
            {
                keys[indicator.Key!] = same.Key!;
            }
        }
        var sites = new Dictionary<string, string>();
        foreach (var site in drafted.Sites ?? [])
        {
            var same = existing.Sites.FirstOrDefault(s => s.Name == site.Name) ?? existing.Sites.FirstOrDefault(s => s.Key == site.Key);
            if (same is null)
            {
                same = new SiteFile { Key = Names.Key(site.Key ?? "", "", existing.Sites.Select(s => s.Key!).ToHashSet()), Name = site.Name, Town = site.Town };
                existing.Sites.Add(same);
            }
            sites[site.Key!] = same.Key!;
        }
        report.Values?.ForEach(v => v.Indicator = keys.TryGetValue(v.Indicator!, out var key) ? key : v.Indicator);
        report.Sites?.ForEach(s => s.Site = sites.TryGetValue(s.Site!, out var key) ? key : s.Site);
        report.Narrative = report.Narrative is null ? null : Rekey(report.Narrative, keys);
        report.Source = sourceId;
        report.Version = null;
        report.CorrectionNote = null;
        return report;
    }

    private static string Rekey(string narrative, Dictionary<string, string> keys) =>
        string.Concat(Domain.Progress.Narrative.Parse(narrative).Select(part => part switch
        {
            Domain.Progress.NarrativeFigure f => Domain.Progress.Narrative.Token(keys.GetValueOrDefault(f.IndicatorKey, f.IndicatorKey), f.Percent),
            Domain.Progress.NarrativeText t => Domain.Progress.Narrative.Escape(t.Text),
            _ => "",
        }));

    /// <summary>The item with the same wording: equal once punctuation and spacing are ignored, else the one clearly most alike.</summary>
    private static ItemFile? Find(List<ItemFile> items, string title)
    {
        var wording = Comparable(title);
        var equal = items.Where(i => Comparable(i.Title ?? "") == wording).ToList();
        if (equal.Count == 1)
        {
            return equal[0];
        }
        var scored = items.Select(i => (Item: i, Score: Dice(Comparable(i.Title ?? ""), wording))).OrderByDescending(x => x.Score).ToList();
        return scored.Count > 0 && scored[0].Score >= SameWording && (scored.Count == 1 || scored[1].Score < scored[0].Score) ? scored[0].Item : null;
    }

    private static string Comparable(string text) =>
        new(Text.TextNormalizer.Normalize(text).Where(c => char.IsLetterOrDigit(c)).ToArray());

    private static double Dice(string a, string b)
    {
        if (a.Length < 2 || b.Length < 2)
        {
            return a == b ? 1 : 0;
        }
        var pairs = Enumerable.Range(0, a.Length - 1).Select(i => a.Substring(i, 2)).ToList();
        var others = Enumerable.Range(0, b.Length - 1).Select(i => b.Substring(i, 2)).ToList();
        var common = 0;
        foreach (var pair in pairs)
        {
            var at = others.IndexOf(pair);
            if (at >= 0)
            {
                common++;
                others.RemoveAt(at);
            }
        }
        return 2.0 * common / (a.Length - 1 + b.Length - 1);
    }

    private static string Short(string? title) => title is null ? "" : title.Length <= 30 ? title : title[..30] + "…";
}
