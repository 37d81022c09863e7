using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Minxin.Documents.Rendering;

/// <summary>
/// A Word document built paragraph by paragraph, with styles Normal, Heading1 and Heading2 defined in it (so the
/// navigation pane and a table of contents work) and a Chinese East Asian font on each (w:eastAsia), on A4.
/// </summary>
internal sealed class WordDocument
{
    /// <summary>Sizes in half-points, as Word counts them: 32 is 16 pt (三号), 28 is 14 pt (四号), 24 is 12 pt (小四).</summary>
    public sealed record Fonts(string Body, string Heading, int BodySize = 24, int Heading1Size = 36, int Heading2Size = 30);

    private readonly List<Paragraph> paragraphs = [];
    private readonly Fonts fonts;

    public WordDocument(Fonts fonts) => this.fonts = fonts;

    public const string Heading1 = "Heading1";

    public const string Heading2 = "Heading2";

    /// <summary>A paragraph; <paramref name="firstLineIndentChars"/> in characters (2 is the usual 首行缩进两字).</summary>
    public void Paragraph(string text, string? styleId = null, JustificationValues? align = null, int firstLineIndentChars = 0,
        int spaceBeforeLines = 0, bool bold = false, int? size = null, string? eastAsiaFont = null)
    {
        var properties = new ParagraphProperties();
        if (styleId is not null)
        {
            properties.Append(new ParagraphStyleId { Val = styleId });
        }
        if (spaceBeforeLines > 0)
        {
            properties.Append(new SpacingBetweenLines { BeforeLines = spaceBeforeLines * 100 });
        }
        if (firstLineIndentChars > 0)
        {
            properties.Append(new Indentation { FirstLineChars = firstLineIndentChars * 100 });
        }
        if (align is { } justification)
        {
            properties.Append(new Justification { Val = justification });
        }
        var runProperties = new RunProperties();
        if (eastAsiaFont is not null)
        {
            runProperties.Append(new RunFonts { EastAsia = eastAsiaFont });
        }
        if (bold)
        {
            runProperties.Append(new Bold());
        }
        if (size is { } halfPoints)
        {
            runProperties.Append(new FontSize { Val = halfPoints.ToString() });
        }
        var run = new Run();
        if (runProperties.HasChildren)
        {
            run.Append(runProperties);
        }
        run.Append(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        paragraphs.Add(new Paragraph(properties, run));
    }

    public byte[] ToBytes(string title)
    {
        using var stream = new MemoryStream();
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            package.PackageProperties.Title = title;
            package.PackageProperties.Creator = "Minxin";
            var main = package.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = Styles();
            var body = new Body();
            foreach (var paragraph in paragraphs)
            {
                body.Append(paragraph);
            }
            // A4 portrait with 2.54 cm / 3.17 cm margins (Word's defaults), in twentieths of a point.
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1440, Bottom = 1440, Left = 1800U, Right = 1800U, Header = 851U, Footer = 992U, Gutter = 0U }));
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    private Styles Styles()
    {
        var defaults = new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = fonts.Body },
                new FontSize { Val = fonts.BodySize.ToString() },
                new FontSizeComplexScript { Val = fonts.BodySize.ToString() },
                new Languages { Val = "en-US", EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { Line = "360", LineRule = LineSpacingRuleValues.Auto, After = "120" })));
        return new Styles(
            defaults,
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle())
            {
                Type = StyleValues.Paragraph,
                StyleId = "Normal",
                Default = true,
            },
            Heading(Heading1, "heading 1", fonts.Heading1Size, outlineLevel: 0),
            Heading(Heading2, "heading 2", fonts.Heading2Size, outlineLevel: 1));
    }

    private Style Heading(string styleId, string name, int size, int outlineLevel) => new(
        new StyleName { Val = name },
        new BasedOn { Val = "Normal" },
        new NextParagraphStyle { Val = "Normal" },
        new PrimaryStyle(),
        new StyleParagraphProperties(
            new KeepNext(),
            new SpacingBetweenLines { Before = "240", After = "120" },
            new OutlineLevel { Val = outlineLevel }),
        new StyleRunProperties(
            new RunFonts { Ascii = "Arial", HighAnsi = "Arial", EastAsia = fonts.Heading },
            new Bold(),
            new FontSize { Val = size.ToString() },
            new FontSizeComplexScript { Val = size.ToString() }))
    {
        Type = StyleValues.Paragraph,
        StyleId = styleId,
    };
}
