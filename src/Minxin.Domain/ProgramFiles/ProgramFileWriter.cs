using System.Text.Json;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;

namespace Minxin.Domain.ProgramFiles;

/// <summary>Writes a program in the data-file format, canonically: the same program always gives the same bytes.</summary>
public static class ProgramFileWriter
{
    public static byte[] Write(LivelihoodProgram program) => Serialize(ToFile(program));

    public static byte[] Serialize(ProgramFile file)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(file, ProgramFileJson.Options);
        return [.. bytes, (byte)'\n'];
    }

    public static ProgramFile ToFile(LivelihoodProgram program) => new()
    {
        Format = ProgramFile.FormatName,
        FormatVersion = ProgramFile.CurrentVersion,
        Id = program.Code,
        Region = Region(program.Region),
        Year = program.Year,
        Title = program.Title,
        Sources = NullIfEmpty(program.Sources.OrderBy(s => s.Id).Select(s => new SourceFile
        {
            Id = s.Key,
            Title = s.Title,
            Publisher = s.Publisher,
            PublishedAt = Timestamp(s.PublishedAt),
            Url = s.Url,
        })),
        Categories = program.Categories.OrderBy(c => c.Number).Select(c => new CategoryFile
        {
            Number = c.Number,
            Name = c.Name,
            Items = c.Items.OrderBy(i => i.Number).Select(Item).ToList(),
        }).ToList(),
    };

    private static RegionFile Region(Region region) => new()
    {
        Code = region.Code,
        Name = region.Name,
        Parent = region.Parent is null ? null : Region(region.Parent),
    };

    private static ItemFile Item(Item item) => new()
    {
        Number = item.Number,
        Title = item.Title,
        LeadUnit = item.LeadUnitName,
        CooperatingUnits = NullIfEmpty(item.CooperatingUnitNames),
        LeadOfficial = item.LeadOfficial,
        ResponsiblePerson = item.ResponsiblePerson,
        Deadline = item.Deadline is { } deadline ? IsoDate.Format(deadline) : null,
        Indicators = NullIfEmpty(item.Indicators.OrderBy(i => i.Position).Select(i => new IndicatorFile
        {
            Key = i.Key,
            Name = i.Name,
            Unit = i.Unit,
            Target = i.Target,
            Comparator = i.Comparator == Comparator.Exactly ? null : EnumCodes.ToCode(i.Comparator),
            Accumulation = i.Accumulation == Accumulation.Cumulative ? null : EnumCodes.ToCode(i.Accumulation),
        })),
        Sites = NullIfEmpty(item.Sites.OrderBy(s => s.Position).Select(s => new SiteFile { Key = s.Key, Name = s.Name, Town = s.Town })),
        Reports = NullIfEmpty(item.Reports.OrderBy(r => r.AsOf).ThenBy(r => r.Version).Select(Report)),
    };

    public static ReportFile Report(ProgressReport report) => new()
    {
        AsOf = IsoDate.Format(report.AsOf),
        Version = report.Version == 1 ? null : report.Version,
        CorrectionNote = report.CorrectionNote,
        Status = EnumCodes.ToCode(report.Status),
        Narrative = report.Narrative,
        ExpectedCompletion = report.ExpectedCompletion?.ToString(),
        ExpectedCompletionReason = report.ExpectedCompletionReason,
        Values = NullIfEmpty(report.Values.OrderBy(v => v.Indicator.Position).Select(v => new ValueFile
        {
            Indicator = v.Indicator.Key,
            Value = v.Value,
            Qualifier = v.Qualifier == Comparator.Exactly ? null : EnumCodes.ToCode(v.Qualifier),
            Period = v.Period == Period.YearToDate(report.AsOf) ? null : v.Period.ToString(),
            StatedPercent = v.StatedPercent,
        })),
        Sites = NullIfEmpty(report.SiteUpdates.OrderBy(u => u.Site.Position).Select(u => new SiteUpdateFile
        {
            Site = u.Site.Key,
            Phase = EnumCodes.ToCode(u.Phase),
            ExpectedCompletion = u.ExpectedCompletion?.ToString(),
            Note = u.Note,
        })),
        Source = report.Source?.Key,
        SubmittedBy = report.SubmittedBy,
        SubmittedAt = Timestamp(report.SubmittedAt),
        Review = new ReviewFile
        {
            State = EnumCodes.ToCode(report.Review),
            By = report.ReviewedBy,
            At = Timestamp(report.ReviewedAt),
            Note = report.ReviewNote,
        },
    };

    // Beijing time whatever the database kept, so exports compare byte for byte.
    private static string? Timestamp(DateTimeOffset? at) => at is { } t ? ChinaTime.Format(t) : null;

    private static List<T>? NullIfEmpty<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? null : list;
    }
}
