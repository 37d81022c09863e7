using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Quantities;
using Minxin.Importer.Drafts;
using Minxin.Importer.Text;

namespace Minxin.Importer.Reading;

/// <summary>
/// What a per-town table says of its item. The data file keeps figures per indicator, not per town (a site has phases,
/// not numbers), so a table gives the item's total: its 合计 row, else the sum of its rows (then asked about, as the
/// rows may not be all the towns), as the value of the indicator in its unit, checked against the wording's target and
/// the prose's own figure, which wins when they differ. The rows themselves go into the narrative as the text wrote them.
/// </summary>
internal sealed class BreakdownTotals(SourceText text, Evidence evidence)
{
    /// <summary>Reads the tables into the item and its report (none for a plan); returns the sentences for the narrative.</summary>
    public List<string> Read(DraftItem item, DraftReport? report, IReadOnlyList<Breakdown> breakdowns)
    {
        var notes = new List<string>();
        foreach (var breakdown in breakdowns)
        {
            Totals(item, report, breakdown);
            notes.Add(Note(breakdown));
            if (report is null)
            {
                evidence.Ask(item, "indicators", breakdown.Whole, "原文列有分街镇（分单位）的数字；数据文件只记子项的总数，各行没有记入，请核对。");
            }
        }
        return notes;
    }

    private void Totals(DraftItem item, DraftReport? report, Breakdown breakdown)
    {
        var planned = Index(breakdown, BreakdownKind.Planned);
        var done = Index(breakdown, BreakdownKind.Done);
        var total = breakdown.Rows.FirstOrDefault(r => r.IsTotal);
        var parts = breakdown.Rows.Where(r => !r.IsTotal).ToList();
        decimal? Sum(int column) => column < 0 || parts.Count == 0 || parts.Any(r => r.Cells[column].Value is null) ? null : parts.Sum(r => r.Cells[column].Value!.Value);
        decimal? Given(int column) => column < 0 ? null : total?.Cells[column].Value;
        var plannedTotal = total is null ? Sum(planned) : Given(planned);
        var doneTotal = total is null ? Sum(done) : Given(done);
        var where = total?.Line ?? breakdown.Whole;
        var how = total is null ? "各行相加" : "合计";
        if (total is not null)
        {
            foreach (var column in new[] { planned, done })
            {
                if (Sum(column) is { } sum && Given(column) is { } given && sum != given)
                {
                    evidence.Ask(item, "indicators", total.Line, $"表格的合计 {Plain(given)} 与各行相加的 {Plain(sum)} 不一致，请核对。");
                }
            }
        }
        if (Unit(item, breakdown, planned, done) is not { } unit)
        {
            evidence.Ask(item, "indicators", breakdown.Whole, "这张分街镇（分单位）表格没有写单位，对应不上子项的指标，合计没有记入，请核对。");
            return;
        }
        var targets = item.Indicators.Where(i => i.Target is not null && i.Unit == unit).ToList();
        DraftIndicator? indicator;
        if (plannedTotal is { } plan)
        {
            indicator = targets.FirstOrDefault(t => t.Target == plan);
            if (indicator is null && targets.Count > 0)
            {
                evidence.Ask(targets[0], "target", where,
                    $"表格计划数{how}为 {Figure(plan, unit)}，与目标 {string.Join("、", targets.Select(t => Figure(t.Target!.Value, unit)))} 不一致，表格的数没有记入，请核对。");
                return;
            }
            indicator ??= NewIndicator(item, unit, plan, where, total is null);
        }
        else if (targets.Count == 1)
        {
            indicator = targets[0];
        }
        else if (targets.Count == 0 && doneTotal is not null)
        {
            indicator = NewIndicator(item, unit, null, where, total is null);
        }
        else
        {
            evidence.Ask(item, "indicators", breakdown.Whole, $"这张表格的完成数对应子项的哪个指标（{string.Join("、", targets.Select(t => t.Name))}）不能确定，没有记入，请核对。");
            return;
        }
        if (report is null || doneTotal is not { } actual)
        {
            return;
        }
        if (report.Values.FirstOrDefault(v => v.Indicator == indicator) is { } said)
        {
            if (said.Value != actual)
            {
                evidence.Ask(said, "value", where, $"表格完成数{how}为 {Figure(actual, unit)}，正文为 {Figure(said.Value, unit)}，暂按正文，请核对。");
            }
            return;
        }
        var rate = Index(breakdown, BreakdownKind.Rate);
        var value = new DraftValue
        {
            Indicator = indicator,
            Value = actual,
            StatedPercent = total is not null && rate >= 0 && total.Cells[rate] is { Unit: "%", Value: { } percent } ? percent : null,
        };
        report.Values.Add(value);
        evidence.Found(value, "value", where, total is null ? 0.6m : 0.8m);
        if (total is null)
        {
            evidence.Ask(value, "value", breakdown.Whole, $"原文没有合计，完成数按表格各行相加为 {Figure(actual, unit)}，请核对表格是否列全。");
        }
    }

    private DraftIndicator NewIndicator(DraftItem item, string unit, decimal? target, Span where, bool summed)
    {
        var title = item.Title.Length <= 20 ? Names.Strip(item.Title) : "";
        var indicator = new DraftIndicator
        {
            Key = Names.Key(title, unit, item.Indicators.Select(i => i.Key).ToHashSet()),
            Name = DraftWriter.Fit(Names.Or(title, unit), FieldLimits.Name),
            Unit = unit,
            Target = target,
        };
        item.Indicators.Add(indicator);
        evidence.Found(indicator, "name", where, 0.3m);
        if (target is not null)
        {
            evidence.Found(indicator, "target", where, summed ? 0.6m : 0.8m);
        }
        return indicator;
    }

    /// <summary>The unit of the counts: the header's ("计划（公里）"), the cells' ("12个"), else the item's only unit of targets.</summary>
    private static string? Unit(DraftItem item, Breakdown breakdown, int planned, int done)
    {
        var columns = new[] { planned, done }.Where(c => c >= 0).ToList();
        var stated = columns.Select(c => breakdown.Columns[c].Unit)
            .Concat(columns.SelectMany(c => breakdown.Rows.Select(r => r.Cells[c].Unit)))
            .Where(u => u is not null and not "%").Distinct().ToList();
        if (stated.Count > 0)
        {
            return stated.Count == 1 ? stated[0] : null;
        }
        var units = item.Indicators.Where(i => i.Target is not null && i.Unit != "%").Select(i => i.Unit).Distinct().ToList();
        return units.Count == 1 ? units[0] : null;
    }

    /// <summary>"镇街：芦台街道计划数200、完成数180、完成率90%；丰台镇…。", each cell as written.</summary>
    private string Note(Breakdown breakdown)
    {
        var rows = breakdown.Rows.Select(row => text.Clean(row.Name) + string.Join("、", breakdown.Columns.Select((column, k) => (column, cell: row.Cells[k]))
            .Where(x => x.cell.Value is not null)
            .Select(x => Header(x.column) + Cell(x.cell, x.column))));
        return $"{text.Clean(breakdown.NameHeader)}：{string.Join("；", rows)}。";
    }

    private string Header(BreakdownColumn column)
    {
        var header = text.Clean(column.Header);
        var open = header.IndexOfAny(['（', '(']);
        return open > 0 ? header[..open] : header;
    }

    /// <summary>The cell as written, with the header's unit when the cell has none: "12" under "计划（公里）" is "12公里".</summary>
    private string Cell(BreakdownCell cell, BreakdownColumn column)
    {
        var written = text.Clean(cell.Span);
        var header = text.Clean(column.Header);
        var open = header.IndexOfAny(['（', '(']);
        return open > 0 && char.IsAsciiDigit(written[^1]) ? written + header[(open + 1)..^1] : written;
    }

    private static int Index(Breakdown breakdown, BreakdownKind kind)
    {
        for (var k = 0; k < breakdown.Columns.Count; k++)
        {
            if (breakdown.Columns[k].Kind == kind)
            {
                return k;
            }
        }
        return -1;
    }

    private static string Plain(decimal value) => ChineseNumbers.Plain(value);

    private static string Figure(decimal value, string unit) => ChineseNumbers.Figure(value, unit, Comparator.Exactly);
}
