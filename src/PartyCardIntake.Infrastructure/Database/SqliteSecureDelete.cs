using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PartyCardIntake.Infrastructure.Database;

/// <summary>
/// SQLite leaves deleted or shrunk content in free pages of the file, where a copy of the file would still
/// carry photos and signatures that retention removed. secure_delete makes it overwrite them with zeros.
/// The setting belongs to the connection, so every opened connection gets it.
/// </summary>
internal sealed class SqliteSecureDelete : DbConnectionInterceptor
{
    public static readonly SqliteSecureDelete Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete=ON;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Apply(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete=ON;";
        command.ExecuteNonQuery();
    }
}
