using Minxin.Documents.Rendering;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Domain.ReportCards;
using SkiaSharp;

namespace Minxin.Documents.Briefing;

/// <summary>
/// The edition as an A4 briefing book (PDF) for leaders' meetings: a cover with the headline, an overview with two
/// bar charts (items by status, each category's progress) whose values are also written out, then each category
/// (工程) with every item: code, title, status, light, lead unit and each indicator's figure.
/// </summary>
public sealed class BriefingBook(string? fontPath = null)
{
    private static readonly SKColor Ink = new(0x1a, 0x1a, 0x1a);
    private static readonly SKColor Muted = new(0x55, 0x55, 0x55);
    private static readonly SKColor Accent = new(0xa8, 0x1e, 0x1e);
    private static readonly SKColor CompletedFill = new(0x2e, 0x7d, 0x32);
    private static readonly SKColor InProgressFill = new(0x15, 0x65, 0xc0);
    private static readonly SKColor OtherFill = new(0xb0, 0xb0, 0xb0);
    private static readonly SKColor Track = new(0xee, 0xee, 0xee);

    private static readonly ItemStatus[] StatusOrder =
        [ItemStatus.Completed, ItemStatus.InProgress, ItemStatus.NotStarted, ItemStatus.Delayed, ItemStatus.Cancelled];

    public static string Title(ReportCard card) => $"{card.Program.Title}进展简报";

    /// <param name="lights">Each item's light by item code ("01-1"); items without one print no light.</param>
    public byte[] Write(ReportCard card, IReadOnlyDictionary<string, ItemLight>? lights = null)
    {
        lights ??= new Dictionary<string, ItemLight>();
        using var layout = new PdfLayout(fontPath);
        Cover(layout, card);
        layout.NewPage();
        Overview(layout, card, lights);
        foreach (var category in card.Categories)
        {
            layout.NewPage();
            Category(layout, category, lights);
        }
        return layout.Render(Title(card), (page, pages) => $"第 {page} 页 共 {pages} 页");
    }

    private static void Cover(PdfLayout layout, ReportCard card)
    {
        layout.MoveTo(PdfLayout.PageHeight * 0.28f);
        layout.Text(Title(card), 26, bold: true, TextAlign.Center, color: Accent, lineHeight: 1.4f);
        layout.Space(28);
        layout.Text(card.Headline + "。", 15, align: TextAlign.Center, color: Ink);
        layout.Space(16);
        var t = card.Totals;
        layout.Text($"共{card.Categories.Count}项工程、{t.Items}个子项", 12, align: TextAlign.Center, color: Muted);
        layout.MoveTo(PdfLayout.PageHeight * 0.72f);
        layout.Text(card.Program.Region.Name, 14, align: TextAlign.Center, color: Ink);
        layout.Text($"数据截至{ChineseDates.Full(card.AsOf)}", 12, align: TextAlign.Center, color: Muted);
    }

    private static void Overview(PdfLayout layout, ReportCard card, IReadOnlyDictionary<string, ItemLight> lights)
    {
        layout.Text("总体情况", 18, bold: true, color: Accent);
        layout.Space(6);
        layout.Text(card.Headline + "。", 12, color: Ink);
        layout.Space(14);

        layout.Text("子项按状态统计", 13, bold: true, color: Ink);
        var t = card.Totals;
        var counts = StatusOrder.Select(s => (Status: s, Count: CountOf(t, s))).ToList();
        var most = Math.Max(1, counts.Max(c => c.Count));
        foreach (var (status, count) in counts)
        {
            BarRow(layout, status.ToChinese(), [(count, status == ItemStatus.Completed ? CompletedFill : status == ItemStatus.InProgress ? InProgressFill : OtherFill)],
                most, $"{count}项");
        }
        layout.Space(4);
        layout.Text(string.Join("，", counts.Select(c => $"{c.Status.ToChinese()}{c.Count}项")) + $"，共{t.Items}项。", 10.5f, color: Muted);
        if (lights.Count > 0)
        {
            var byWords = card.Items.Select(i => lights.TryGetValue(i.Item.Code, out var l) ? l.Words : null)
                .Where(w => w is not null).GroupBy(w => w!).Select(g => $"{g.Key}{g.Count()}项");
            layout.Text("亮灯情况：" + string.Join("，", byWords) + "。", 10.5f, color: Muted);
        }
        layout.Space(16);

        layout.Text("各工程完成情况", 13, bold: true, color: Ink);
        Legend(layout);
        var largest = Math.Max(1, card.Categories.Select(c => c.Items.Count).DefaultIfEmpty(1).Max());
        foreach (var category in card.Categories)
        {
            var c = category.Totals;
            var other = c.Items - c.Completed - c.InProgress;
            BarRow(layout, $"{category.Category.NumberText} {category.Name}",
                [(c.Completed, CompletedFill), (c.InProgress, InProgressFill), (other, OtherFill)], largest, "");
            layout.Text(CategoryInWords(c), 9.5f, indent: 12, color: Muted, lineHeight: 1.4f);
        }
    }

    private static void Category(PdfLayout layout, CategoryCard category, IReadOnlyDictionary<string, ItemLight> lights)
    {
        var heading = $"{category.Category.NumberText}  {category.Name}";
        layout.ContinuationHeading = null;
        layout.Text(heading, 18, bold: true, color: Accent);
        layout.Text(CategoryInWords(category.Totals), 11, color: Muted);
        layout.Space(10);
        layout.ContinuationHeading = heading + "（续）";
        foreach (var item in category.Items)
        {
            // An item's title and status start on the same page.
            layout.KeepTogether(80);
            layout.Text($"{item.Item.Code}  {item.Item.Title}", 12.5f, bold: true, color: Ink);
            var status = $"状态：{item.Status.ToChinese()}";
            if (lights.TryGetValue(item.Item.Code, out var light))
            {
                status += $"　　灯号：{light.Words}" + (string.IsNullOrWhiteSpace(light.Reason) ? "" : $"（{light.Reason.TrimEnd('。')}）");
            }
            layout.Text(status, 11, indent: 12, color: Ink);
            if (item.Item.LeadUnitName is { } lead)
            {
                layout.Text($"牵头单位：{lead}", 11, indent: 12, color: Ink);
            }
            foreach (var indicator in item.Indicators)
            {
                layout.Text($"· {indicator.Indicator.Name}：{ProgressText.Of(indicator)}", 11, indent: 12, color: Ink);
            }
            if (item.LatestReport is { } report)
            {
                layout.Text($"最近报送：{ChineseDates.Full(report.AsOf)}", 10, indent: 12, color: Muted);
            }
            layout.Space(10);
        }
        layout.ContinuationHeading = null;
    }

    private static string CategoryInWords(StatusTotals c)
    {
        var other = c.Items - c.Completed - c.InProgress;
        return $"已完成{c.Completed}项，推进中{c.InProgress}项{(other > 0 ? $"，其他{other}项" : "")}，共{c.Items}项";
    }

    /// <summary>One chart row: the label, a bar of stacked parts scaled to <paramref name="most"/>, and its value in words.</summary>
    private static void BarRow(PdfLayout layout, string label, (int Value, SKColor Fill)[] parts, int most, string value)
    {
        const float rowHeight = 20, labelWidth = 170, valueWidth = 50, barHeight = 11;
        var font = layout.Fonts.Font(10.5f);
        var ink = layout.Paint(Ink);
        var track = layout.Paint(Track);
        var fills = parts.Select(p => (p.Value, Paint: layout.Paint(p.Fill))).ToList();
        layout.Drawing(rowHeight, (canvas, top) =>
        {
            var baseline = top + rowHeight / 2 + 3.5f;
            PdfText.Draw(canvas, label, PdfLayout.Left, baseline, SKTextAlign.Left, font, ink);
            var barLeft = PdfLayout.Left + labelWidth;
            var barWidth = PdfLayout.ContentWidth - labelWidth - valueWidth;
            var barTop = top + (rowHeight - barHeight) / 2;
            canvas.DrawRect(barLeft, barTop, barWidth, barHeight, track);
            var x = barLeft;
            foreach (var (partValue, paint) in fills)
            {
                var width = barWidth * partValue / most;
                canvas.DrawRect(x, barTop, width, barHeight, paint);
                x += width;
            }
            PdfText.Draw(canvas, value, PdfLayout.Left + PdfLayout.ContentWidth, baseline, SKTextAlign.Right, font, ink);
        });
    }

    private static void Legend(PdfLayout layout)
    {
        var font = layout.Fonts.Font(9.5f);
        var ink = layout.Paint(Muted);
        var keys = new[] { ("已完成", CompletedFill), ("推进中", InProgressFill), ("其他", OtherFill) }
            .Select(k => (k.Item1, Paint: layout.Paint(k.Item2))).ToList();
        layout.Drawing(18, (canvas, top) =>
        {
            var x = PdfLayout.Left;
            foreach (var (words, paint) in keys)
            {
                canvas.DrawRect(x, top + 5, 14, 8, paint);
                PdfText.Draw(canvas, words, x + 18, top + 12.5f, SKTextAlign.Left, font, ink);
                x += 70;
            }
        });
    }

    private static int CountOf(StatusTotals t, ItemStatus status) => status switch
    {
        ItemStatus.Completed => t.Completed,
        ItemStatus.InProgress => t.InProgress,
        ItemStatus.NotStarted => t.NotStarted,
        ItemStatus.Delayed => t.Delayed,
        ItemStatus.Cancelled => t.Cancelled,
        _ => 0,
    };
}
