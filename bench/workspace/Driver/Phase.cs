using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Minxin.Workspace.LoadDriver;

/// <summary>One operation over all jobs: the latency of each request (ms, NaN when skipped) and every failure.</summary>
public sealed record PhaseResult(
    string Name, TimeSpan Elapsed, double[] Latencies, double[] Finished, int Errors, int Skipped, IReadOnlyList<string> Samples)
{
    public int Count => Latencies.Count(l => !double.IsNaN(l));

    /// <summary>Requests per second over the first and the last quarter of the requests, by when they were answered.</summary>
    public (double First, double Last) QuarterRates()
    {
        var done = Finished.Where(f => !double.IsNaN(f)).Order().ToArray();
        var quarter = done.Length / 4;
        if (quarter == 0)
        {
            return (double.NaN, double.NaN);
        }
        return (quarter / done[quarter - 1] * 1000, quarter / (done[^1] - done[^(quarter + 1)]) * 1000);
    }
}

public static class Phase
{
    private const int MaxSamples = 5;

    /// <summary>
    /// Runs <paramref name="operation"/> once per live job with <paramref name="concurrency"/> workers, each taking the
    /// next job as soon as its request has been answered (a closed loop: as fast as the server goes, never more than
    /// <paramref name="concurrency"/> in flight). A non-2xx answer or no answer is an error and ends that job.
    /// </summary>
    public static async Task<PhaseResult> RunAsync(string name, IReadOnlyList<Job> jobs, int concurrency, Func<Job, Task<Answer>> operation)
    {
        var latencies = new double[jobs.Count];
        var finished = new double[jobs.Count];
        Array.Fill(latencies, double.NaN);
        Array.Fill(finished, double.NaN);
        var next = -1;
        var errors = 0;
        var skipped = 0;
        var samples = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < jobs.Count; i = Interlocked.Increment(ref next))
            {
                var job = jobs[i];
                if (!job.Alive)
                {
                    Interlocked.Increment(ref skipped);
                    continue;
                }
                var started = Stopwatch.GetTimestamp();
                var answer = await operation(job);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                finished[i] = clock.Elapsed.TotalMilliseconds;
                if (!answer.Succeeded)
                {
                    job.Alive = false;
                    Interlocked.Increment(ref errors);
                    if (samples.Count < MaxSamples)
                    {
                        samples.Enqueue(string.Create(CultureInfo.InvariantCulture,
                            $"{name} {job.Item.Id} as of {job.AsOf} (report {job.ReportId}): {answer.Status} {Report.Shorten(answer.Body)}"));
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return new PhaseResult(name, clock.Elapsed, latencies, finished, errors, skipped, [.. samples]);
    }
}
