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
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
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
