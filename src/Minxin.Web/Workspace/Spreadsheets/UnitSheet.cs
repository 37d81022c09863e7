using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Web.Workspace.Reporting;

namespace Minxin.Web.Workspace.Spreadsheets;

/// <summary>
/// The unit spreadsheet (填报表) for one open round: sheet 填报 has, per item the unit must report, a row per
/// indicator and a row per site (an item with no indicators gets one row of its own first); the item's first row
/// also carries its status, progress text, expected completion and the reason for moving it. Keys, plan figures and
/// last figures are grey and locked; what the unit fills in is pale yellow. Hidden columns name each row
/// ("07-1|指标|充电接口") and the draft's revision, so an upload knows what every row is and whether it is stale.
/// Sheet 说明 explains the sheet and holds the round's id and as-of date (defined names <see cref="RoundIdName"/>, <see cref="AsOfName"/>).
/// </summary>
public static class UnitSheet
{
    public const string EntrySheet = "填报";
    public const string GuideSheet = "说明";
    public const string RoundIdName = "MinxinRoundId";
    public const string AsOfName = "MinxinAsOf";
    public const string RoundIdCell = "B3";
    public const string AsOfCell = "B4";

    public const int Code = 1, ItemTitle = 2, Indicator = 3, Unit = 4, Target = 5, LastValue = 6, LastAsOf = 7, Value = 8, Status = 9, Site = 10,
        Phase = 11, Expected = 12, Progress = 13, SlipReason = 14, ReportState = 15, RowKey = 16, Revision = 17;

    public static readonly IReadOnlyList<string> Headers =
    [
        "子项编号", "子项", "指标", "单位", "目标值", "上次数值", "上次截至日期", "本次数值", "状态", "点位", "阶段", "预计完成", "进展情况",
        "预计完成时间调整原因", "报告状态", "行标识（勿改）", "版本（勿改）",
    ];

    public const string IndicatorKind = "指标", SiteKind = "点位", ItemKind = "子项";

    public static IReadOnlyList<string> StatusWords { get; } = Enum.GetValues<ItemStatus>().Select(s => s.ToChinese()).ToList();

    public static IReadOnlyList<string> PhaseWords { get; } = Enum.GetValues<SitePhase>().Select(p => p.ToChinese()).ToList();

    public static string Header(int column) => Headers[column - 1];

    public static string KeyOf(Item item, string kind, string? key = null) => key is null ? $"{item.Code}|{kind}" : $"{item.Code}|{kind}|{key}";

    public static string FileName(ReportingRound round, string? unitName) => $"{unitName ?? "本单位"}-{round.Title}-填报表.xlsx";

    /// <summary>The report the sheet fills in for this item, if the unit may still change it: its draft or returned report of the round's date.</summary>
    public static ProgressReport? EditableReport(Item item, ReportingRound round, int unitId) =>
        CurrentReport(item, round) is { Review: ReviewState.Draft or ReviewState.Returned } report && (report.UnitId is null || report.UnitId == unitId) ? report : null;

    public static ProgressReport? CurrentReport(Item item, ReportingRound round) => item.Reports.Where(r => r.AsOf == round.AsOf).MaxBy(r => r.Version);

    /// <summary>Whether the sheet may write this item: nothing reported yet, or a draft or returned report of the unit.</summary>
    public static bool IsWritable(Item item, ReportingRound round, int unitId) => CurrentReport(item, round) is null || EditableReport(item, round, unitId) is not null;

    public static ProgressReport? LastApproved(Item item, DateOnly asOf) =>
        item.Reports.Where(r => r.Review == ReviewState.Approved && r.AsOf <= asOf).OrderBy(r => r.AsOf).ThenBy(r => r.Version).LastOrDefault();

    public static string StateWords(Item item, ReportingRound round, int unitId) => CurrentReport(item, round) switch
    {
        null => "未报",
        { Review: ReviewState.Draft or ReviewState.Returned } r when EditableReport(item, round, unitId) is null => $"{r.Review.ToChinese()}（他单位填写，不能在表中修改）",
        { Review: ReviewState.Draft } => "草稿",
        { Review: ReviewState.Returned, ReviewNote: var note } => $"已退回：{note}",
        { Review: var review } => $"{review.ToChinese()}，不能在表中修改",
    };

    public static byte[] Write(ReportingRound round, IReadOnlyList<Item> items, int unitId, string? unitName)
    {
        var sheet = new SheetBuilder(EntrySheet) { Protected = true, FrozenRows = 1 };
        sheet.Add([.. Headers.Select(h => ((object?)h, CellLook.Header))]);
        double[] widths = [9, 36, 16, 7, 11, 11, 12, 12, 10, 22, 11, 11, 40, 24, 16, 20, 8];
        for (var c = 0; c < widths.Length; c++)
        {
            sheet.Widths[c + 1] = widths[c];
        }
        sheet.HiddenColumns.Add(RowKey);
        sheet.HiddenColumns.Add(Revision);
        var statusCells = new List<string>();
        var phaseCells = new List<string>();
        foreach (var item in items.OrderBy(i => i.Category.Number).ThenBy(i => i.Number))
        {
            var writable = IsWritable(item, round, unitId);
            var draft = EditableReport(item, round, unitId);
            var last = LastApproved(item, round.AsOf);
            var state = StateWords(item, round, unitId);
            var first = true;
            (object?, CellLook) Entry(object? value, CellLook look = CellLook.Entry) => writable ? (value, look) : (null, CellLook.Locked);
            List<(object?, CellLook)> ItemFields(List<(object?, CellLook)> row)
            {
                if (first)
                {
                    row[Status - 1] = Entry(draft is null ? null : draft.Status.ToChinese());
                    row[Expected - 1] = Entry(draft?.ExpectedCompletion?.ToString(), CellLook.EntryText);
                    row[Progress - 1] = Entry(draft?.Narrative);
                    row[SlipReason - 1] = Entry(draft?.ExpectedCompletionReason);
                    row[Revision - 1] = (draft is null ? null : $"r{draft.Revision}", CellLook.Locked);
                    if (writable)
                    {
                        statusCells.Add(Workbooks.Address(Status, sheet.Rows.Count + 1));
                    }
                }
                first = false;
                return row;
            }
            List<(object?, CellLook)> Blank(string key)
            {
                var row = Enumerable.Repeat(((object?)null, CellLook.Locked), Headers.Count).ToList();
                row[Code - 1] = (item.Code, CellLook.Locked);
                row[ItemTitle - 1] = (item.Title, CellLook.Locked);
                row[ReportState - 1] = (state, CellLook.Locked);
                row[RowKey - 1] = (key, CellLook.Locked);
                return row;
            }
            if (item.Indicators.Count == 0)
            {
                sheet.Rows.Add(ItemFields(Blank(KeyOf(item, ItemKind))));
            }
            foreach (var indicator in item.Indicators.OrderBy(i => i.Position))
            {
                var row = Blank(KeyOf(item, IndicatorKind, indicator.Key));
                row[Indicator - 1] = (indicator.Name, CellLook.Locked);
                row[Unit - 1] = (indicator.Unit, CellLook.Locked);
                row[Target - 1] = (indicator.Target is { } target ? target : null, CellLook.Locked);
                if (LastValueOf(item, indicator, round.AsOf) is { } lastValue)
                {
                    row[LastValue - 1] = (lastValue.Value, CellLook.Locked);
                    row[LastAsOf - 1] = (IsoDate.Format(lastValue.Report.AsOf), CellLook.Locked);
                }
                row[Value - 1] = Entry(draft?.Values.FirstOrDefault(v => v.Indicator.Key == indicator.Key)?.Value);
                sheet.Rows.Add(ItemFields(row));
            }
            foreach (var site in item.Sites.OrderBy(s => s.Position))
            {
                var row = Blank(KeyOf(item, SiteKind, site.Key));
                row[Site - 1] = (site.Name, CellLook.Locked);
                if (last?.SiteUpdates.FirstOrDefault(u => u.Site.Key == site.Key) is { } lastPhase)
                {
                    row[LastValue - 1] = (lastPhase.Phase.ToChinese(), CellLook.Locked);
                    row[LastAsOf - 1] = (IsoDate.Format(last.AsOf), CellLook.Locked);
                }
                var update = draft?.SiteUpdates.FirstOrDefault(u => u.Site.Key == site.Key);
                row[Phase - 1] = Entry(update?.Phase.ToChinese());
                row[Expected - 1] = Entry(update?.ExpectedCompletion?.ToString(), CellLook.EntryText);
                row[Progress - 1] = Entry(update?.Note);
                if (writable)
                {
                    phaseCells.Add(Workbooks.Address(Phase, sheet.Rows.Count + 1));
                }
                sheet.Rows.Add(row);
            }
        }
        sheet.Lists.Add((statusCells, StatusWords, "状态"));
        sheet.Lists.Add((phaseCells, PhaseWords, "阶段"));
        return Workbooks.Write([sheet, Guide(round, unitName)], new Dictionary<string, string>
        {
            [RoundIdName] = $"{GuideSheet}!${RoundIdCell[0]}${RoundIdCell[1..]}",
            [AsOfName] = $"{GuideSheet}!${AsOfCell[0]}${AsOfCell[1..]}",
        });
    }

    /// <summary>The indicator's latest approved figure as of the date: from the latest approved report that gives it.</summary>
    public static IndicatorValue? LastValueOf(Item item, Indicator indicator, DateOnly asOf) =>
        item.Reports.Where(r => r.Review == ReviewState.Approved && r.AsOf <= asOf).OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Version)
            .Select(r => r.Values.FirstOrDefault(v => v.Indicator.Key == indicator.Key || v.IndicatorId == indicator.Id && indicator.Id != 0))
            .FirstOrDefault(v => v is not null);

    private static SheetBuilder Guide(ReportingRound round, string? unitName)
    {
        var guide = new SheetBuilder(GuideSheet) { Protected = true };
        guide.Widths[1] = 18;
        guide.Widths[2] = 90;
        guide.Add(("民心工程填报表", CellLook.Header), ($"{round.Program.Title} · {round.Title} · {unitName}", CellLook.Header));
        guide.Add(("报送时限", CellLook.Locked), (IsoDate.Format(round.DueDate), CellLook.Locked));
        guide.Add(("轮次编号", CellLook.Locked), (round.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), CellLook.Locked));
        guide.Add(("数据截止日期", CellLook.Locked), (IsoDate.Format(round.AsOf), CellLook.Locked));
        string[] lines =
        [
            "只填淡黄色的格子；灰色的格子（子项、指标、目标值、上次数值、点位）是计划和上次通过的数字，上传时会逐一核对，请勿改动，也不要增删行或调整列的顺序。",
            "本次数值：填截至数据截止日期的数字，按“单位”一列的单位填写，可写 5600、27.91万 或 1.5亿；本次不报的留空。",
            $"状态：在子项的第一行从下拉列表中选择（{string.Join("、", StatusWords)}）；要报送的子项必须选择状态。",
            $"阶段：每个点位一行，从下拉列表中选择（{string.Join("、", PhaseWords)}）；预计完成和进展情况在点位行里指该点位。",
            "预计完成：写 YYYY-MM 或 YYYY-MM-DD，如 2025-09 或 2025-09-30；与上次报告不同时，须在“预计完成时间调整原因”中说明。",
            "进展情况：子项第一行写本次进展的文字，可用 {指标} 引用本次数值，例如“新增充电接口{充电接口}”。",
            "上传后，没有任何错误时才会保存：每个填写了的子项保存为一份草稿（已有草稿的更新），不会自动提交；请到“我的待办”逐项查看后提交审核。",
            "有错误时什么都不保存，页面会列出每个错误所在的工作表、行、列和原因；改正后重新上传即可。已提交、已通过的报告不会被本表改动。",
        ];
        foreach (var (line, i) in lines.Select((l, i) => (l, i)))
        {
            guide.Add(($"说明 {i + 1}", CellLook.Locked), (line, CellLook.Locked));
        }
        return guide;
    }
}
