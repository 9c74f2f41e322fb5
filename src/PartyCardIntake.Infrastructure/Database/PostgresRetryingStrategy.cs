using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace PartyCardIntake.Infrastructure.Database;

/// <summary>
/// Npgsql's retrying strategy, which also empties the connection pool when the server went away. A restarted
/// PostgreSQL leaves every idle pooled connection dead; Npgsql finds that out one connection at a time, so
/// without the clearing each retry could draw another dead connection and use up its tries on a server that is
/// already back.
/// </summary>
internal sealed class PostgresRetryingStrategy(ExecutionStrategyDependencies dependencies, int maxRetryCount, TimeSpan maxRetryDelay)
    : NpgsqlRetryingExecutionStrategy(dependencies, maxRetryCount, maxRetryDelay, errorCodesToAdd: null)
{
    protected override bool ShouldRetryOn(Exception? exception)
    {
        var retry = base.ShouldRetryOn(exception);
        if (retry && DbErrors.IsLostServer(exception) && Dependencies.CurrentContext.Context.Database.GetDbConnection() is NpgsqlConnection connection)
        {
            NpgsqlConnection.ClearPool(connection);
        }

        return retry;
    }
}
