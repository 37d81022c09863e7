using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;
using Minxin.Data.Postgres;
using Minxin.Data.Sqlite;

namespace Minxin.Data;

/// <summary>Creates contexts for the configured provider, for the web app (pooled, through DI) and the CLI alike.</summary>
public static class MinxinDatabase
{
    public static IServiceCollection AddMinxinDatabase(this IServiceCollection services, StorageOptions storage)
    {
        services.AddSingleton(storage);
        return storage.Provider switch
        {
            DatabaseProvider.Sqlite => services.AddDbContextPool<MinxinDbContext, SqliteMinxinDbContext>(o => Configure(o, storage)),
            _ => services.AddDbContextPool<MinxinDbContext, PostgresMinxinDbContext>(o => Configure(o, storage)),
        };
    }

    public static MinxinDbContext Create(StorageOptions storage)
    {
        if (storage.Provider == DatabaseProvider.Sqlite)
        {
            var options = new DbContextOptionsBuilder<SqliteMinxinDbContext>();
            Configure(options, storage);
            return new SqliteMinxinDbContext(options.Options);
        }
        var pg = new DbContextOptionsBuilder<PostgresMinxinDbContext>();
        Configure(pg, storage);
        return new PostgresMinxinDbContext(pg.Options);
    }

    private static void Configure(DbContextOptionsBuilder options, StorageOptions storage)
    {
        if (storage.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(storage.DataDirectory);
            options.UseSqlite(storage.SqliteConnectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
        }
        else
        {
            options.UseNpgsql(storage.PostgresConnectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
        }
    }

    /// <summary>Brings the schema up to date. SQLite runs in WAL mode so readers never wait for a writer.</summary>
    public static async Task MigrateAsync(MinxinDbContext db, CancellationToken cancellationToken = default)
    {
        if (!db.Database.IsSqlite())
        {
            // PostgreSQL: EF's migration lock is a session advisory lock, which dies with the session.
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await MigrateSqliteAsync(db, cancellationToken);
        }
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    /// <summary>
    /// On SQLite, EF's migration lock is a row in __EFMigrationsLock: a process killed while holding it leaves the row,
    /// and every later start waits for it forever. So migrators first take an OS file lock, which dies with its process;
    /// whoever holds it knows any lock row left behind is stale and removes it.
    /// </summary>
    private static async Task MigrateSqliteAsync(MinxinDbContext db, CancellationToken cancellationToken)
    {
        var path = db.Database.GetDbConnection().DataSource + ".migrating";
        using var fileLock = await AcquireFileLockAsync(path, TimeSpan.FromMinutes(2), cancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TABLE IF NOT EXISTS \"__EFMigrationsLock\" (\"Id\" INTEGER NOT NULL CONSTRAINT \"PK___EFMigrationsLock\" PRIMARY KEY, \"Timestamp\" TEXT NOT NULL); DELETE FROM \"__EFMigrationsLock\";",
            cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix and a share lock on Windows; both end with the process.
                // The file stays: deleting it would let a second migrator lock a fresh file beside the first.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (IOException e)
            {
                throw new InvalidOperationException($"Another process has been updating the schema of {path[..^".migrating".Length]} for {limit.TotalMinutes:0} minutes.", e);
            }
        }
    }
}

// Used by `dotnet ef migrations add`; the connection strings are never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMinxinDbContext>
{
    public SqliteMinxinDbContext CreateDbContext(string[] args) =>
        (SqliteMinxinDbContext)MinxinDatabase.Create(new StorageOptions(DatabaseProvider.Sqlite, Path.GetTempPath(), null));
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMinxinDbContext>
{
    public PostgresMinxinDbContext CreateDbContext(string[] args) =>
        (PostgresMinxinDbContext)MinxinDatabase.Create(new StorageOptions(DatabaseProvider.Postgres, "", "Host=localhost;Database=minxin_design"));
}
