using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Programs;
using Minxin.Domain.ReportCards;

namespace Minxin.Documents.Tests;

/// <summary>
/// The real 2025 津南 program, read from the repository's data file. Found here rather than through Minxin.Testing
/// so that this project builds without the storage layer it never uses.
/// </summary>
internal static class Jinnan
{
    public static LivelihoodProgram Program { get; } = ProgramFileReader.Read(ProgramFile()).ProgramOrThrow();

    public static ReportCard HalfYearCard() => ReportCardCalculator.Compute(Program, new DateOnly(2025, 6, 30));

    private static string ProgramFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Minxin.slnx")))
            {
                return Path.Combine(dir.FullName, "programs", "jinnan-2025.json");
            }
        }
        throw new InvalidOperationException("Cannot find the repository root (Minxin.slnx) above " + AppContext.BaseDirectory);
    }
}
