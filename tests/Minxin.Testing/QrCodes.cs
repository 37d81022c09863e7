using System.Globalization;
using System.Text.RegularExpressions;
using ZXing.Common;
using ZXing.QrCode.Internal;

namespace Minxin.Testing;

/// <summary>Reads a QR code back from the SVG a page drew, as a phone would.</summary>
public static partial class QrCodes
{
    /// <summary>The runs of dark modules become a bit matrix for ZXing's decoder.</summary>
    public static string Decode(string svg)
    {
        var modules = RunPattern().Matches(svg)
            .SelectMany(m =>
            {
                int Number(int group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
                return Enumerable.Range(Number(1), Number(3)).Select(x => (X: x, Y: Number(2)));
            })
            .ToList();
        if (modules.Count == 0)
        {
            throw new InvalidOperationException("No QR code in: " + svg);
        }
        var left = modules.Min(m => m.X);
        var top = modules.Min(m => m.Y);
        var size = modules.Max(m => m.X) - left + 1;
        if (size != modules.Max(m => m.Y) - top + 1)
        {
            throw new InvalidOperationException("The QR code is not square.");
        }
        var bits = new BitMatrix(size);
        foreach (var (x, y) in modules)
        {
            bits[x - left, y - top] = true;
        }
        return new Decoder().decode(bits, null)?.Text ?? throw new InvalidOperationException("The QR code does not decode.");
    }

    /// <summary>"M4 7h3v1h-3z": a run of 3 dark modules from (4, 7).</summary>
    [GeneratedRegex(@"M(\d+) (\d+)h(\d+)v1h-\3z")]
    private static partial Regex RunPattern();
}
