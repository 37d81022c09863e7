using BenchmarkDotNet.Attributes;

namespace Minxin.Importer.Benchmarks;

/// <summary>TextImporter.Import on the seed text, as the CLI and the tests call it.</summary>
[MemoryDiagnoser]
public class SeedImport
{
    private string _seed = "";

    [GlobalSetup]
    public void Load() => _seed = File.ReadAllText(SeedPath());

    [Benchmark]
    public ImportResult ParseSeed() => TextImporter.Import(_seed);

    /// <summary>The seed as the importer's tests keep it, found from the repository root (the folder with Minxin.slnx).</summary>
    private static string SeedPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Minxin.slnx")))
            {
                return Path.Combine(dir.FullName, "tests", "Minxin.Importer.Tests", "Texts", "jinnan-2025-h1.txt");
            }
        }
        throw new InvalidOperationException("Cannot find the repository root (Minxin.slnx) above " + AppContext.BaseDirectory);
    }
}
