using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Minxin.Documents.FollowUps;

namespace Minxin.Documents.Tests;

public class SupervisionLetterTests
{
    private static readonly SupervisionLetterContent Letter = new(
        RegionName: "津南区",
        IssuingOffice: "津南区民心工程办公室",
        Number: "津南民心督〔2025〕3号",
        UnitName: "区住建委",
        ItemCode: "05-1",
        ItemTitle: "完成老旧小区改造",
        Requirement: "请你单位倒排工期、挂图作战，确保9月底前全部完工",
        Deadline: new DateOnly(2025, 8, 15),
        IssuedOn: new DateOnly(2025, 8, 1),
        Situation: "已开工12个小区，完成率低于序时进度");

    [Fact]
    public void The_docx_has_the_title_number_addressee_deadline_and_issuer()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(SupervisionLetter.ToDocx(Letter)), false);

        var paragraphs = document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Equal("督办函", paragraphs[0]);
        Assert.Equal("津南民心督〔2025〕3号", paragraphs[1]);
        Assert.Equal("区住建委：", paragraphs[2]);
        Assert.Contains(paragraphs, p => p.Contains("请于2025年8月15日前将办理情况书面报送津南区民心工程办公室。", StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => p.Contains("目前进展情况为：已开工12个小区，完成率低于序时进度。", StringComparison.Ordinal));
        Assert.Equal(["津南区民心工程办公室", "2025年8月1日"], paragraphs[^2..]);
    }

    [Fact]
    public void The_docx_sets_a_Chinese_east_asian_font()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(SupervisionLetter.ToDocx(Letter)), false);

        var styles = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!;
        Assert.Equal(SupervisionLetter.BodyFont, styles.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!.RunFonts!.EastAsia!.Value);
    }

    [Fact]
    public void The_pdf_text_has_the_number_addressee_and_deadline()
    {
        var pdf = SupervisionLetter.ToPdf(Letter);

        var text = Poppler.Squeezed(Poppler.Text(pdf));
        Assert.Contains("督办函", text, StringComparison.Ordinal);
        Assert.Contains("津南民心督〔2025〕3号", text, StringComparison.Ordinal);
        Assert.Contains("区住建委：", text, StringComparison.Ordinal);
        Assert.Contains("请于2025年8月15日前将办理情况书面报送津南区民心工程办公室。", text, StringComparison.Ordinal);
        Assert.Contains("2025年8月1日", text, StringComparison.Ordinal);
        Assert.Equal(1, Poppler.PageCount(pdf));
    }

    [Fact]
    public void Without_a_situation_the_letter_says_no_progress_was_reported()
    {
        var paragraphs = SupervisionLetter.BodyParagraphs(Letter with { Situation = null });

        Assert.Contains("尚未报送进展情况", paragraphs[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_docx_is_valid_Open_XML()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(SupervisionLetter.ToDocx(Letter)), false);

        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}");
        Assert.Empty(errors);
    }
}
