using System.Diagnostics;
using System.Text;
using Minxin.Data;

namespace Minxin.Cli.Tests;

public sealed record CliRun(int ExitCode, string Out, string Error);

/// <summary>Runs `minxin` in process against a given store, capturing standard output and error.</summary>
public static class Cli
{
    public static Task<CliRun> RunAsync(StorageOptions storage, params string[] args) => RunWithInputAsync(storage, null, args);

    /// <summary>Runs `minxin` in process with <paramref name="stdin"/> as its standard input (a password, say).</summary>
    public static async Task<CliRun> RunWithInputAsync(StorageOptions storage, string? stdin, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = await MinxinCli.RunAsync(args, () => storage, stdout, stderr, stdin is null ? null : new StringReader(stdin));
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the built `minxin` program as its own process, as a user would.</summary>
    public static async Task<CliRun> RunProcessAsync(string dataDirectory, params string[] args)
    {
        using var process = StartProcess(dataDirectory, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(limit.Token);
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the built `minxin` program; the caller waits for it, or kills it.</summary>
    public static Process StartProcess(string dataDirectory, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "minxin.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, // closed at once below: the program never waits on the test runner's input
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["MINXIN_DATA"] = dataDirectory;
        start.Environment.Remove("MINXIN_DATABASE");
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }
}
