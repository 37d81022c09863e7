using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Reporting;

namespace Minxin.Web.Workspace.Spreadsheets;

/// <summary>One refused cell: "填报!H7（本次数值）：“12x”不是数字". Row 0 and no column for the workbook as a whole.</summary>
public sealed record SheetError(string Sheet, int Row, string Column, string Header, string Message)
{
    public string Address => Row > 0 ? $"{Sheet}!{Column}{Row.ToString(CultureInfo.InvariantCulture)}" : Sheet;

    public override string ToString() => Row > 0 ? $"{Address}（{Header}）：{Message}" : $"{Sheet}：{Message}";

    public static SheetError Cell(int row, int column, string message) =>
        new(UnitSheet.EntrySheet, row, Workbooks.ColumnLetter(column), UnitSheet.Header(column), message);

    public static SheetError Workbook(string message) => new("工作簿", 0, "", "", message);
}

/// <summary>What an upload did: the drafts it created and updated, or every error (and then nothing was saved).</summary>
public sealed record SheetUploadResult(IReadOnlyList<SheetError> Errors, int Created, int Updated)
{
    public bool Saved => Errors.Count == 0;
}

/// <summary>
/// The unit spreadsheet for a reporter: download it for an open round, upload it back. An upload is read whole and
/// every cell checked — numbers (with 万/亿 as on the report form), status and phase words, dates, rows against the
/// items the unit may write in the round, each item against the data file's rules — and only when nothing is wrong
/// are the drafts created or updated through <see cref="ReportingService"/>, all in one transaction.
/// </summary>
public sealed partial class UnitSheetService(MinxinDbContext db, ReportingService reporting)
{
    /// <summary>An xlsx of a few hundred rows is far below this; a larger upload is not a filled-in sheet.</summary>
    public const long MaxBytes = 5 * 1024 * 1024;

    public async Task<byte[]> DownloadAsync(StaffActor actor, ReportingRound round, CancellationToken cancellationToken)
    {
        RequireOpen(round);
        var items = await ItemsAsync(actor, round, tracked: false, cancellationToken);
        return UnitSheet.Write(round, items, actor.UnitId ?? 0, actor.UnitName);
    }

    public async Task<SheetUploadResult> UploadAsync(StaffActor actor, ReportingRound round, Stream content, long length, CancellationToken cancellationToken)
    {
        RequireOpen(round);
        if (length > MaxBytes)
        {
            return Refused(SheetError.Workbook($"文件太大（{length / 1024 / 1024} MB）：填报表不应超过 {MaxBytes / 1024 / 1024} MB，请上传从本页下载的表。"));
        }
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        using var workbook = WorkbookReading.Open(buffer);
        if (workbook is null)
        {
            return Refused(SheetError.Workbook("不是有效的 xlsx 文件：请上传从本页下载、用 Excel 或 WPS 填写后保存的 .xlsx 文件。"));
        }
        var items = await ItemsAsync(actor, round, tracked: true, cancellationToken);
        SheetReading reading;
        try
        {
            reading = Read(workbook, round, items, actor.UnitId ?? 0);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException)
        {
            // Parts are read lazily: a damaged or oversized sheet shows itself only here.
            return Refused(SheetError.Workbook("无法读取工作表内容（文件已损坏或过大）：请上传从本页下载、用 Excel 或 WPS 填写后保存的 .xlsx 文件。"));
        }
        if (reading.Errors.Count > 0)
        {
            return Refused([.. reading.Errors]);
        }
        return await SaveAsync(actor, round, reading.Reports, cancellationToken);
    }

    /// <summary>The items of the round the actor's unit must report and may write: the reporter's to-do list for this round.</summary>
    private async Task<List<Item>> ItemsAsync(StaffActor actor, ReportingRound round, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.ItemsWithReports().Where(i => i.Category.ProgramId == round.ProgramId).VisibleTo(actor);
        var items = tracked ? await query.ToListAsync(cancellationToken) : await query.AsNoTrackingWithIdentityResolution().ToListAsync(cancellationToken);
        return items.Where(i => actor.Role == StaffRole.Reporter && actor.May(StaffAction.WriteReports, i) && RoundProgress.MustReport(i, round)).ToList();
    }

    private static void RequireOpen(ReportingRound round)
    {
        if (!round.IsOpen)
        {
            throw new ReviewRuleException($"报送轮次“{round.Title}”已结束，不能再下载或上传填报表。");
        }
    }

    private static SheetUploadResult Refused(params SheetError[] errors) => new(errors, 0, 0);

    /// <summary>One item's report as read from its rows: what to save, and where each field came from.</summary>
    private sealed record ItemReading(Item Item, ProgressReport? Draft, ReportRequest Request, Dictionary<string, (int Row, int Column)> Cells, int FirstRow);

    private sealed record SheetReading(List<SheetError> Errors, List<ItemReading> Reports);

    private sealed record Row(int Number, Dictionary<int, string> Cells)
    {
        public string Text(int column) => Cells.GetValueOrDefault(column, "").Trim();

        public bool Has(int column) => Text(column).Length > 0;
    }

    private static SheetReading Read(WorkbookReading workbook, ReportingRound round, List<Item> items, int unitId)
    {
        var errors = new List<SheetError>();
        var readings = new List<ItemReading>();
        if (CheckRound(workbook, round) is { } wrongRound)
        {
            return new([wrongRound], readings);
        }
        var cells = workbook.Sheet(UnitSheet.EntrySheet);
        if (cells is null)
        {
            return new([SheetError.Workbook($"找不到工作表“{UnitSheet.EntrySheet}”：请上传从本页下载的填报表，不要给工作表改名。")], readings);
        }
        foreach (var (header, i) in UnitSheet.Headers.Select((h, i) => (h, i + 1)))
        {
            var address = Workbooks.Address(i, 1);
            if (cells.GetValueOrDefault(address, "").Trim() != header)
            {
                errors.Add(new(UnitSheet.EntrySheet, 1, Workbooks.ColumnLetter(i), header, $"表头应为“{header}”：请不要增删或移动列，重新下载填报表再填。"));
            }
        }
        if (errors.Count > 0)
        {
            return new(errors, readings);
        }
        var rows = RowsOf(cells);
        var byCode = items.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var groups = new List<(Item Item, List<(Row Row, string Kind, string? Key)> Rows)>();
        foreach (var row in rows)
        {
            var key = row.Text(UnitSheet.RowKey);
            var parts = key.Split('|');
            if (parts.Length is < 2 or > 3 || parts[1] is not (UnitSheet.IndicatorKind or UnitSheet.SiteKind or UnitSheet.ItemKind))
            {
                errors.Add(SheetError.Cell(row.Number, UnitSheet.Code, "这一行不是下载时的行（缺少或改动了隐藏的行标识）：请不要增加或复制行，重新下载填报表再填。"));
                continue;
            }
            var code = row.Text(UnitSheet.Code);
            if (code != parts[0])
            {
                errors.Add(SheetError.Cell(row.Number, UnitSheet.Code, $"子项编号“{code}”与下载时的“{parts[0]}”不符：请不要修改灰色的格子。"));
                continue;
            }
            if (!byCode.TryGetValue(code, out var item))
            {
                errors.Add(SheetError.Cell(row.Number, UnitSheet.Code, $"子项 {code} 不是本单位在“{round.Title}”中要报送的子项，不能在本表中填报。"));
                continue;
            }
            if (!seen.Add(key))
            {
                errors.Add(SheetError.Cell(row.Number, UnitSheet.Code, $"这一行与前面的行重复（{key}）：请不要复制行。"));
                continue;
            }
            var (kind, rowKey) = (parts[1], parts.Length == 3 ? parts[2] : null);
            if (!CheckPlanCells(item, row, kind, rowKey, errors))
            {
                continue;
            }
            if (groups.Count == 0 || groups[^1].Item != item)
            {
                if (groups.Any(g => g.Item == item))
                {
                    errors.Add(SheetError.Cell(row.Number, UnitSheet.Code, $"子项 {code} 的行被分开了：请不要移动或排序行。"));
                    continue;
                }
                groups.Add((item, []));
            }
            groups[^1].Rows.Add((row, kind, rowKey));
        }
        foreach (var (item, itemRows) in groups)
        {
            if (ReadItem(item, itemRows, round, unitId, errors) is { } reading)
            {
                readings.Add(reading);
            }
        }
        return new(errors, readings);
    }

    private static SheetError? CheckRound(WorkbookReading workbook, ReportingRound round)
    {
        var idAt = workbook.DefinedName(UnitSheet.RoundIdName) ?? (UnitSheet.GuideSheet, UnitSheet.RoundIdCell);
        var asOfAt = workbook.DefinedName(UnitSheet.AsOfName) ?? (UnitSheet.GuideSheet, UnitSheet.AsOfCell);
        var guide = workbook.Sheet(idAt.Sheet);
        var id = guide?.GetValueOrDefault(idAt.Address)?.Trim();
        var asOf = workbook.Sheet(asOfAt.Sheet)?.GetValueOrDefault(asOfAt.Address)?.Trim();
        if (id is null || !int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var roundId))
        {
            return SheetError.Workbook($"找不到轮次编号（{UnitSheet.GuideSheet}!{UnitSheet.RoundIdCell}）：请上传从本页下载的填报表。");
        }
        if (roundId != round.Id || asOf != IsoDate.Format(round.AsOf))
        {
            return SheetError.Workbook($"这张表属于另一个报送轮次（编号 {roundId}，数据截至 {asOf}），不是“{round.Title}”（数据截至 {IsoDate.Format(round.AsOf)}）的：请下载本轮的填报表。");
        }
        return null;
    }

    private static List<Row> RowsOf(Dictionary<string, string> cells)
    {
        var rows = new SortedDictionary<int, Dictionary<int, string>>();
        foreach (var (address, text) in cells)
        {
            var match = CellAddress().Match(address);
            if (!match.Success)
            {
                continue;
            }
            var column = match.Groups[1].Value.Aggregate(0, (n, c) => n * 26 + (c - 'A' + 1));
            var number = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            if (number == 1)
            {
                continue;
            }
            if (!rows.TryGetValue(number, out var row))
            {
                rows[number] = row = [];
            }
            row[column] = text;
        }
        return rows.Select(r => new Row(r.Key, r.Value)).ToList();
    }

    /// <summary>The grey cells must say what the plan says; false (with an error) when the row was tampered with.</summary>
    private static bool CheckPlanCells(Item item, Row row, string kind, string? key, List<SheetError> errors)
    {
        bool Same(int column, string? expected)
        {
            if (row.Text(column) == (expected ?? "").Trim())
            {
                return true;
            }
            errors.Add(SheetError.Cell(row.Number, column, $"“{row.Text(column)}”与计划中的“{expected}”不符：请不要修改灰色的格子。"));
            return false;
        }
        switch (kind)
        {
            case UnitSheet.IndicatorKind:
                var indicator = item.Indicators.FirstOrDefault(i => i.Key == key);
                if (indicator is null)
                {
                    errors.Add(SheetError.Cell(row.Number, UnitSheet.Indicator, $"子项 {item.Code} 没有指标“{key}”：请重新下载填报表。"));
                    return false;
                }
                return Same(UnitSheet.Indicator, indicator.Name) && Same(UnitSheet.Unit, indicator.Unit);
            case UnitSheet.SiteKind:
                var site = item.Sites.FirstOrDefault(s => s.Key == key);
                if (site is null)
                {
                    errors.Add(SheetError.Cell(row.Number, UnitSheet.Site, $"子项 {item.Code} 没有点位“{key}”：请重新下载填报表。"));
                    return false;
                }
                return Same(UnitSheet.Site, site.Name);
            default:
                return true;
        }
    }

    private static readonly int[] EntryColumns = [UnitSheet.Value, UnitSheet.Status, UnitSheet.Phase, UnitSheet.Expected, UnitSheet.Progress, UnitSheet.SlipReason];

    private static ItemReading? ReadItem(Item item, List<(Row Row, string Kind, string? Key)> rows, ReportingRound round, int unitId, List<SheetError> errors)
    {
        var first = rows[0].Row;
        if (!UnitSheet.IsWritable(item, round, unitId))
        {
            foreach (var (row, _, _) in rows)
            {
                foreach (var column in EntryColumns.Where(row.Has))
                {
                    errors.Add(SheetError.Cell(row.Number, column, $"子项 {item.Code} 本轮的报告{UnitSheet.StateWords(item, round, unitId)}，请清空这一格。"));
                }
            }
            return null;
        }
        var draft = UnitSheet.EditableReport(item, round, unitId);
        var before = errors.Count;
        if (draft is not null && first.Text(UnitSheet.Revision) != $"r{draft.Revision}")
        {
            errors.Add(SheetError.Cell(first.Number, UnitSheet.Code,
                $"下载这张表之后，子项 {item.Code} 的草稿已在别处修改（网页或他人）：为免覆盖，请重新下载填报表再填。"));
        }
        var cellsOf = new Dictionary<string, (int Row, int Column)>(StringComparer.Ordinal)
        {
            ["status"] = (first.Number, UnitSheet.Status),
            ["narrative"] = (first.Number, UnitSheet.Progress),
            ["expectedCompletion"] = (first.Number, UnitSheet.Expected),
            ["expectedCompletionReason"] = (first.Number, UnitSheet.SlipReason),
            [""] = (first.Number, UnitSheet.Code),
        };
        var prefill = ReportForm.Prefill(item, round.AsOf, UnitSheet.LastApproved(item, round.AsOf));
        var values = new List<ReportValue>();
        var sites = new List<ReportSite>();
        foreach (var (row, kind, key) in rows)
        {
            var isFirst = row == first;
            foreach (var column in new[] { UnitSheet.Status, UnitSheet.SlipReason }.Where(c => !isFirst && row.Has(c)))
            {
                errors.Add(SheetError.Cell(row.Number, column, $"请只在子项 {item.Code} 的第一行（第 {first.Number} 行）填写这一列。"));
            }
            if (kind != UnitSheet.IndicatorKind && row.Has(UnitSheet.Value))
            {
                errors.Add(SheetError.Cell(row.Number, UnitSheet.Value, "这一行没有指标，不填本次数值。"));
            }
            if (kind != UnitSheet.SiteKind && row.Has(UnitSheet.Phase))
            {
                errors.Add(SheetError.Cell(row.Number, UnitSheet.Phase, "这一行不是点位，不填阶段。"));
            }
            if (kind == UnitSheet.IndicatorKind && !isFirst)
            {
                foreach (var column in new[] { UnitSheet.Expected, UnitSheet.Progress }.Where(row.Has))
                {
                    errors.Add(SheetError.Cell(row.Number, column, $"请只在子项 {item.Code} 的第一行（第 {first.Number} 行）填写这一列。"));
                }
            }
            if (kind == UnitSheet.IndicatorKind && row.Has(UnitSheet.Value))
            {
                var text = row.Text(UnitSheet.Value);
                if (!ReportForm.TryParseNumber(text, out var number))
                {
                    errors.Add(SheetError.Cell(row.Number, UnitSheet.Value, $"“{text}”不是数字：请只填数字，如 5600、27.91万 或 1.5亿"));
                    continue;
                }
                // The sheet has no period or 余/约 columns: a figure the draft already had keeps them, a new one takes the report form's.
                var kept = draft?.Values.FirstOrDefault(v => v.Indicator.Key == key && v.Value == number);
                var period = kept is not null ? $"{IsoDate.Format(kept.Period.From)}/{IsoDate.Format(kept.Period.To)}"
                    : prefill.Values.FirstOrDefault(v => v.Indicator == key) is { From: { } from, To: { } to } ? $"{from}/{to}" : null;
                cellsOf[$"values[{values.Count}]"] = (row.Number, UnitSheet.Value);
                values.Add(new ReportValue(key, number, kept is null ? null : EnumCodes.ToCode(kept.Qualifier), period, kept?.StatedPercent));
            }
            if (kind == UnitSheet.SiteKind)
            {
                var phaseText = row.Text(UnitSheet.Phase);
                if (phaseText.Length == 0)
                {
                    foreach (var column in new[] { UnitSheet.Expected, UnitSheet.Progress }.Where(row.Has))
                    {
                        errors.Add(SheetError.Cell(row.Number, column, "填写了预计完成或进展情况，请同时选择这个点位的阶段。"));
                    }
                    continue;
                }
                if (PhaseOf(phaseText) is not { } phase)
                {
                    errors.Add(SheetError.Cell(row.Number, UnitSheet.Phase, $"“{phaseText}”不是阶段：应为 {string.Join("、", UnitSheet.PhaseWords)} 之一"));
                    continue;
                }
                var expected = DateCell(row, UnitSheet.Expected, errors);
                var index = sites.Count;
                cellsOf[$"sites[{index}]"] = (row.Number, UnitSheet.Phase);
                cellsOf[$"sites[{index}].phase"] = (row.Number, UnitSheet.Phase);
                cellsOf[$"sites[{index}].expectedCompletion"] = (row.Number, UnitSheet.Expected);
                cellsOf[$"sites[{index}].note"] = (row.Number, UnitSheet.Progress);
                sites.Add(new ReportSite(key, EnumCodes.ToCode(phase), expected, Blank(row.Text(UnitSheet.Progress))));
            }
        }
        var statusText = first.Text(UnitSheet.Status);
        var touched = statusText.Length > 0 || values.Count > 0 || sites.Count > 0 || first.Has(UnitSheet.Progress) || first.Has(UnitSheet.Expected)
            || errors.Count > before;
        if (!touched)
        {
            return null; // nothing filled in: the item is not reported in this upload, and a draft stays as it was
        }
        string? status = null;
        if (statusText.Length == 0)
        {
            errors.Add(SheetError.Cell(first.Number, UnitSheet.Status, $"子项 {item.Code} 填写了内容，请选择状态（{string.Join("、", UnitSheet.StatusWords)}）"));
        }
        else if (StatusOf(statusText) is { } parsed)
        {
            status = EnumCodes.ToCode(parsed);
        }
        else
        {
            errors.Add(SheetError.Cell(first.Number, UnitSheet.Status, $"“{statusText}”不是状态：应为 {string.Join("、", UnitSheet.StatusWords)} 之一"));
        }
        var itemExpected = item.Indicators.Count > 0 || rows[0].Kind == UnitSheet.ItemKind ? DateCell(first, UnitSheet.Expected, errors) : null;
        if (errors.Count > before)
        {
            return null;
        }
        var request = new ReportRequest
        {
            RoundId = round.Id,
            Status = status,
            Narrative = Blank(first.Text(UnitSheet.Progress))?.Replace("\r\n", "\n", StringComparison.Ordinal) ?? "",
            ExpectedCompletion = itemExpected,
            ExpectedCompletionReason = Blank(first.Text(UnitSheet.SlipReason)),
            Values = values,
            Sites = sites,
        };
        // The data file's rules, checked now so that every item's problems are listed before anything is saved.
        var (_, problems) = ProgramFileReader.ReadReport(request.ToFile(round.AsOf, "填报表", DateTimeOffset.UnixEpoch), item);
        foreach (var (field, message) in problems)
        {
            errors.Add(CellOf(cellsOf, field, message));
        }
        return errors.Count > before ? null : new ItemReading(item, draft, request, cellsOf, first.Number);
    }

    private async Task<SheetUploadResult> SaveAsync(StaffActor actor, ReportingRound round, List<ItemReading> readings, CancellationToken cancellationToken)
    {
        if (readings.Count == 0)
        {
            return Refused(SheetError.Workbook("表中没有填写任何子项：请至少为一个子项选择状态并填写本次数值或阶段。"));
        }
        var (created, updated) = (0, 0);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var reading in readings)
        {
            try
            {
                if (reading.Draft is { } draft)
                {
                    await reporting.UpdateAsync(actor, draft, draft.Revision, reading.Request, cancellationToken);
                    updated++;
                }
                else
                {
                    await reporting.CreateAsync(actor, reading.Item, reading.Request, cancellationToken);
                    created++;
                }
            }
            catch (Exception e) when (e is InputException or ReviewRuleException or StaleException)
            {
                // Nothing of this upload stays: the transaction is dropped with every draft saved before this item.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                var errors = e is InputException input
                    ? input.Errors.Select(x => CellOf(reading.Cells, x.Field, x.Message)).ToList()
                    : [SheetError.Cell(reading.FirstRow, UnitSheet.Code, $"子项 {reading.Item.Code}：{e.Message}")];
                return new(errors, 0, 0);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return new([], created, updated);
    }

    private static SheetError CellOf(Dictionary<string, (int Row, int Column)> cells, string field, string message)
    {
        var at = cells.TryGetValue(field, out var exact) ? exact
            : cells.Where(c => c.Key.Length > 0 && field.StartsWith(c.Key, StringComparison.Ordinal)).OrderByDescending(c => c.Key.Length).Select(c => c.Value).FirstOrDefault();
        if (at == default)
        {
            at = cells[""];
        }
        return SheetError.Cell(at.Row, at.Column, message);
    }

    private static string? DateCell(Row row, int column, List<SheetError> errors)
    {
        var text = row.Text(column);
        if (text.Length == 0)
        {
            return null;
        }
        // A cell whose text format was lost: Excel stores the date it read as a day number.
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial) && serial is > 30000 and < 80000)
        {
            text = IsoDate.Format(DateOnly.FromDateTime(DateTime.FromOADate(serial)));
        }
        if (!MonthOrDay().IsMatch(text) || !ExpectedDate.TryParse(text, out _))
        {
            errors.Add(SheetError.Cell(row.Number, column, $"“{text}”不是有效日期：应为 YYYY-MM 或 YYYY-MM-DD，如 2025-09 或 2025-09-30"));
            return null;
        }
        return text;
    }

    private static ItemStatus? StatusOf(string text) =>
        Enum.GetValues<ItemStatus>().Cast<ItemStatus?>().FirstOrDefault(s => s!.Value.ToChinese() == text)
        ?? (EnumCodes.TryParse<ItemStatus>(text, out var code) ? code : null);

    private static SitePhase? PhaseOf(string text) =>
        Enum.GetValues<SitePhase>().Cast<SitePhase?>().FirstOrDefault(p => p!.Value.ToChinese() == text)
        ?? (EnumCodes.TryParse<SitePhase>(text, out var code) ? code : null);

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex(@"^([A-Z]{1,3})(\d+)$")]
    private static partial Regex CellAddress();

    [GeneratedRegex(@"^\d{4}-\d{2}(-\d{2})?$")]
    private static partial Regex MonthOrDay();
}
