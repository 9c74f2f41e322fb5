using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace PartyCardIntake.Infrastructure.Database;

public static class DbErrors
{
    /// <summary>True when a unique index refused the write, on either provider.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,

            // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555).
            SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
            _ => false,
        };
    }

    /// <summary>
    /// True when the database could not be reached or was busy for a moment: PostgreSQL restarting or
    /// unreachable (after the retrying execution strategy gave up), or SQLite's write lock held past the busy
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

                // SQLITE_BUSY (5), SQLITE_LOCKED (6).
                case SqliteException { SqliteErrorCode: 5 or 6 }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the PostgreSQL server shut down or a connection to it broke, as opposed to a conflict or a busy
    /// server: the pooled connections to it are dead too.
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
                case IOException or System.Net.Sockets.SocketException or EndOfStreamException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when PostgreSQL gave up a serializable transaction because a concurrent one conflicted
    /// with it (40001); the whole transaction may be tried again. SQLite serializes writers instead.
    /// </summary>
    public static bool IsSerializationFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure })
            {
                return true;
            }
        }

        return false;
    }
}
