namespace PartyCardIntake.Infrastructure.Database;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,

    /// <summary>Checked at the SQL level only so far: see docs/operations.md, SQL Server.</summary>
    SqlServer,
}

/// <summary>Section "Database": which engine holds the data and where.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder of the SQLite file (and of logs); relative paths start at the working directory.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Overrides ConnectionStrings:PartyCard when set.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// PostgreSQL and SQL Server: how often an operation that met a transient fault (server restarting, connection
    /// lost, serialization failure, deadlock) is tried again before the request fails. 0 turns retrying off. With the default
    /// delays, 5 retries wait about 14 seconds in all: enough for a server restart. See
    /// docs/decisions/0010-retrying-execution-strategy.md.
    /// </summary>
    public int MaxRetryCount { get; set; } = 5;

    /// <summary>PostgreSQL and SQL Server: the longest wait between two tries (the waits grow 0 s, 1 s, 3 s, 7 s… up to this).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Apply pending migrations when the application starts. A province server sets it to false and
    /// migrates with the <c>migrate</c> command under the schema owner's login, so that the login the
    /// web nodes use needs no right to change the schema (and cannot drop the audit table's guards).
    /// </summary>
    public bool MigrateAtStartup { get; set; } = true;
}
