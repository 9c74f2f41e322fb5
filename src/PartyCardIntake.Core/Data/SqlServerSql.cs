using Microsoft.EntityFrameworkCore.Infrastructure;

namespace PartyCardIntake.Core.Data;

/// <summary>
/// Every piece of T-SQL the product writes by hand for SQL Server, in one place, so that a test can parse each
/// one (Microsoft.SqlServer.TransactSql.ScriptDom): no SQL Server engine can be installed where this is built.
/// Constants ending in <c>Filter</c> are boolean expressions; the others are whole statements. Identifiers are in
/// brackets, which do not depend on the session's QUOTED_IDENTIFIER setting (sqlcmd starts with it off).
/// </summary>
public static class SqlServerSql
{
    public const string ProviderName = "Microsoft.EntityFrameworkCore.SqlServer";

    /// <summary>The filter of the unique index that allows one active application per member.</summary>
    public const string ActiveApplicationFilter = "[State] <> N'Cancelled'";

    /// <summary>
    /// The progress counts' upsert (<see cref="ApplicationCounts"/>); parameters {0}–{5} as in the other providers'
    /// statement. SQL Server has no ON CONFLICT; MERGE with HOLDLOCK keeps the key range locked from the match to the
    /// insert, so that two desks adding the first row of a cell at once do not both insert it.
    /// </summary>
    public const string CountsUpsert =
        """
        MERGE [ApplicationDayCounts] WITH (HOLDLOCK) AS [t]
        USING (VALUES ({0}, {1}, {2}, {3}, {4}, {5})) AS [s] ([CommuneId], [Day], [State], [Verification], [HasWarnings], [Count])
        ON [t].[CommuneId] = [s].[CommuneId] AND [t].[Day] = [s].[Day] AND [t].[State] = [s].[State]
            AND [t].[Verification] = [s].[Verification] AND [t].[HasWarnings] = [s].[HasWarnings]
        WHEN MATCHED THEN UPDATE SET [Count] = [t].[Count] + [s].[Count]
        WHEN NOT MATCHED THEN INSERT ([CommuneId], [Day], [State], [Verification], [HasWarnings], [Count])
            VALUES ([s].[CommuneId], [s].[Day], [s].[State], [s].[Verification], [s].[HasWarnings], [s].[Count]);
        """;

    /// <summary>
    /// Keeps the audit trail append-only for every login, the application's own included (migration Initial).
    /// TRUNCATE fires no trigger on SQL Server; it needs ALTER on the table, which the application's login does not
    /// get (docs/operations.md). Part of a shipped migration: a change goes into a new constant and a new migration.
    /// </summary>
    public const string AuditAppendOnlyTrigger =
        """
        CREATE TRIGGER [AuditEntries_no_change] ON [AuditEntries] INSTEAD OF UPDATE, DELETE AS
        BEGIN
            SET NOCOUNT ON;
            THROW 50001, N'audit entries are append-only', 1;
        END
        """;

    /// <summary>Undoes <see cref="AuditAppendOnlyTrigger"/> (migration Initial, Down).</summary>
    public const string DropAuditAppendOnlyTrigger = "DROP TRIGGER IF EXISTS [AuditEntries_no_change];";

    /// <summary>The readiness probe's statement.</summary>
    public const string Ping = "SELECT 1;";

    public static bool RunsOnSqlServer(this DatabaseFacade database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.ProviderName == ProviderName;
    }

    /// <summary>
    /// <paramref name="statement"/> as a batch of its own inside <c>EXEC</c>: CREATE TRIGGER must start a batch,
    /// and the idempotent migration script puts every statement of a migration inside an IF block.
    /// </summary>
    public static string InOwnBatch(string statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return $"EXEC(N'{statement.Replace("'", "''", StringComparison.Ordinal)}');";
    }
}
