using Minxin.Documents.Briefing;
using Minxin.Documents.Rendering;
using Minxin.Domain.ReportCards;

namespace Minxin.Documents.Tests;

public class BriefingBookTests
{
    private static readonly ReportCard Card = Jinnan.HalfYearCard();

    private static readonly Dictionary<string, ItemLight> Lights = Card.Items.ToDictionary(
        i => i.Item.Code,
        i => i.Item.Code == "01-1" ? new ItemLight("yellow", "黄灯", "指标完成率低于序时进度10个百分点以上。") : new ItemLight("green", "绿灯", "进度正常。"));

    // One book for the class: writing it embeds a font subset, which takes a moment.
    private static readonly byte[] Pdf = new BriefingBook().Write(Card, Lights);

    private static readonly string Text = Poppler.Text(Pdf);

    [Fact]
    public void The_text_has_the_half_year_headline()
    {
        Assert.Contains("截至2025年6月底，4个子项已完成，其余22个子项正在加快推进", Poppler.Squeezed(Text), StringComparison.Ordinal);
        Assert.Contains(Card.Headline, Poppler.Squeezed(Text), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_item_appears_with_its_code_title_and_status()
    {
        var text = Poppler.Squeezed(Text);

        Assert.Equal(26, Card.Items.Count());
        Assert.All(Card.Items, item =>
        {
            Assert.Contains(Poppler.Squeezed(item.Item.Code + item.Item.Title), text, StringComparison.Ordinal);
        });
        Assert.Contains("状态：已完成", text, StringComparison.Ordinal);
        Assert.Contains("灯号：黄灯（指标完成率低于序时进度10个百分点以上）", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_text_reads_as_the_characters_written_not_as_radicals_that_share_their_glyphs()
    {
        // Without /ActualText, 民 and 心 came out of pdftotext as the radicals ⺠ and ⼼.
        Assert.DoesNotContain(Text, c => c is >= '\u2E80' and <= '\u2FDF');
        Assert.Contains("民心工程", Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Indicator_figures_are_written_as_on_the_public_pages()
    {
        Assert.Contains("5119/6000个（85%）", Poppler.Squeezed(Text), StringComparison.Ordinal);
    }

    [Fact]
    public void Chart_values_are_also_in_words()
    {
        var text = Poppler.Squeezed(Text);

        Assert.Contains("已完成4项，推进中22项，未开工0项，滞后0项，已取消0项，共26项", text, StringComparison.Ordinal);
        Assert.All(Card.Categories, c => Assert.Contains(Poppler.Squeezed(c.Category.NumberText + c.Name), text, StringComparison.Ordinal));
    }

    [Fact]
    public void There_is_a_cover_an_overview_and_a_page_per_category_each_numbered_of_the_total()
    {
        var pages = Poppler.PageCount(Pdf);

        Assert.True(pages >= 1 + Card.Categories.Count, $"{pages} pages");
        var pageTexts = Text.Split('\f').Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        Assert.Equal(pages, pageTexts.Count);
        for (var page = 1; page <= pages; page++)
        {
            Assert.Contains($"第{page}页共{pages}页", Poppler.Squeezed(pageTexts[page - 1]), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_page_is_A4()
    {
        var sizes = Poppler.PageSizes(Pdf);

        Assert.Equal(Poppler.PageCount(Pdf), sizes.Count);
        Assert.All(sizes, s =>
        {
            Assert.InRange(s.Width, 595.0, 595.5);
            Assert.InRange(s.Height, 841.7, 842.1);
        });
    }

    [Fact]
    public void A_long_category_flows_onto_further_pages_under_a_continued_heading()
    {
        var category = Card.Categories[0];
        var many = Enumerable.Range(0, 12).SelectMany(_ => category.Items).ToList();
        var card = Card with { Categories = [category with { Items = many }] };

        var pdf = new BriefingBook().Write(card);

        Assert.True(Poppler.PageCount(pdf) >= 4, $"{Poppler.PageCount(pdf)} pages");
        Assert.Contains("（续）", Poppler.Text(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_font_file_that_does_not_exist_is_a_clear_error()
    {
        var error = Assert.Throws<FileNotFoundException>(() => new BriefingBook("/nowhere/font.ttc").Write(Card));

        Assert.Contains("/nowhere/font.ttc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_any_CJK_font_the_search_says_what_to_install()
    {
        var empty = Directory.CreateTempSubdirectory("minxin-fonts-").FullName;
        try
        {
            var error = Assert.Throws<FileNotFoundException>(() => CjkFontFile.Locate(fontsFolder: empty));

            Assert.Contains("fonts-noto-cjk", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public void The_default_search_finds_Noto_Sans_CJK() =>
        Assert.Equal(CjkFontFile.PreferredFileName, Path.GetFileName(CjkFontFile.Locate()));
}
