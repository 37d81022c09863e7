using System.ComponentModel;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Minxin.Documents.Tests;

/// <summary>Reads PDFs with poppler's pdftotext and pdfinfo, as a reader's tools would; missing tools fail the test.</summary>
internal static partial class Poppler
{
    public static string Text(byte[] pdf) => Run("pdftotext", pdf, "-enc UTF-8 {0} -");

    public static string Info(byte[] pdf) => Run("pdfinfo", pdf, "-f 1 -l 9999 {0}");

    public static int PageCount(byte[] pdf) => int.Parse(PagesLine().Match(Info(pdf)).Groups[1].Value);

    /// <summary>Each page's size in points, e.g. (595.28, 841.89) for A4.</summary>
    public static IReadOnlyList<(double Width, double Height)> PageSizes(byte[] pdf) =>
        PageSizeLine().Matches(Info(pdf)).Select(m => (double.Parse(m.Groups[1].Value), double.Parse(m.Groups[2].Value))).ToList();

    /// <summary>Text with all white space removed: lines wrap anywhere in Chinese, so a title may be split across lines.</summary>
    public static string Squeezed(string text) => Whitespace().Replace(text, "");

    private static string Run(string tool, byte[] pdf, string arguments)
    {
        var file = Path.Combine(Path.GetTempPath(), $"minxin-documents-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var start = new ProcessStartInfo(tool, string.Format(arguments, file))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = System.Text.Encoding.UTF8,
            };
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (Win32Exception e)
            {
                throw new InvalidOperationException(
                    $"{tool} is not installed: the PDF tests read PDFs with poppler. Install it with `apt-get install -y poppler-utils`.", e);
            }
            using (process)
            {
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEnd();
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {error}");
                return output.Result;
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"^Pages:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PagesLine();

    [GeneratedRegex(@"size:\s+([\d.]+) x ([\d.]+) pts")]
    private static partial Regex PageSizeLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
