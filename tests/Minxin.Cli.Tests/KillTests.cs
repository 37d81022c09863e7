using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Minxin.Data;
using Minxin.Testing;

namespace Minxin.Cli.Tests;

/// <summary>
/// kill -9 in the middle of `minxin import --replace`, again and again: the database is always wholly the old program
/// or wholly the new one, and SQLite's integrity check passes.
/// </summary>
/// <remarks>
/// This test found that a process killed while it held EF's SQLite migration lock made every later start wait forever
/// (see <see cref="MinxinDatabase.MigrateAsync"/>). It runs alone, and each step has a deadline, so a hang fails here,
/// naming its step, instead of stalling the run.
/// </remarks>
[Collection(KillLane.Name)]
public sealed class KillTests
{
    [Fact]
    public async Task An_import_killed_at_any_moment_leaves_the_old_program_or_the_new_one_never_a_mix()
    {
        var storage = TestStorage.NewSqlite();
        var original = await File.ReadAllTextAsync(Repository.JinnanProgramFile);
        var changed = original.Replace("\"target\": 6000", "\"target\": 6500").Replace("\"title\": \"2025年津南区民心工程\"", "\"title\": \"2025年津南区民心工程（调整）\"");
        var files = new[] { Repository.JinnanProgramFile, Path.Combine(storage.DataDirectory, "changed.json") };
        await File.WriteAllTextAsync(files[1], changed);
        Assert.Equal(0, (await Cli.RunAsync(storage, "import", files[0]).WaitAsync(TimeSpan.FromSeconds(60))).ExitCode);
        var random = new Random(11);

        for (var round = 0; round < 12; round++)
        {
            using var process = Cli.StartProcess(storage.DataDirectory, "import", files[(round + 1) % 2], "--replace");
            await Task.Delay(random.Next(300, 1600));
            process.Kill();
            // A bounded, synchronous wait: an unbounded WaitForExitAsync once hung a CI run for an hour.
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), $"round {round}: the killed import did not exit");

            var export = await Cli.RunAsync(storage, "export", "--program", "jinnan-2025").WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(export.Out == original || export.Out == changed, $"round {round}: the program is neither the old nor the new one");
            using var connection = new SqliteConnection(storage.SqliteConnectionString);
            connection.Open();
            using var check = new SqliteCommand("PRAGMA integrity_check", connection);
            Assert.Equal("ok", (string?)check.ExecuteScalar());
        }
    }
}

/// <summary>A first start killed while it held EF's migration lock: the next start must not wait for a dead process.</summary>
public sealed class StaleMigrationLockTests
{
    [Fact]
    public async Task A_start_after_a_process_died_holding_the_migration_lock_migrates_at_once()
    {
        var storage = TestStorage.NewSqlite();
        Directory.CreateDirectory(storage.DataDirectory);
        // What a first start leaves when killed between taking the lock and its first migration.
        using (var connection = new SqliteConnection(storage.SqliteConnectionString + ";Pooling=False"))
        {
            connection.Open();
            using var leftOver = new SqliteCommand(
                "CREATE TABLE \"__EFMigrationsLock\" (\"Id\" INTEGER NOT NULL PRIMARY KEY, \"Timestamp\" TEXT NOT NULL); INSERT INTO \"__EFMigrationsLock\" VALUES (1, '2026-01-01 00:00:00+00:00');",
                connection);
            leftOver.ExecuteNonQuery();
        }

        var import = await Cli.RunAsync(storage, "import", Repository.JinnanProgramFile).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(import.ExitCode == 0, import.Error);
        var export = await Cli.RunAsync(storage, "export", "--program", "jinnan-2025").WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(await File.ReadAllTextAsync(Repository.JinnanProgramFile), export.Out);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KillLane
{
    public const string Name = "kill -9";
}
