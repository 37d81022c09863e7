using System.Text.RegularExpressions;
using Minxin.Domain.Progress;
using Minxin.Domain.ReportCards;

namespace Minxin.Domain.Articles;

/// <summary>
/// Writes the card as the genre's article: the lead with the counts, then for each item its target sentence and
/// what has been done ("目前，…"). Every figure comes from the card's data; nothing is copied from a stored text.
/// </summary>
public static partial class ArticleWriter
{
    public static Article Write(ReportCard card)
    {
        var program = card.Program;
        var title = $"{program.Region.Name}{program.Year}年{PeriodName(card.AsOf, program.Year)}民心工程“成绩单”";
        var lead = $"这份{program.Region.Name}{program.Year}年民心工程的成绩单请您查阅：{card.Headline}。";
        var sections = card.Categories
            .Select(c => new ArticleSection(c.Category.NumberText, c.Name, c.Items.Select(Paragraph).ToList()))
            .ToList();
        return new Article(title, lead, sections);
    }

    /// <summary>"上半年" for a card as of 30 June, "前三季度" for 30 September, and so on.</summary>
    public static string PeriodName(DateOnly asOf, int year)
    {
        if (asOf.Year != year)
        {
            return asOf.Year > year ? "全年" : "";
        }
        return (asOf.Month, asOf.Day) switch
        {
            (3, 31) => "一季度",
            (6, 30) => "上半年",
            (9, 30) => "前三季度",
            (12, 31) => "全年",
            var (m, d) when d == DateTime.DaysInMonth(year, m) => $"1—{m}月",
            var (m, d) => $"截至{m}月{d}日",
        };
    }

    public static string Paragraph(ItemCard item)
    {
        var target = item.Item.Title.TrimEnd('。') + "。";
        var progress = item.LatestReport is { } report ? NarrativeRenderer.PlainText(report).Trim() : "";
        return (item.Status, progress) switch
        {
            (ItemStatus.Completed, _) => target + "该项目已完成。" + progress,
            (_, "") => target + "目前，尚无进展报告。",
            _ when StartsWithTime().IsMatch(progress) => target + progress,
            _ => target + "目前，" + progress,
        };
    }

    // "1—6月份，…", "截至…", "目前…": the report already says when; no "目前，" in front.
    [GeneratedRegex(@"^(\d|截至|目前|今年)")]
    private static partial Regex StartsWithTime();
}
