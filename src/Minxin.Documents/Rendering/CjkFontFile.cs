namespace Minxin.Documents.Rendering;

/// <summary>
/// Finds the Chinese font the PDFs embed, the way fc-match would for Noto Sans CJK SC: a configured file first, else
/// NotoSansCJK-Regular.ttc under the fonts folder, else any *CJK*.ttc or *CJK*.ttf there.
/// </summary>
public static class CjkFontFile
{
    public const string DefaultFontsFolder = "/usr/share/fonts";

    public const string PreferredFileName = "NotoSansCJK-Regular.ttc";

    public static string Locate(string? configuredPath = null, string fontsFolder = DefaultFontsFolder)
    {
        if (configuredPath is not null)
        {
            return File.Exists(configuredPath)
                ? configuredPath
                : throw new FileNotFoundException($"The configured CJK font file {configuredPath} does not exist.", configuredPath);
        }
        var files = Directory.Exists(fontsFolder)
            ? Directory.EnumerateFiles(fontsFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];
        var preferred = files.FirstOrDefault(f => Path.GetFileName(f).Equals(PreferredFileName, StringComparison.OrdinalIgnoreCase));
        // Among other CJK files, a sans regular face reads best at small sizes; bold and serif only when nothing else is there.
        var anyCjk = files
            .Where(f => Path.GetFileName(f).Contains("CJK", StringComparison.OrdinalIgnoreCase)
                && Path.GetExtension(f).ToLowerInvariant() is ".ttc" or ".ttf")
            .OrderBy(f => Path.GetFileName(f).Contains("Bold", StringComparison.OrdinalIgnoreCase))
            .ThenBy(f => !Path.GetFileName(f).Contains("Sans", StringComparison.OrdinalIgnoreCase))
            .FirstOrDefault();
        return preferred ?? anyCjk ?? throw new FileNotFoundException(
            $"No Chinese font found: looked for {PreferredFileName}, then any *CJK*.ttc or *CJK*.ttf under {fontsFolder}. "
            + "Install the Debian package fonts-noto-cjk, or configure the path of a CJK font file.");
    }
}
