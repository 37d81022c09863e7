using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Minxin.Documents.Articles;
using Minxin.Domain.Articles;

namespace Minxin.Documents.Tests;

public class ArticleDocxTests
{
    private static readonly Article HalfYear = ArticleWriter.Write(Jinnan.HalfYearCard());

    private static List<(string? Style, string Text)> Paragraphs(WordprocessingDocument document) =>
        document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>()
            .Select(p => (p.ParagraphProperties?.ParagraphStyleId?.Val?.Value, p.InnerText)).ToList();

    [Fact]
    public void The_document_has_the_title_lead_headings_and_paragraphs_in_order()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(ArticleDocx.Write(HalfYear)), false);

        var paragraphs = Paragraphs(document);
        Assert.Equal(("Heading1", HalfYear.Title), paragraphs[0]);
        Assert.Equal(HalfYear.Lead, paragraphs[1].Text);
        Assert.Equal(HalfYear.Sections.Select(s => s.Heading), paragraphs.Where(p => p.Style == "Heading2").Select(p => p.Text));
        Assert.Equal(HalfYear.Sections.SelectMany(s => s.Paragraphs),
            paragraphs.Skip(2).Where(p => p.Style is null).Select(p => p.Text));
    }

    [Fact]
    public void Headings_are_defined_in_the_document_with_a_Chinese_east_asian_font()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(ArticleDocx.Write(HalfYear)), false);

        var styles = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!;
        var heading1 = styles.Elements<Style>().Single(s => s.StyleId == "Heading1");
        var heading2 = styles.Elements<Style>().Single(s => s.StyleId == "Heading2");
        Assert.Equal("heading 1", heading1.StyleName!.Val!.Value);
        Assert.Equal(ArticleDocx.HeadingFont, heading2.StyleRunProperties!.RunFonts!.EastAsia!.Value);
        var defaults = styles.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!.RunFonts!;
        Assert.Equal(ArticleDocx.BodyFont, defaults.EastAsia!.Value);
    }

    [Fact]
    public void The_docx_is_valid_Open_XML()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(ArticleDocx.Write(HalfYear)), false);

        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}");
        Assert.Empty(errors);
    }
}
