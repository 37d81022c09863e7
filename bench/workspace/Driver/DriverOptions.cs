using System.Globalization;

namespace Minxin.Workspace.LoadDriver;

/// <summary>The driver's command line.</summary>
public sealed record DriverOptions(
    Uri Url, string TokensFile, string Program, int Reports, int Concurrency, int WarmUpRounds, string? Tsv, string Label)
{
    public const string Usage =
        "usage: Minxin.Workspace.LoadDriver --url http://127.0.0.1:PORT --tokens FILE [--program jinnan-2025] [--reports 2000] " +
        "[--concurrency 8] [--warmup-rounds 1] [--tsv FILE] [--label TEXT]";

    public static DriverOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"unexpected argument \"{args[i]}\"");
            }
            values[args[i][2..]] = args[i + 1];
        }
        string? Text(string name) => values.Remove(name, out var value) ? value : null;
        int Number(string name, int fallback, int min)
        {
            var text = Text(name);
            if (text is null)
            {
                return fallback;
            }
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                ? n
                : throw new ArgumentException($"--{name} must be a whole number of at least {min}, not \"{text}\"");
        }
        var url = Text("url") ?? throw new ArgumentException("--url is required");
        var options = new DriverOptions(
            Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : throw new ArgumentException($"--url \"{url}\" is not an absolute address"),
            Text("tokens") ?? throw new ArgumentException("--tokens is required"),
            Text("program") ?? "jinnan-2025",
            Number("reports", 2000, 1),
            Number("concurrency", 8, 1),
            Number("warmup-rounds", 1, 0),
            Text("tsv"),
            Text("label") ?? "");
        if (values.Count > 0)
        {
            throw new ArgumentException("unknown option --" + values.Keys.First());
        }
        return options;
    }
}
