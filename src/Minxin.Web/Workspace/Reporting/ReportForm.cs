using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Minxin.Domain;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;

namespace Minxin.Web.Workspace.Reporting;

/// <summary>
/// The report form as the browser posts it: every field as typed (so a refused form comes back exactly as it was
/// sent), one row per indicator and per site of the item, named like the service's fields ("values[0].value").
/// </summary>
public sealed class ReportForm
{
    /// <summary>The report's revision when the form was opened: a save against a later one is refused (412).</summary>
    public int? Revision { get; set; }

    public string? Status { get; set; }

    public string? Narrative { get; set; }

    public string? ExpectedCompletion { get; set; }

    public string? ExpectedCompletionReason { get; set; }

    public string? CorrectionReason { get; set; }

    public List<FigureInput> Values { get; set; } = [];

    public List<SiteInput> Sites { get; set; } = [];

    /// <summary>The form of a report being edited: what it says now, and an empty row for each indicator or site it leaves out.</summary>
    public static ReportForm Of(ProgressReport report) => new()
    {
        Revision = report.Revision,
        Status = EnumCodes.ToCode(report.Status),
        Narrative = report.Narrative,
        ExpectedCompletion = report.ExpectedCompletion?.ToString(),
        ExpectedCompletionReason = report.ExpectedCompletionReason,
        Values = report.Item.Indicators.OrderBy(i => i.Position)
            .Select(i => report.Values.FirstOrDefault(v => v.Indicator.Key == i.Key) is { } value
                ? FigureInput.Of(value, value.Period)
                : FigureInput.Empty(i, Domain.Quantities.Period.YearToDate(report.AsOf)))
            .ToList(),
        Sites = report.Item.Sites.OrderBy(s => s.Position)
            .Select(s => report.SiteUpdates.FirstOrDefault(u => u.Site.Key == s.Key) is { } update ? SiteInput.Of(update) : new SiteInput { Site = s.Key })
            .ToList(),
    };

    /// <summary>
    /// A new report as of <paramref name="asOf"/>, filled in with what the unit reported last time (its latest approved
    /// report), so only what changed needs typing. Each figure's period ends on the new date; a cumulative figure keeps
    /// its start, a figure counted per period starts the day after the last one ended, and a correction keeps the
    /// period of the version it corrects.
    /// </summary>
    public static ReportForm Prefill(Item item, DateOnly asOf, ProgressReport? last) => new()
    {
        Status = last is null ? null : EnumCodes.ToCode(last.Status),
        Narrative = last?.Narrative ?? "",
        ExpectedCompletion = last?.ExpectedCompletion?.ToString(),
        Values = item.Indicators.OrderBy(i => i.Position)
            .Select(i => last?.Values.FirstOrDefault(v => v.Indicator.Key == i.Key) is { } value
                ? FigureInput.Of(value, NextPeriod(value, asOf), keepStatedPercent: i.Target is null)
                : FigureInput.Empty(i, Domain.Quantities.Period.YearToDate(asOf)))
            .ToList(),
        Sites = item.Sites.OrderBy(s => s.Position)
            .Select(s => last?.SiteUpdates.FirstOrDefault(u => u.Site.Key == s.Key) is { } update ? SiteInput.Of(update) : new SiteInput { Site = s.Key })
            .ToList(),
    };

    private static Period NextPeriod(IndicatorValue last, DateOnly asOf)
    {
        if (last.Report.AsOf == asOf)
        {
            return last.Period;
        }
        var from = last.Indicator.Accumulation == Accumulation.PerPeriod ? last.Period.To.AddDays(1) : last.Period.From;
        return from <= asOf ? new Period(from, asOf) : Domain.Quantities.Period.YearToDate(asOf);
    }

    /// <summary>
    /// What the form asks the service to save, and what is wrong with it before the service is asked (a figure that
    /// is not a number, half a period). An empty figure or an unset site phase means "not reported this time".
    /// </summary>
    public ReportFormReading Read(int? roundId, string? asOf)
    {
        var errors = new List<(string Field, string Message)>();
        var valueRows = new List<int>();
        var values = new List<ReportValue>();
        foreach (var (row, i) in Values.Select((v, i) => (v, i)))
        {
            if (string.IsNullOrWhiteSpace(row.Value))
            {
                continue;
            }
            var field = $"values[{i}]";
            if (!TryParseNumber(row.Value, out var number))
            {
                errors.Add(($"{field}.value", $"“{row.Value.Trim()}”不是数字：请只填数字，如 5600、27.91万 或 1.5亿"));
            }
            decimal? stated = null;
            if (!string.IsNullOrWhiteSpace(row.StatedPercent))
            {
                if (TryParseNumber(row.StatedPercent.TrimEnd('%', '％'), out var percent))
                {
                    stated = percent;
                }
                else
                {
                    errors.Add(($"{field}.statedPercent", $"“{row.StatedPercent.Trim()}”不是百分数：请只填数字，如 90"));
                }
            }
            string? period = null;
            var (from, to) = (row.From?.Trim() ?? "", row.To?.Trim() ?? "");
            if (from.Length > 0 || to.Length > 0)
            {
                if (!IsoDate.TryParse(from, out _) || !IsoDate.TryParse(to, out _))
                {
                    errors.Add(($"{field}.period", "请把时段的起止日期都填上，格式为 YYYY-MM-DD，如 2025-01-01 至 2025-07-31"));
                }
                period = $"{from}/{to}";
            }
            valueRows.Add(i);
            values.Add(new ReportValue(row.Indicator, number, Blank(row.Qualifier), period, stated));
        }
        var siteRows = new List<int>();
        var sites = new List<ReportSite>();
        foreach (var (row, i) in Sites.Select((s, i) => (s, i)))
        {
            if (string.IsNullOrWhiteSpace(row.Phase))
            {
                if (!string.IsNullOrWhiteSpace(row.ExpectedCompletion) || !string.IsNullOrWhiteSpace(row.Note))
                {
                    errors.Add(($"sites[{i}].phase", "填写了预计完成时间或说明，请同时选择点位的建设阶段"));
                }
                continue;
            }
            siteRows.Add(i);
            sites.Add(new ReportSite(row.Site, row.Phase, row.ExpectedCompletion, Text(row.Note)));
        }
        if (string.IsNullOrWhiteSpace(Status))
        {
            errors.Add(("status", "请选择进展状态"));
        }
        var request = new ReportRequest
        {
            RoundId = roundId,
            AsOf = asOf,
            Status = Blank(Status),
            Narrative = Text(Narrative) ?? "",
            ExpectedCompletion = Blank(ExpectedCompletion),
            ExpectedCompletionReason = Text(ExpectedCompletionReason),
            CorrectionReason = Text(CorrectionReason),
            Values = values,
            Sites = sites,
        };
        return new ReportFormReading(request, errors, valueRows, siteRows);
    }

    /// <summary>"5600", "5,600", "５６００", "27.91万", "1.5亿": a figure in the indicator's base unit.</summary>
    public static bool TryParseNumber(string text, out decimal value)
    {
        var plain = new StringBuilder();
        foreach (var c in text.Trim())
        {
            plain.Append(c switch
            {
                >= '０' and <= '９' => (char)('0' + (c - '０')),
                '．' or '。' => '.',
                '－' => '-',
                _ => c,
            });
        }
        var number = plain.ToString().Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        var scale = 1m;
        if (number.EndsWith('万'))
        {
            (number, scale) = (number[..^1], 10_000m);
        }
        else if (number.EndsWith('亿'))
        {
            (number, scale) = (number[..^1], 100_000_000m);
        }
        var parsed = decimal.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        if (!parsed || Math.Abs(value) > decimal.MaxValue / scale)
        {
            return false; // not a number, or one too large for any figure once 万/亿 is applied
        }
        value *= scale;
        return true;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    // Browsers send a textarea's line breaks as CR LF; reports keep LF only.
    private static string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
}

/// <summary>One indicator's row: its key (hidden), the figure as typed, 准确/余/约, the period's first and last day.</summary>
public sealed class FigureInput
{
    public string? Indicator { get; set; }

    public string? Value { get; set; }

    public string? Qualifier { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }

    /// <summary>A percentage the unit states itself, for an indicator without a target ("进度超90%").</summary>
    public string? StatedPercent { get; set; }

    public static FigureInput Of(IndicatorValue value, Period period, bool keepStatedPercent = true) => new()
    {
        Indicator = value.Indicator.Key,
        Value = ChineseNumbers.Plain(value.Value),
        Qualifier = EnumCodes.ToCode(value.Qualifier),
        From = IsoDate.Format(period.From),
        To = IsoDate.Format(period.To),
        StatedPercent = keepStatedPercent && value.StatedPercent is { } p ? ChineseNumbers.Plain(p) : null,
    };

    public static FigureInput Empty(Indicator indicator, Period period) => new()
    {
        Indicator = indicator.Key,
        Qualifier = EnumCodes.ToCode(Comparator.Exactly),
        From = IsoDate.Format(period.From),
        To = IsoDate.Format(period.To),
    };
}

/// <summary>One site's row: its key (hidden), its phase, expected completion and a note.</summary>
public sealed class SiteInput
{
    public string? Site { get; set; }

    public string? Phase { get; set; }

    public string? ExpectedCompletion { get; set; }

    public string? Note { get; set; }

    public static SiteInput Of(SiteUpdate update) => new()
    {
        Site = update.Site.Key,
        Phase = EnumCodes.ToCode(update.Phase),
        ExpectedCompletion = update.ExpectedCompletion?.ToString(),
        Note = update.Note,
    };
}

/// <summary>
/// The request read from a form, the form's own errors, and which form row each figure and site of the request came
/// from: the service names "values[1].value" of the request, which is the form's row 3 when rows 1 and 2 were empty.
/// </summary>
public sealed partial class ReportFormReading(ReportRequest request, IReadOnlyList<(string Field, string Message)> errors,
    IReadOnlyList<int> valueRows, IReadOnlyList<int> siteRows)
{
    public ReportRequest Request { get; } = request;

    public IReadOnlyList<(string Field, string Message)> Errors { get; } = errors;

    /// <summary>The form's name for a field the service named.</summary>
    public string FormField(string serviceField)
    {
        var match = IndexedField().Match(serviceField);
        if (!match.Success)
        {
            return serviceField;
        }
        var rows = match.Groups[1].Value == "values" ? valueRows : siteRows;
        var index = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return index < rows.Count ? $"{match.Groups[1].Value}[{rows[index]}]{match.Groups[3].Value}" : serviceField;
    }

    [GeneratedRegex(@"^(values|sites)\[(\d+)\](.*)\z")]
    private static partial Regex IndexedField();
}
