using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace PartyCardIntake.Infrastructure.Database;

/// <summary>
/// SQLite leaves deleted or shrunk content in free pages of the file, where a copy of the file would still
/// carry photos and signatures that retention removed. secure_delete makes it overwrite them with zeros.
/// The setting belongs to the database handle, which Microsoft.Data.Sqlite's pool keeps open across
/// <c>Open</c>/<c>Close</c>; so it is set once per handle, not on every open (a save opened its connection
/// up to five times, each compiling the pragma again).
/// </summary>
internal sealed class SqliteSecureDelete : DbConnectionInterceptor
{
    public static readonly SqliteSecureDelete Instance = new();

    private static readonly ConditionalWeakTable<sqlite3, object> Applied = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsPragma(connection, out var handle))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA secure_delete=ON;";
            command.ExecuteNonQuery();
            Remember(handle);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsPragma(connection, out var handle))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA secure_delete=ON;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            Remember(handle);
        }
    }

    private static bool NeedsPragma(DbConnection connection, out sqlite3? handle)
    {
        ArgumentNullException.ThrowIfNull(connection);
        handle = (connection as SqliteConnection)?.Handle;
        return handle is null || !Applied.TryGetValue(handle, out _);
    }

    private static void Remember(sqlite3? handle)
    {
        if (handle is not null)
        {
            Applied.AddOrUpdate(handle, Instance);
        }
    }
}
