namespace Minxin.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the data lives. Read from the same variables by the web app and the CLI:
/// MINXIN_DATA (folder of the SQLite file, default ./data), MINXIN_DATABASE (sqlite | postgres),
/// MINXIN_POSTGRES (the PostgreSQL connection string).
/// </summary>
public sealed record StorageOptions(DatabaseProvider Provider, string DataDirectory, string? PostgresConnectionString)
{
    public const string SqliteFileName = "minxin.db";

    public string SqliteConnectionString =>
        $"Data Source={Path.Combine(DataDirectory, SqliteFileName)};Pooling=True;Foreign Keys=True";

    public static StorageOptions From(Func<string, string?> setting)
    {
        var provider = (setting("MINXIN_DATABASE") ?? "sqlite").Trim().ToLowerInvariant() switch
        {
            "sqlite" or "" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" => DatabaseProvider.Postgres,
            var other => throw new InvalidOperationException($"MINXIN_DATABASE=\"{other}\" is not supported; use sqlite or postgres."),
        };
        var connection = setting("MINXIN_POSTGRES");
        if (provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(connection))
        {
            throw new InvalidOperationException("MINXIN_DATABASE=postgres needs MINXIN_POSTGRES, a PostgreSQL connection string.");
        }
        var directory = setting("MINXIN_DATA");
        return new StorageOptions(provider, string.IsNullOrWhiteSpace(directory) ? "data" : directory, connection);
    }

    public static StorageOptions FromEnvironment() => From(Environment.GetEnvironmentVariable);
}
