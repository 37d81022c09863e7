using System.Text;
using SkiaSharp;

namespace Minxin.Documents.Rendering;

/// <summary>
/// Draws a line of text so that a PDF reader extracts the characters that were written. A CJK font maps some glyphs
/// from two code points (民 U+6C11 and the radical ⺠ U+2EA0 share one), and Skia's ToUnicode table names only one of
/// them; a text blob that carries the text and its clusters makes Skia add /ActualText wherever the table is wrong.
/// </summary>
internal static class PdfText
{
    public static void Draw(SKCanvas canvas, string text, float x, float baseline, SKTextAlign align, SKFont font, SKPaint paint)
    {
        if (text.Length == 0)
        {
            return;
        }
        var glyphs = font.GetGlyphs(text);
        var positions = font.GetGlyphPositions(glyphs, new SKPoint(0, 0));
        var width = font.MeasureText(glyphs);
        var left = align switch
        {
            SKTextAlign.Center => x - width / 2,
            SKTextAlign.Right => x - width,
            _ => x,
        };
        // One glyph per code point (GetGlyphs does no shaping); each glyph's cluster is its code point's UTF-8 offset.
        var utf8 = Encoding.UTF8.GetBytes(text);
        var clusters = new uint[glyphs.Length];
        var offset = 0;
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            clusters[index++] = (uint)offset;
            offset += rune.Utf8SequenceLength;
        }
        using var builder = new SKTextBlobBuilder();
        var run = builder.AllocateHorizontalTextRun(font, glyphs.Length, baseline, utf8.Length, null);
        run.SetGlyphs(glyphs);
        run.SetPositions(positions.Select(p => left + p.X).ToArray());
        run.SetText(utf8);
        run.SetClusters(clusters);
        using var blob = builder.Build();
        if (blob is not null)
        {
            canvas.DrawText(blob, 0, 0, paint);
        }
    }
}
