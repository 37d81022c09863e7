using System.Globalization;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;

namespace Minxin.Testing;

/// <summary>Builds programs in memory so each test states only what matters to it.</summary>
public sealed class ProgramBuilder(string code = "test-2025", int year = 2025)
{
    private readonly LivelihoodProgram _program = new()
    {
        Code = code,
        Year = year,
        Title = $"{year}年测试区民心工程",
        Region = new Region { Code = "999999", Name = "测试区", Parent = new Region { Code = "990000", Name = "测试市" } },
    };

    public ProgramBuilder Category(int number, string name, Action<CategoryBuilder> build)
    {
        var category = new Category { Number = number, Name = name, Program = _program };
        build(new CategoryBuilder(category));
        _program.Categories.Add(category);
        return this;
    }

    public LivelihoodProgram Build() => _program;
}

public sealed class CategoryBuilder(Category category)
{
    public CategoryBuilder Item(int number, string title, Action<ItemBuilder>? build = null)
    {
        var item = new Item { Number = number, Title = title, Category = category };
        build?.Invoke(new ItemBuilder(item));
        category.Items.Add(item);
        return this;
    }
}

public sealed class ItemBuilder(Item item)
{
    public ItemBuilder Indicator(string key, string unit, decimal? target = null, Comparator comparator = Comparator.Exactly,
        Accumulation accumulation = Accumulation.Cumulative, string? name = null)
    {
        item.Indicators.Add(new Indicator
        {
            Item = item,
            Key = key,
            Name = name ?? key,
            Unit = unit,
            Target = target,
            Comparator = comparator,
            Accumulation = accumulation,
            Position = item.Indicators.Count,
        });
        return this;
    }

    /// <summary>The item's lead unit and co-operating units, by name (one name is one unit within the program).</summary>
    public ItemBuilder Units(string? lead, params string[] cooperating)
    {
        var program = item.Category.Program;
        ResponsibleUnit Named(string name) =>
            program.Items.Concat(item.Category.Items).Append(item).SelectMany(i => i.Units).Select(u => u.Unit).FirstOrDefault(u => u.Name == name)
            ?? new ResponsibleUnit { Code = "", Name = name, Region = program.Region };
        item.SetUnits(lead is null ? null : Named(lead), cooperating.Select(Named));
        return this;
    }

    public ItemBuilder Site(string key, string? name = null)
    {
        item.Sites.Add(new Site { Item = item, Key = key, Name = name ?? key, Position = item.Sites.Count });
        return this;
    }

    public ItemBuilder Report(string asOf, ItemStatus status, Action<ReportBuilder>? build = null)
    {
        var report = new ProgressReport
        {
            Item = item,
            AsOf = Dates.Parse(asOf),
            Status = status,
            SubmittedBy = "测试填报员",
            SubmittedAt = new DateTimeOffset(Dates.Parse(asOf).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)),
            Review = ReviewState.Approved,
            ReviewedBy = "测试审核员",
            ReviewedAt = new DateTimeOffset(Dates.Parse(asOf).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)),
        };
        build?.Invoke(new ReportBuilder(item, report));
        item.Reports.Add(report);
        return this;
    }
}

public sealed class ReportBuilder(Item item, ProgressReport report)
{
    public ReportBuilder Value(string indicatorKey, decimal value, string? period = null, Comparator qualifier = Comparator.Exactly, decimal? statedPercent = null)
    {
        report.Values.Add(new IndicatorValue
        {
            Report = report,
            Indicator = item.Indicators.Single(i => i.Key == indicatorKey),
            Value = value,
            Qualifier = qualifier,
            Period = period is null ? Period.YearToDate(report.AsOf) : Dates.ParsePeriod(period),
            StatedPercent = statedPercent,
        });
        return this;
    }

    public ReportBuilder Site(string key, SitePhase phase, string? expected = null, string? note = null)
    {
        report.SiteUpdates.Add(new SiteUpdate
        {
            Report = report,
            Site = item.Sites.Single(s => s.Key == key),
            Phase = phase,
            ExpectedCompletion = expected is null ? null : ExpectedDate.TryParse(expected, out var e) ? e : throw new ArgumentException(expected),
            Note = note,
        });
        return this;
    }

    /// <summary>The item's expected completion ("2025-09", "2025-08-31", "2025") and why it moved, when it did.</summary>
    public ReportBuilder Expected(string expected, string? reason = null)
    {
        report.ExpectedCompletion = ExpectedDate.TryParse(expected, out var e) ? e : throw new ArgumentException(expected);
        report.ExpectedCompletionReason = reason;
        return this;
    }

    public ReportBuilder Narrative(string narrative)
    {
        report.Narrative = narrative;
        return this;
    }

    public ReportBuilder Review(ReviewState state)
    {
        report.Review = state;
        return this;
    }

    public ReportBuilder Correction(int version, string note)
    {
        report.Version = version;
        report.CorrectionNote = note;
        return this;
    }
}

public static class Dates
{
    public static DateOnly Parse(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Period ParsePeriod(string text) =>
        Period.TryParse(text, out var period) ? period : throw new ArgumentException($"Bad period {text}", nameof(text));
}

public static class Corrections
{
    /// <summary>An approved correction (next version, same date) of <paramref name="report"/>, its figures changed by <paramref name="value"/>.</summary>
    public static ProgressReport Of(ProgressReport report, string reason, Func<IndicatorValue, decimal> value)
    {
        var correction = new ProgressReport
        {
            Item = report.Item,
            AsOf = report.AsOf,
            Version = report.Version + 1,
            CorrectionNote = reason,
            Status = report.Status,
            Narrative = report.Narrative,
            ExpectedCompletion = report.ExpectedCompletion,
            Source = report.Source,
            SubmittedBy = report.SubmittedBy,
            SubmittedAt = report.SubmittedAt.AddDays(1),
            Review = ReviewState.Approved,
            ReviewedBy = "测试审核员",
            ReviewedAt = report.SubmittedAt.AddDays(2),
        };
        correction.Values.AddRange(report.Values.Select(v => new IndicatorValue
        {
            Report = correction, Indicator = v.Indicator, Value = value(v), Qualifier = v.Qualifier, Period = v.Period,
            StatedPercent = v.Indicator.Target is null ? v.StatedPercent : null,
        }));
        correction.SiteUpdates.AddRange(report.SiteUpdates.Select(u => new SiteUpdate
        {
            Report = correction, Site = u.Site, Phase = u.Phase, ExpectedCompletion = u.ExpectedCompletion, Note = u.Note,
        }));
        return correction;
    }
}
