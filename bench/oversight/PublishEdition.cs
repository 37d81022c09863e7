using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Editions;
using Minxin.Domain.Programs;
using Minxin.Domain.Quantities;
using Minxin.Domain.ReportCards;

namespace Minxin.Oversight.Benchmarks;

/// <summary>
/// Publishing an edition end to end against a SQLite file, in EditionService.PublishAsync's order without the web
/// layer: load the program (for its id and editions), load the public program, Edition.Freeze, FreezeLights on the
/// public card, add the edition and its audit entry, SaveWithNewDataVersionAsync. Edition.Check is not called.
/// Editions and the audit log are append-only (database triggers), so before every iteration the database file is
/// put back as it was after seeding: each publish sees the program with no edition yet, not one with dozens of
/// earlier snapshots. Each iteration still uses a fresh slug. One publish per iteration (BenchmarkDotNet's rule with
/// an iteration setup).
/// </summary>
[MemoryDiagnoser]
public class PublishEdition
{
    private static readonly DateOnly AsOf = new(2025, 12, 31);

    private StorageOptions _storage = null!;
    private string _database = "";
    private string _pristine = "";
    private int _slug;

    [GlobalSetup]
    public void Seed()
    {
        var directory = Path.Combine(Path.GetTempPath(), "minxin-oversight-benchmarks", Guid.NewGuid().ToString("N"));
        _storage = new StorageOptions(DatabaseProvider.Sqlite, directory, null);
        _database = Path.Combine(directory, StorageOptions.SqliteFileName);
        _pristine = _database + ".pristine";
        using (var db = MinxinDatabase.Create(_storage))
        {
            MinxinDatabase.MigrateAsync(db).GetAwaiter().GetResult();
            ProgramStore.AddAsync(db, SyntheticProgram.Build(), PublicationState.Published).GetAwaiter().GetResult();
            db.Database.ExecuteSqlRaw("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        SqliteConnection.ClearAllPools();
        File.Copy(_database, _pristine);
        // One publish to check the sequence works and the edition is what it should be.
        Restore();
        var edition = Publish();
        if (edition.Id == 0 || edition.ThawCard().Items.Count() != SyntheticProgram.Categories * SyntheticProgram.ItemsPerCategory)
        {
            throw new InvalidOperationException("The published edition does not hold the whole program.");
        }
    }

    [IterationSetup]
    public void Restore()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            File.Delete(_database + suffix);
        }
        File.Copy(_pristine, _database, overwrite: true);
        // Leave one open connection in the pool, as a running app has: the publish does not pay for opening the file.
        using var db = MinxinDatabase.Create(_storage);
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        _ = db.Programs.Count();
    }

    [GlobalCleanup]
    public void Remove()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_database)!, recursive: true);
    }

    [Benchmark(Description = "publish edition (SQLite file, EF Core)")]
    public Edition Publish() => PublishAsync().GetAwaiter().GetResult();

    private async Task<Edition> PublishAsync()
    {
        await using var db = MinxinDatabase.Create(_storage);
        var program = await ProgramStore.LoadAsync(db, SyntheticProgram.Code, publicOnly: false)
            ?? throw new InvalidOperationException("The program is not in the database.");
        var publicProgram = await ProgramStore.LoadAsync(db, SyntheticProgram.Code, publicOnly: true);
        var snapshot = Edition.Freeze(publicProgram!, AsOf);
        var edition = new Edition
        {
            ProgramId = program.Id,
            Slug = $"bench-{++_slug}",
            Title = "2025年全年成绩单",
            AsOf = AsOf,
            PublishedOn = AsOf.AddDays(10),
            PublishedAt = DateTimeOffset.UtcNow,
            PublishedBy = "基准测试",
            Snapshot = snapshot,
            SnapshotSha256 = Edition.Sha256(snapshot),
        };
        edition.FreezeLights(ReportCardCalculator.Compute(publicProgram!, AsOf));
        db.Editions.Add(edition);
        AuditAuthor.Cli.Record(db, "edition.published", $"edition:{program.Code}/{edition.Slug}",
            $"{program.Code} 发布成绩单“{edition.Title}”：数据截至 {IsoDate.Format(AsOf)}，快照 SHA-256 {edition.SnapshotSha256}",
            program.RegionId);
        await db.SaveWithNewDataVersionAsync([program.Id]);
        return edition;
    }
}
