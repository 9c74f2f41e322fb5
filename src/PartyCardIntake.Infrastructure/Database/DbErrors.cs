using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace PartyCardIntake.Infrastructure.Database;

public static class DbErrors
{
    /// <summary>SQL Server: chosen as deadlock victim (1205), snapshot isolation update conflict (3960).</summary>
    public static readonly int[] SqlServerSerializationFailures = [1205, 3960];

    /// <summary>SQL Server: duplicate key in a unique index (2601) or a primary key or unique constraint (2627).</summary>
    public static readonly int[] SqlServerUniqueViolations = [2601, 2627];

    // Timeout (-2), database not available yet (4060, 40613), too busy (10928, 10929, 40501), deadlock victim (1205).
    private static readonly int[] SqlServerBusy = [-2, 4060, 40613, 10928, 10929, 40501, 1205];

    /// <summary>True when a unique index refused the write, on any provider.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,

            // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555).
            SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
            SqlException sql => SqlServerUniqueViolations.Contains(sql.Number),
            _ => false,
        };
    }

    /// <summary>
    /// True when the database could not be reached or was busy for a moment: PostgreSQL or SQL Server restarting
    /// or unreachable (after the retrying execution strategy gave up), or SQLite's write lock held past the busy
    /// timeout. Such a request may simply be sent again; anything else is a fault of its own.
    /// </summary>
    public static bool IsTemporarilyUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                // Thrown only after every retry met a transient fault.
                case RetryLimitExceededException:
                    return true;
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case SqlException sql when IsLostServer(sql) || SqlServerBusy.Contains(sql.Number):
                    return true;

                // SQLITE_BUSY (5), SQLITE_LOCKED (6).
                case SqliteException { SqliteErrorCode: 5 or 6 }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the PostgreSQL or SQL Server server shut down or a connection to it broke, as opposed to a
    /// conflict or a busy server: the pooled connections to it are dead too.
    /// </summary>
    public static bool IsLostServer(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                // admin_shutdown, crash_shutdown, cannot_connect_now, and the connection_exception class.
                case PostgresException pg:
                    return pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                        || pg.SqlState.StartsWith("08", StringComparison.Ordinal);
                // A severe error closes the connection (class 20 and above), or the transport failed (TCP 10053/10054,
                // 233 no process on the other end of the pipe, 64 the network name is gone).
                case SqlException sql:
                    return sql.Class >= 20 || sql.Number is 10053 or 10054 or 10060 or 233 or 64;
                case IOException or System.Net.Sockets.SocketException or EndOfStreamException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when PostgreSQL gave up a serializable transaction because a concurrent one conflicted
    /// with it (40001), or SQL Server chose it as a deadlock victim (1205) or met a snapshot update conflict
    /// (3960); the whole transaction may be tried again. SQLite serializes writers instead.
    /// </summary>
    public static bool IsSerializationFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure }
                || (current is SqlException sql && SqlServerSerializationFailures.Contains(sql.Number)))
            {
                return true;
            }
        }

        return false;
    }
}
