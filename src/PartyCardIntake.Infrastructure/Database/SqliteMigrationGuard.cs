using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PartyCardIntake.Core.Data;

namespace PartyCardIntake.Infrastructure.Database;

/// <summary>
/// Makes SQLite migrations all-or-nothing for a process that can die at any moment (SIGKILL, OOM killer, power cut):
/// <list type="bullet">
/// <item>EF Core's own migration lock on SQLite is a row that only its process deletes, so a process killed while
/// migrating left every later start waiting for ever. This lock is an exclusive lock on a file beside the database,
/// which the kernel releases with its process: whoever holds it is the only one migrating, and any lock row is stale.</item>
/// <item>SQLite rebuilds a table in steps that cannot share one transaction (foreign keys are switched off between
/// them), so a process killed between two steps left a half-migrated schema that no later start could migrate.
/// A consistent copy of the database is taken before migrating and removed after; a copy still there at the next
/// start marks an interrupted migration and is put back before migrating again.</item>
/// </list>
/// Nothing else writes while the migrations run: they run at start-up, before the node serves anything.
/// </summary>
public sealed class SqliteMigrationGuard : IAsyncDisposable
{
    private readonly FileStream _lock;
    private readonly string _database;
    private readonly ILogger _logger;

    private SqliteMigrationGuard(FileStream lockFile, string database, ILogger logger)
    {
        _lock = lockFile;
        _database = database;
        _logger = logger;
    }

    private string Copy => _database + ".before-migration";

    /// <summary>
    /// Takes the lock (waiting while another process migrates), puts back the copy of an interrupted migration and
    /// clears a lock row left by a dead process. Null for a database that is not a plain file.
    /// </summary>
    public static async Task<SqliteMigrationGuard?> AcquireAsync(AppDbContext db, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(logger);
        var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var database = Path.GetFullPath(dataSource);
        FileStream? lockFile = null;
        while (lockFile is null)
        {
            try
            {
                // FileShare.None is an exclusive flock on Linux, released by the kernel however the process ends.
                lockFile = new FileStream(database + ".migrating", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                logger.LogInformation("Another process is migrating {Database}; waiting", database);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }

        var guard = new SqliteMigrationGuard(lockFile, database, logger);
        try
        {
            guard.RestoreInterrupted();
            await guard.ClearStaleLockRowAsync(db, cancellationToken);
            return guard;
        }
        catch
        {
            await guard.DisposeAsync();
            throw;
        }
    }

    /// <summary>Takes the consistent copy that an interrupted migration is rolled back to.</summary>
    public async Task BeforeMigratingAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var partial = Copy + ".partial";
        File.Delete(partial);
        await db.Database.ExecuteSqlRawAsync("VACUUM INTO {0}", [partial], cancellationToken);
        await using (var written = new FileStream(partial, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            written.Flush(flushToDisk: true);
        }

        // Only a whole copy gets the name that the next start acts on.
        File.Move(partial, Copy, overwrite: true);
    }

    /// <summary>The migrations are all in: the copy is no longer needed.</summary>
    public void Migrated() => File.Delete(Copy);

    public async ValueTask DisposeAsync() => await _lock.DisposeAsync();

    private void RestoreInterrupted()
    {
        if (!File.Exists(Copy))
        {
            return;
        }

        SqliteConnection.ClearAllPools();
        foreach (var leftover in new[] { _database + "-wal", _database + "-shm", _database + "-journal" })
        {
            File.Delete(leftover);
        }

        File.Copy(Copy, _database, overwrite: true);
        using (var restored = new FileStream(_database, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            restored.Flush(flushToDisk: true);
        }

        _logger.LogWarning("A migration of {Database} was interrupted; the database was put back as it was before it, and is migrated again", _database);
    }

    private async Task ClearStaleLockRowAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var exists = await db.Database
            .SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'")
            .SingleAsync(cancellationToken);
        if (exists > 0 && await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"", cancellationToken) > 0)
        {
            _logger.LogWarning("Removed the migration lock of a process that stopped while migrating {Database}", _database);
        }
    }
}
