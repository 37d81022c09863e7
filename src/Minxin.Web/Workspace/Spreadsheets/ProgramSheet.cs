using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;

namespace Minxin.Web.Workspace.Spreadsheets;

/// <summary>
/// The whole program for a coordinator (全部子项进展表): sheet 子项指标 with a row per item and indicator — the plan,
/// the latest approved figure with its date and percent, the item's latest approved status — and sheet 点位 with
/// each site's latest approved phase. Only approved figures: what has passed review, as the public sees it.
/// </summary>
public static class ProgramSheet
{
    public static readonly IReadOnlyList<string> ItemHeaders =
    [
        "工程", "子项编号", "子项", "牵头单位", "配合单位", "时限", "指标", "单位", "目标值", "最新数值", "截至日期", "完成率(%)", "状态", "预计完成",
    ];

    public static readonly IReadOnlyList<string> SiteHeaders = ["工程", "子项编号", "子项", "点位", "街镇", "阶段", "预计完成", "截至日期"];

    public static string FileName(LivelihoodProgram program) => $"{program.Title}-全部子项.xlsx";

    public static byte[] Write(LivelihoodProgram program, IReadOnlyList<Item> items)
    {
        var itemSheet = new SheetBuilder("子项指标") { FrozenRows = 1 };
        itemSheet.Add([.. ItemHeaders.Select(h => ((object?)h, CellLook.Header))]);
        double[] widths = [16, 9, 40, 16, 20, 11, 16, 7, 11, 11, 11, 9, 9, 11];
        for (var c = 0; c < widths.Length; c++)
        {
            itemSheet.Widths[c + 1] = widths[c];
        }
        var siteSheet = new SheetBuilder("点位") { FrozenRows = 1 };
        siteSheet.Add([.. SiteHeaders.Select(h => ((object?)h, CellLook.Header))]);
        siteSheet.Widths[1] = 16;
        siteSheet.Widths[3] = 40;
        siteSheet.Widths[4] = 24;
        var lastDay = new DateOnly(program.Year, 12, 31);
        foreach (var item in items.OrderBy(i => i.Category.Number).ThenBy(i => i.Number))
        {
            var last = UnitSheet.LastApproved(item, DateOnly.MaxValue);
            (object?, CellLook)[] Plan() =>
            [
                (item.Category.Name, CellLook.Plain), (item.Code, CellLook.Plain), (item.Title, CellLook.Plain), (item.LeadUnitName, CellLook.Plain),
                (string.Join("、", item.CooperatingUnitNames), CellLook.Plain), (IsoDate.Format(item.Deadline ?? lastDay), CellLook.Plain),
            ];
            (object?, CellLook)[] State() => [(last?.Status.ToChinese() ?? "未报", CellLook.Plain), (last?.ExpectedCompletion?.ToString(), CellLook.Plain)];
            if (item.Indicators.Count == 0)
            {
                itemSheet.Add([.. Plan(), (null, CellLook.Plain), (null, CellLook.Plain), (null, CellLook.Plain), (null, CellLook.Plain),
                    (last is null ? null : IsoDate.Format(last.AsOf), CellLook.Plain), (null, CellLook.Plain), .. State()]);
            }
            foreach (var indicator in item.Indicators.OrderBy(i => i.Position))
            {
                var value = UnitSheet.LastValueOf(item, indicator, DateOnly.MaxValue);
                object? percent = value is not null && indicator.Target is > 0 ? Math.Floor(value.Value * 100 / indicator.Target.Value) : value?.StatedPercent;
                itemSheet.Add([.. Plan(), (indicator.Name, CellLook.Plain), (indicator.Unit, CellLook.Plain), (indicator.Target, CellLook.Plain),
                    (value?.Value, CellLook.Plain), (value is null ? null : IsoDate.Format(value.Report.AsOf), CellLook.Plain), (percent, CellLook.Plain), .. State()]);
            }
            foreach (var site in item.Sites.OrderBy(s => s.Position))
            {
                var update = last?.SiteUpdates.FirstOrDefault(u => u.Site.Key == site.Key);
                siteSheet.Add((item.Category.Name, CellLook.Plain), (item.Code, CellLook.Plain), (item.Title, CellLook.Plain), (site.Name, CellLook.Plain),
                    (site.Town, CellLook.Plain), (update?.Phase.ToChinese() ?? "未报", CellLook.Plain), (update?.ExpectedCompletion?.ToString(), CellLook.Plain),
                    (update is null ? null : IsoDate.Format(last!.AsOf), CellLook.Plain));
            }
        }
        return Workbooks.Write([itemSheet, siteSheet]);
    }
}
