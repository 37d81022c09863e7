using Microsoft.EntityFrameworkCore;
using Minxin.Domain.ProgramFiles;

namespace Minxin.Data;

/// <summary>First start: create or migrate the schema, and load the bundled programs into an empty database.</summary>
public static class DatabaseInitializer
{
    public static async Task<int> InitializeAsync(MinxinDbContext db, CancellationToken cancellationToken = default)
    {
        await MinxinDatabase.MigrateAsync(db, cancellationToken);
        if (await db.Programs.AnyAsync(cancellationToken))
        {
            return 0;
        }
        var loaded = 0;
        foreach (var (name, bytes) in BundledProgramFiles())
        {
            var program = ProgramFileReader.Read(name, bytes).ProgramOrThrow();
            await ProgramStore.AddAsync(db, program, Domain.Programs.PublicationState.Published, cancellationToken: cancellationToken);
            loaded++;
        }
        return loaded;
    }

    public static IEnumerable<(string Name, byte[] Bytes)> BundledProgramFiles()
    {
        var assembly = typeof(DatabaseInitializer).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("programs/", StringComparison.Ordinal)).Order())
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            yield return (name, memory.ToArray());
        }
    }
}
