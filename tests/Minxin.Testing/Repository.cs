namespace Minxin.Testing;

/// <summary>Files of this repository that tests read, found from the test's working folder.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string JinnanProgramFile => Path.Combine(Root, "programs", "jinnan-2025.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Minxin.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find the repository root (Minxin.slnx) above " + AppContext.BaseDirectory);
    }
}
