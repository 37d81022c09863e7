using DocumentFormat.OpenXml.Wordprocessing;
using Minxin.Documents.Rendering;
using Minxin.Domain.Quantities;

namespace Minxin.Documents.FollowUps;

/// <summary>What a 督办函 says: who issues it to which unit, about which item, what is required and by when.</summary>
/// <param name="IssuingOffice">e.g. 津南区民心工程办公室</param>
/// <param name="Number">发文字号, e.g. 津南民心督〔2025〕3号</param>
/// <param name="UnitName">The addressee, e.g. 区住建委</param>
/// <param name="Situation">The item's current progress in a sentence or two, when known.</param>
public sealed record SupervisionLetterContent(
    string RegionName,
    string IssuingOffice,
    string Number,
    string UnitName,
    string ItemCode,
    string ItemTitle,
    string Requirement,
    DateOnly Deadline,
    DateOnly IssuedOn,
    string? Situation);

/// <summary>
/// 督办函 as DOCX and PDF, in the usual layout of an official letter: the title centred, the number under it, the
/// addressee, the body paragraphs indented two characters, the issuing office and the date at the right. Dates are
/// written with Arabic numerals (2025年8月1日), as GB/T 9704-2012 asks for the date of an official document.
/// </summary>
public static class SupervisionLetter
{
    public const string Title = "督办函";

    /// <summary>仿宋 for the text and 黑体 for the title, the fonts of government letters that every office PC has.</summary>
    public const string BodyFont = "仿宋";

    public const string TitleFont = "黑体";

    public static string Addressee(SupervisionLetterContent letter) => letter.UnitName + "：";

    public static IReadOnlyList<string> BodyParagraphs(SupervisionLetterContent letter)
    {
        var item = $"“{letter.ItemCode} {letter.ItemTitle.TrimEnd('。')}”";
        var situation = string.IsNullOrWhiteSpace(letter.Situation)
            ? $"经跟踪调度，你单位牵头的{letter.RegionName}民心工程子项{item}尚未报送进展情况。"
            : $"经跟踪调度，你单位牵头的{letter.RegionName}民心工程子项{item}，目前进展情况为：{Sentence(letter.Situation)}";
        return
        [
            situation,
            $"为确保该项目按期保质完成，现就有关事项督办如下：{Sentence(letter.Requirement)}",
            $"请于{ChineseDates.Full(letter.Deadline)}前将办理情况书面报送{letter.IssuingOffice}。",
            "特此督办。",
        ];
    }

    public static byte[] ToDocx(SupervisionLetterContent letter)
    {
        // 三号 (16 pt) for the text, 二号 (22 pt) for the title, as official letters are set.
        var document = new WordDocument(new WordDocument.Fonts(BodyFont, TitleFont, BodySize: 32, Heading1Size: 44));
        document.Paragraph(Title, WordDocument.Heading1, JustificationValues.Center);
        document.Paragraph(letter.Number, align: JustificationValues.Center);
        document.Paragraph(Addressee(letter), spaceBeforeLines: 1);
        foreach (var paragraph in BodyParagraphs(letter))
        {
            document.Paragraph(paragraph, firstLineIndentChars: 2);
        }
        document.Paragraph(letter.IssuingOffice, align: JustificationValues.Right, spaceBeforeLines: 2);
        document.Paragraph(ChineseDates.Full(letter.IssuedOn), align: JustificationValues.Right);
        return document.ToBytes($"{Title} {letter.Number}");
    }

    /// <param name="fontPath">A CJK font file; by default Noto Sans CJK is looked up under /usr/share/fonts.</param>
    public static byte[] ToPdf(SupervisionLetterContent letter, string? fontPath = null)
    {
        using var layout = new PdfLayout(fontPath);
        layout.Space(24);
        layout.Text(Title, 24, bold: true, TextAlign.Center);
        layout.Space(8);
        layout.Text(letter.Number, 13, align: TextAlign.Center);
        layout.Space(20);
        layout.Text(Addressee(letter), 14);
        foreach (var paragraph in BodyParagraphs(letter))
        {
            // Two ideographic spaces are the first-line indent, and they stay in the extracted text as a letter's would.
            layout.Text("\u3000\u3000" + paragraph, 14, lineHeight: 1.8f);
        }
        layout.Space(36);
        layout.Text(letter.IssuingOffice, 14, align: TextAlign.Right);
        layout.Text(ChineseDates.Full(letter.IssuedOn), 14, align: TextAlign.Right);
        return layout.Render($"{Title} {letter.Number}", (page, pages) => pages > 1 ? $"第 {page} 页 共 {pages} 页" : null);
    }

    private static string Sentence(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length > 0 && "。！？".Contains(trimmed[^1], StringComparison.Ordinal) ? trimmed : trimmed + "。";
    }
}
