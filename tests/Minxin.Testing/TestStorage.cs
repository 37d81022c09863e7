using Minxin.Data;
using Npgsql;

namespace Minxin.Testing;

/// <summary>
/// Fresh databases for tests: a SQLite file in a new temporary folder, or a new database on the throwaway
/// PostgreSQL server that scripts/test.sh starts (its connection string is in MINXIN_TEST_POSTGRES).
/// </summary>
public static class TestStorage
{
    public const string PostgresVariable = "MINXIN_TEST_POSTGRES";

    public static StorageOptions NewSqlite()
    {
        var directory = Path.Combine(Path.GetTempPath(), "minxin-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return new StorageOptions(DatabaseProvider.Sqlite, directory, null);
    }

    public static StorageOptions NewPostgres()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"PostgreSQL tests need {PostgresVariable}, a connection string to a server they may create databases on. " +
                "scripts/test.sh starts a throwaway server and sets it.");
        }
        var name = "minxin_test_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new StorageOptions(DatabaseProvider.Postgres, Path.GetTempPath(), builder.ConnectionString);
    }

    public static StorageOptions New(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? NewSqlite() : NewPostgres();
}
