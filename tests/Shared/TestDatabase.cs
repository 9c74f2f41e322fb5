using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.Tests.Shared;

/// <summary>
/// A database of its own for one test class: a SQLite file in a temporary folder, a fresh database on the
/// throwaway PostgreSQL server that test.sh starts, or one on the SQL Server named by PARTYCARD_TEST_SQLSERVER.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "PARTYCARD_TEST_POSTGRES";

    /// <summary>
    /// A connection string to a SQL Server the tests may create and drop databases on (its Database is ignored).
    /// Unset, the SQL Server variants of the tests are skipped (<see cref="SqlServerNotConfiguredException"/>):
    /// no SQL Server engine can be installed where the suite usually runs.
    /// </summary>
    public const string SqlServerVariable = "PARTYCARD_TEST_SQLSERVER";

    private TestDatabase(DatabaseProvider provider, string folder, string? connectionString, string? databaseName)
    {
        Provider = provider;
        Folder = folder;
        ConnectionString = connectionString;
        DatabaseName = databaseName;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>Data folder of the application under test (SQLite file, keys, logs).</summary>
    public string Folder { get; }

    public string? ConnectionString { get; }

    private string? DatabaseName { get; }

    public DatabaseOptions Options => new() { Provider = Provider, DataFolder = Folder, ConnectionString = ConnectionString };

    public static TestDatabase Create(DatabaseProvider provider)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pci-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (provider == DatabaseProvider.Sqlite)
        {
            return new TestDatabase(provider, folder, null, null);
        }

        if (provider == DatabaseProvider.SqlServer)
        {
            var sqlServer = Environment.GetEnvironmentVariable(SqlServerVariable);
            if (string.IsNullOrWhiteSpace(sqlServer))
            {
                throw new SqlServerNotConfiguredException();
            }

            var sqlName = "pci_test_" + Guid.NewGuid().ToString("N")[..16];
            var sqlBuilder = new SqlConnectionStringBuilder(sqlServer) { InitialCatalog = sqlName };
            return new TestDatabase(DatabaseProvider.SqlServer, folder, sqlBuilder.ConnectionString, sqlName);
        }

        // Fail loudly: a PostgreSQL test that silently passed without a server would prove nothing.
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException($"PostgreSQL tests need {PostgresVariable} (a connection string to a throwaway server); ./test.sh sets it.");
        }

        return OnServer(server, folder);
    }

    /// <summary>A fresh PostgreSQL database on the given server (one of a test's own, such as a <see cref="PostgresCluster"/>).</summary>
    public static TestDatabase OnServer(string serverConnectionString, string? folder = null)
    {
        folder ??= Path.Combine(Path.GetTempPath(), "pci-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var name = "pci_test_" + Guid.NewGuid().ToString("N")[..16];
        var builder = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name };
        return new TestDatabase(DatabaseProvider.PostgreSql, folder, builder.ConnectionString, name);
    }

    /// <param name="retrying">
    /// False for a context that opens its own transactions outside the retrying strategy (a check reading one snapshot),
    /// which that strategy refuses.
    /// </param>
    public AppDbContext CreateContext(DataScope scope, bool retrying = true)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        var options = Options;
        if (!retrying)
        {
            options.MaxRetryCount = 0;
        }

        DatabaseServiceCollectionExtensions.Configure(builder, options);
        return new AppDbContext(builder.Options, scope);
    }

    public async Task MigrateAsync()
    {
        await using var db = CreateContext(DataScope.System);
        await db.Database.MigrateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (DatabaseName is not null && Provider == DatabaseProvider.SqlServer)
        {
            SqlConnection.ClearAllPools();
            var admin = new SqlConnectionStringBuilder(ConnectionString) { InitialCatalog = "master", Pooling = false };
            await using var connection = new SqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            await using var command = new SqlCommand(
                $"IF DB_ID(N'{DatabaseName}') IS NOT NULL BEGIN ALTER DATABASE [{DatabaseName}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{DatabaseName}]; END",
                connection);
            await command.ExecuteNonQueryAsync();
        }
        else if (DatabaseName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing host; the temp folder is cleaned by the system.
        }
    }
}

/// <summary>
/// Thrown where a SQL Server test would need PARTYCARD_TEST_SQLSERVER and it is unset; the integration tests'
/// framework reports such a test as skipped, not failed (SkipWithoutSqlServer).
/// </summary>
public sealed class SqlServerNotConfiguredException()
    : Exception($"No SQL Server to test against: set {TestDatabase.SqlServerVariable} to a connection string to run the SQL Server variants.");
