using SkiaSharp;

namespace Minxin.Documents.Rendering;

/// <summary>The regular and bold faces of one CJK font, Simplified Chinese face chosen inside a collection (.ttc).</summary>
internal sealed class PdfFonts : IDisposable
{
    public SKTypeface Regular { get; }

    public SKTypeface Bold { get; }

    /// <summary>True when no bold file sits beside the regular one, so bold text is emboldened from the regular face.</summary>
    public bool SyntheticBold { get; }

    public PdfFonts(string? configuredPath)
    {
        var path = CjkFontFile.Locate(configuredPath);
        Regular = LoadSimplifiedChinese(path)
            ?? throw new InvalidOperationException($"The font file {path} could not be read as a font.");
        var boldPath = Path.Combine(Path.GetDirectoryName(path) ?? "", Path.GetFileName(path).Replace("Regular", "Bold", StringComparison.Ordinal));
        var bold = boldPath != path && File.Exists(boldPath) ? LoadSimplifiedChinese(boldPath) : null;
        SyntheticBold = bold is null;
        Bold = bold ?? Regular;
    }

    private readonly Dictionary<(float Size, bool Bold), SKFont> fonts = [];

    /// <summary>A font of this size, kept for the life of the document (do not dispose it).</summary>
    public SKFont Font(float size, bool bold = false)
    {
        if (!fonts.TryGetValue((size, bold), out var font))
        {
            font = new SKFont(bold ? Bold : Regular, size) { Embolden = bold && SyntheticBold, Subpixel = true };
            fonts[(size, bold)] = font;
        }
        return font;
    }

    // A Noto CJK collection holds the JP, KR, SC, TC and HK faces; the SC face has the mainland glyph forms.
    private static SKTypeface? LoadSimplifiedChinese(string path)
    {
        var faces = new List<SKTypeface>();
        for (var index = 0; index < 16 && SKTypeface.FromFile(path, index) is { } face; index++)
        {
            faces.Add(face);
        }
        var chosen = faces.FirstOrDefault(f => f.FamilyName.EndsWith(" SC", StringComparison.Ordinal)) ?? faces.FirstOrDefault();
        foreach (var face in faces.Where(f => f != chosen))
        {
            face.Dispose();
        }
        return chosen;
    }

    public void Dispose()
    {
        foreach (var font in fonts.Values)
        {
            font.Dispose();
        }
        if (Bold != Regular)
        {
            Bold.Dispose();
        }
        Regular.Dispose();
    }
}
