using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Infrastructure.Database;

/// <summary>
/// Stores a new application with its capture and its progress count, in one transaction. On PostgreSQL this is
/// EF Core's own save. On a SQLite file it is the hot path of every desk (see docs/benchmarks.md): there EF's
/// per-save work and SQLite compiling the statements' text again on every save cost more than the writing itself,
/// so the three statements are compiled once, on one connection of the writer's own kept open for the file,
/// and run with EF's own column mappings (<see cref="SqliteApplicationStatements"/>). Readers are unaffected
/// (WAL); other writers of the file wait at the same <see cref="SqliteWriteGate"/> as EF's.
/// </summary>
public sealed class NewApplicationWriter : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<SqliteApplicationStatements>> _files = new(StringComparer.Ordinal);

    /// <summary>
    /// Saves <paramref name="application"/> (new, with its capture). A unique index that refuses it (the key or
    /// the member's active application) surfaces as a <see cref="DbUpdateException"/> on both paths, as from
    /// <c>SaveChangesAsync</c>, with nothing written.
    /// </summary>
    public async Task InsertAsync(AppDbContext db, Application application, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(application);
        if (db.Database.IsSqlite() && db.Database.GetConnectionString() is { } connectionString && IsFile(connectionString))
        {
            var statements = _files.GetOrAdd(connectionString, cs => new Lazy<SqliteApplicationStatements>(() => new SqliteApplicationStatements(cs, db.Model))).Value;
            await statements.InsertAsync(application, cancellationToken);
            return;
        }

        db.Applications.Add(application);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var file in _files.Values.Where(f => f.IsValueCreated))
        {
            await file.Value.DisposeAsync();
        }

        _files.Clear();
    }

    // A memory database is private to its connection: a second connection would write somewhere else.
    private static bool IsFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.Mode != SqliteOpenMode.Memory
            && builder.DataSource is { Length: > 0 } source
            && source != ":memory:"
            && !source.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
    }
}
