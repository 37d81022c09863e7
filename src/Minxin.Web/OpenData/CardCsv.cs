using System.Text;
using Minxin.Domain;
using Minxin.Domain.Oversight;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Domain.ReportCards;
using Minxin.Web.ReportCards;

namespace Minxin.Web.OpenData;

/// <summary>
/// The card as a spreadsheet: one row per indicator (an item without indicators still gets one row), each with its
/// item's light as the API gives it (code and reason sentence).
/// </summary>
public static class CardCsv
{
    private static readonly string[] Header =
    [
        "工程编号", "工程", "子项编号", "子项", "状态", "指标", "单位", "目标", "目标比较", "实际", "实际说明", "统计时段", "数据截至",
        "完成率(%)", "子项ID", "状态代码", "灯色", "灯色说明",
    ];

    public static byte[] Write(ReportCard card, CardLights lights)
    {
        var csv = new StringBuilder();
        Row(csv, Header);
        foreach (var category in card.Categories)
        {
            foreach (var item in category.Items)
            {
                var prefix = new[]
                {
                    category.Category.NumberText, category.Name, item.Item.Code, item.Item.Title, item.Status.ToChinese(),
                };
                var light = lights.ByCode[item.Item.Code];
                var suffix = new[] { PublicIds.Item(card.Program, item.Item), EnumCodes.ToCode(item.Status), light.Color.Code(), light.Reason };
                if (item.Indicators.Count == 0)
                {
                    Row(csv, [.. prefix, "", "", "", "", "", "", "", "", "", .. suffix]);
                }
                foreach (var p in item.Indicators)
                {
                    Row(csv, [
                        .. prefix,
                        p.Indicator.Name,
                        p.Indicator.Unit,
                        Number(p.Indicator.Target),
                        p.Indicator.Target is null ? "" : ComparatorText(p.Indicator.Comparator),
                        Number(p.ActualValue),
                        p.Actual is { Qualifier: not Comparator.Exactly } a ? ComparatorText(a.Qualifier) : "",
                        p.ActualPeriod?.ToChinese() ?? "",
                        p.ActualPeriod is { } period ? IsoDate.Format(period.To) : "",
                        p.Percent is { } percent ? ChineseNumbers.Plain(decimal.Round(percent, 2)) : "",
                        .. suffix,
                    ]);
                }
            }
        }
        // A byte-order mark makes Excel read the file as UTF-8.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Number(decimal? value) => value is { } v ? ChineseNumbers.Plain(v) : "";

    private static string ComparatorText(Comparator comparator) => comparator switch
    {
        Comparator.AtLeast => "不少于",
        Comparator.Over => "以上",
        Comparator.About => "约",
        _ => "",
    };

    private static void Row(StringBuilder csv, IEnumerable<string> cells)
    {
        csv.AppendJoin(',', cells.Select(Escape)).Append("\r\n");
    }

    // RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs a cell as a formula.
    private static string Escape(string cell)
    {
        if (cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@')
        {
            cell = "'" + cell;
        }
        return cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
    }
}
