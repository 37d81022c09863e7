using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Minxin.Domain.Articles;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Quantities;
using Minxin.Domain.ReportCards;
using Minxin.Testing;

namespace Minxin.Domain.Tests;

public partial class ArticleWriterTests
{
    private static readonly DateOnly June = Dates.Parse("2025-06-30");

    private static Article ArticleOf(string fileText, DateOnly asOf)
    {
        var program = ProgramFileReader.Read("jinnan-2025.json", Encoding.UTF8.GetBytes(fileText)).ProgramOrThrow();
        return ArticleWriter.Write(ReportCardCalculator.Compute(program, asOf));
    }

    private static string JinnanText => File.ReadAllText(Repository.JinnanProgramFile);

    private static string Text(Article article) => ArticleFormats.Render(article, ArticleFormat.Markdown);

    [Fact]
    public void The_half_year_article_leads_with_4_completed_and_22_in_progress()
    {
        var article = ArticleOf(JinnanText, June);

        Assert.Equal("津南区2025年上半年民心工程“成绩单”", article.Title);
        Assert.Contains("截至2025年6月底，4个子项已完成，其余22个子项正在加快推进", article.Lead);
    }

    [Fact]
    public void The_ten_category_headings_come_in_order_with_one_paragraph_per_item()
    {
        var article = ArticleOf(JinnanText, June);

        Assert.Equal(
            ["01  护苗助老贴心工程", "02  就医改善舒心工程", "03  扶弱助残暖心工程", "04  供热排水顺心工程", "05  “三微四景”连心工程",
             "06  惠民移居安心工程", "07  消防安全用心工程", "08  日常出行省心工程", "09  文体惠民润心工程", "10  宜业增收恒心工程"],
            article.Sections.Select(s => s.Heading));
        Assert.Equal([3, 3, 3, 2, 2, 3, 2, 3, 2, 3], article.Sections.Select(s => s.Paragraphs.Count));
    }

    [Fact]
    public void Each_paragraph_is_the_target_sentence_then_what_has_been_done()
    {
        var paragraphs = ArticleOf(JinnanText, June).Sections.SelectMany(s => s.Paragraphs).ToList();

        Assert.StartsWith("建成老年友善医疗机构14家。该项目已完成。", paragraphs[2]);
        Assert.Contains("新增电动自行车充电接口6000个。目前，", paragraphs.Single(p => p.Contains("充电接口6000个")));
        Assert.Contains("累计推动全区既有住宅小区新增电动自行车充电接口5119个，完成率85%", string.Concat(paragraphs));
        Assert.Contains("累计提供随访服务27.91万人次", string.Concat(paragraphs));
        Assert.Contains("发放低保金、特困供养金3822万元", string.Concat(paragraphs));
    }

    [Fact]
    public void Every_figure_in_the_article_comes_from_the_data_file()
    {
        var fileText = JinnanText;
        var allowed = NumbersIn(fileText).ToHashSet();
        var program = ProgramFileReader.Read(Repository.JinnanProgramFile).ProgramOrThrow();
        foreach (var value in program.Items.SelectMany(i => i.Reports).SelectMany(r => r.Values))
        {
            allowed.UnionWith(NumbersIn(ChineseNumbers.Number(value.Value)));
        }
        foreach (var indicator in program.Items.SelectMany(i => i.Indicators).Where(i => i.Target is not null))
        {
            allowed.UnionWith(NumbersIn(ChineseNumbers.Number(indicator.Target!.Value)));
        }
        // The counts in the lead are computed from the statuses in the data file.
        var totals = ReportCardCalculator.Compute(program, June).Totals;
        allowed.UnionWith([totals.Completed, totals.InProgress]);

        var article = Text(ArticleOf(fileText, June));
        var strays = NumbersIn(article).Where(n => !allowed.Contains(n)).Distinct().ToList();

        Assert.True(strays.Count == 0, "Figures not in the data file: " + string.Join(", ", strays));
        Assert.True(NumbersIn(article).Count() > 100, "the article should carry the card's figures");
    }

    [Fact]
    public void A_changed_figure_in_the_data_file_changes_the_article()
    {
        var changed = JinnanText.Replace("\"value\": 5119", "\"value\": 5127");
        Assert.NotEqual(JinnanText, changed);

        var article = Text(ArticleOf(changed, June));

        Assert.Contains("新增电动自行车充电接口5127个", article);
        Assert.DoesNotContain("5119", article);
    }

    [Fact]
    public void A_changed_status_in_the_data_file_changes_the_counts()
    {
        var text = JinnanText;
        var first = text.IndexOf("\"status\": \"completed\"", StringComparison.Ordinal);
        var changed = text[..first] + "\"status\": \"inProgress\"" + text[(first + "\"status\": \"completed\"".Length)..];

        var article = ArticleOf(changed, June);

        Assert.Contains("3个子项已完成，其余23个子项正在加快推进", article.Lead);
    }

    [Fact]
    public void Before_any_report_every_item_says_there_is_none()
    {
        var article = ArticleOf(JinnanText, Dates.Parse("2025-03-31"));

        Assert.Contains("截至2025年3月底，26个子项尚未开工", article.Lead);
        Assert.All(article.Sections.SelectMany(s => s.Paragraphs), p => Assert.EndsWith("目前，尚无进展报告。", p));
    }

    [Fact]
    public void Markdown_html_and_json_carry_the_same_article()
    {
        var article = ArticleOf(JinnanText, June);

        var markdown = ArticleFormats.Render(article, ArticleFormat.Markdown);
        var html = ArticleFormats.Render(article, ArticleFormat.Html);
        var json = JsonDocument.Parse(ArticleFormats.Render(article, ArticleFormat.Json)).RootElement;

        Assert.StartsWith("# 津南区2025年上半年民心工程“成绩单”\n", markdown);
        Assert.Equal(10, Regex.Count(markdown, "^## ", RegexOptions.Multiline));
        Assert.Equal(10, Regex.Count(html, "<h2>"));
        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Equal(article.Lead, json.GetProperty("lead").GetString());
        Assert.Equal(10, json.GetProperty("sections").GetArrayLength());
    }

    [Fact]
    public void Html_escapes_what_the_data_says()
    {
        var text = JinnanText.Replace("\"name\": \"护苗助老贴心工程\"", "\"name\": \"<script>alert(1)</script>\"");

        var html = ArticleFormats.Render(ArticleOf(text, June), ArticleFormat.Html);

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Theory]
    [InlineData("2025-03-31", "一季度")]
    [InlineData("2025-06-30", "上半年")]
    [InlineData("2025-09-30", "前三季度")]
    [InlineData("2025-12-31", "全年")]
    [InlineData("2025-05-31", "1—5月")]
    public void The_title_names_the_period(string asOf, string name) =>
        Assert.Equal(name, ArticleWriter.PeriodName(Dates.Parse(asOf), 2025));

    private static IEnumerable<decimal> NumbersIn(string text) =>
        NumberPattern().Matches(text).Select(m => decimal.Parse(m.Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"\d+(?:\.\d+)?")]
    private static partial Regex NumberPattern();
}
