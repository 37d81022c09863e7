using DocumentFormat.OpenXml.Wordprocessing;
using Minxin.Documents.Rendering;
using Minxin.Domain.Articles;

namespace Minxin.Documents.Articles;

/// <summary>
/// The article as a Word document for editors who work in Word: the title (Heading1, centred), the lead, each section
/// heading (Heading2) and its paragraphs indented two characters; 宋体 for text, 黑体 for headings.
/// </summary>
public static class ArticleDocx
{
    public const string BodyFont = "宋体";

    public const string HeadingFont = "黑体";

    public static byte[] Write(Article article)
    {
        var document = new WordDocument(new WordDocument.Fonts(BodyFont, HeadingFont));
        document.Paragraph(article.Title, WordDocument.Heading1, JustificationValues.Center);
        document.Paragraph(article.Lead, firstLineIndentChars: 2);
        foreach (var section in article.Sections)
        {
            document.Paragraph(section.Heading, WordDocument.Heading2);
            foreach (var paragraph in section.Paragraphs)
            {
                document.Paragraph(paragraph, firstLineIndentChars: 2);
            }
        }
        return document.ToBytes(article.Title);
    }
}
