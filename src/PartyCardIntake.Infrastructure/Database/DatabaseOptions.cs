namespace PartyCardIntake.Infrastructure.Database;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
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
    /// Apply pending migrations when the application starts. A province server sets it to false and
    /// migrates with the <c>migrate</c> command under the schema owner's login, so that the login the
    /// web nodes use needs no right to change the schema (and cannot drop the audit table's guards).
    /// </summary>
    public bool MigrateAtStartup { get; set; } = true;
}
