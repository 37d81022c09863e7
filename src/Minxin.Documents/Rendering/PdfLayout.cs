using SkiaSharp;

namespace Minxin.Documents.Rendering;

internal enum TextAlign
{
    Left,
    Center,
    Right,
}

/// <summary>
/// Lays text and drawings out on A4 pages from top to bottom, starting a new page when one is full, and only then
/// draws them: the footer's "共 M 页" needs the page count before the first page is written.
/// </summary>
internal sealed class PdfLayout : IDisposable
{
    /// <summary>A4 in PDF points (1/72 inch): 210 × 297 mm.</summary>
    public const float PageWidth = 595.28f;

    public const float PageHeight = 841.89f;

    public const float Margin = 62f;

    private const float FooterHeight = 28f;

    private readonly List<List<Action<SKCanvas>>> pages = [];
    private readonly Dictionary<SKColor, SKPaint> paints = [];
    private float y;

    public PdfLayout(string? fontPath)
    {
        Fonts = new PdfFonts(fontPath);
        NewPage();
    }

    public PdfFonts Fonts { get; }

    public static float Left => Margin;

    public static float ContentWidth => PageWidth - 2 * Margin;

    private static float Bottom => PageHeight - Margin - FooterHeight;

    public float Y => y;

    public int PageCount => pages.Count;

    /// <summary>Written at the top of a page that a long section flows onto, e.g. "01 护苗助老贴心工程（续）".</summary>
    public string? ContinuationHeading { get; set; }

    public void NewPage()
    {
        pages.Add([]);
        y = Margin;
    }

    public void MoveTo(float top) => y = top;

    public void Space(float points) => y = Math.Min(y + points, Bottom);

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void KeepTogether(float height)
    {
        if (y + height > Bottom && y > Margin)
        {
            BreakPage();
        }
    }

    public void Text(string text, float size, bool bold = false, TextAlign align = TextAlign.Left, float indent = 0,
        SKColor? color = null, float lineHeight = 1.6f)
    {
        var font = Fonts.Font(size, bold);
        var paint = Paint(color ?? SKColors.Black);
        var leading = size * lineHeight;
        foreach (var line in LineBreaker.Wrap(text, font, ContentWidth - indent))
        {
            KeepTogether(leading);
            var baseline = y + (leading + size * 0.7f) / 2;
            var x = align switch
            {
                TextAlign.Center => Left + ContentWidth / 2,
                TextAlign.Right => Left + ContentWidth,
                _ => Left + indent,
            };
            var skAlign = align switch
            {
                TextAlign.Center => SKTextAlign.Center,
                TextAlign.Right => SKTextAlign.Right,
                _ => SKTextAlign.Left,
            };
            pages[^1].Add(canvas => PdfText.Draw(canvas, line, x, baseline, skAlign, font, paint));
            y += leading;
        }
    }

    /// <summary>A drawing of a fixed height at the current position, moved whole to the next page when it does not fit.</summary>
    public void Drawing(float height, Action<SKCanvas, float> draw)
    {
        KeepTogether(height);
        var top = y;
        pages[^1].Add(canvas => draw(canvas, top));
        y += height;
    }

    /// <summary>Writes the pages; <paramref name="footer"/> gets the page number and count and returns the foot line, or null for none.</summary>
    public byte[] Render(string title, Func<int, int, string?> footer)
    {
        using var output = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = title,
            Creator = "Minxin",
            Producer = "Minxin (SkiaSharp PDF)",
            RasterDpi = 300,
        };
        using (var document = SKDocument.CreatePdf(output, metadata))
        {
            var footerFont = Fonts.Font(9.5f);
            var footerPaint = Paint(new SKColor(0x44, 0x44, 0x44));
            for (var index = 0; index < pages.Count; index++)
            {
                var canvas = document.BeginPage(PageWidth, PageHeight);
                foreach (var draw in pages[index])
                {
                    draw(canvas);
                }
                if (footer(index + 1, pages.Count) is { } foot)
                {
                    PdfText.Draw(canvas, foot, PageWidth / 2, PageHeight - Margin + 6, SKTextAlign.Center, footerFont, footerPaint);
                }
                document.EndPage();
            }
            document.Close();
        }
        return output.ToArray();
    }

    private void BreakPage()
    {
        NewPage();
        if (ContinuationHeading is { } heading)
        {
            var saved = ContinuationHeading;
            ContinuationHeading = null; // the running head itself never breaks a page again
            Text(heading, 10.5f, color: new SKColor(0x55, 0x55, 0x55));
            Space(6);
            ContinuationHeading = saved;
        }
    }

    /// <summary>A fill paint of this colour, kept for the life of the document (do not dispose it).</summary>
    public SKPaint Paint(SKColor color)
    {
        if (!paints.TryGetValue(color, out var paint))
        {
            paint = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
            paints[color] = paint;
        }
        return paint;
    }

    public void Dispose()
    {
        foreach (var paint in paints.Values)
        {
            paint.Dispose();
        }
        Fonts.Dispose();
    }
}
