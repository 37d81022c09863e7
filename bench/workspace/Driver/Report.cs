using System.Globalization;
using System.Text;

namespace Minxin.Workspace.LoadDriver;

/// <summary>The driver's table, for people and (tab-separated) for run.sh.</summary>
public static class Report
{
    public static string Table(IEnumerable<PhaseResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{"operation",-10}{"count",7}{"req/s",9}{"p50",10}{"p99",10}{"max",10}{"errors",8}{"skipped",9}   req/s, first and last quarter"));
        foreach (var r in results)
        {
            var (p50, p99, max) = Percentiles(r.Latencies);
            var (first, last) = r.QuarterRates();
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Name,-10}{r.Count,7}{Rate(r),9:0.0}{p50,8:0.0}ms{p99,8:0.0}ms{max,8:0.0}ms{r.Errors,8}{r.Skipped,9}   {first:0.0} → {last:0.0}"));
        }
        return text.ToString();
    }

    /// <summary>label, operation, count, req/s, p50 ms, p99 ms, max ms, errors, skipped, req/s of the first and of the last quarter.</summary>
    public static string Tsv(string label, IEnumerable<PhaseResult> results)
    {
        var text = new StringBuilder();
        foreach (var r in results)
        {
            var (p50, p99, max) = Percentiles(r.Latencies);
            var (first, last) = r.QuarterRates();
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}\t{r.Name}\t{r.Count}\t{Rate(r):0.0}\t{p50:0.0}\t{p99:0.0}\t{max:0.0}\t{r.Errors}\t{r.Skipped}\t{first:0.0}\t{last:0.0}"));
        }
        return text.ToString();
    }

    /// <summary>Nearest-rank percentiles over the requests made (failed ones included: they took time too).</summary>
    public static (double P50, double P99, double Max) Percentiles(double[] latencies)
    {
        var sorted = latencies.Where(l => !double.IsNaN(l)).Order().ToArray();
        if (sorted.Length == 0)
        {
            return (double.NaN, double.NaN, double.NaN);
        }
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return (At(0.50), At(0.99), sorted[^1]);
    }

    public static string Shorten(string body)
    {
        var line = body.ReplaceLineEndings(" ");
        return line.Length <= 300 ? line : line[..300] + "…";
    }

    private static double Rate(PhaseResult r) => r.Count / r.Elapsed.TotalSeconds;
}
