using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
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
