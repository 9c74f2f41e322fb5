using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.Web.Hosting;

/// <summary>
/// Readiness: one "SELECT 1" on a connection of the application's pool, within a few seconds. It goes around the
/// retrying execution strategy on purpose: a probe must say "not ready" while PostgreSQL or SQL Server is away, not
/// wait out the retries (about 14 s) that spare the desks' requests.
/// </summary>
internal sealed class DatabaseReadyCheck(ISystemDbContextFactory factory) : IHealthCheck
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        try
        {
            try
            {
                await SelectOneAsync(limit.Token);
            }
            catch (Exception e) when (DbErrors.IsLostServer(e))
            {
                // A connection left over from before a server restart; the strategy would clear the pool the same way.
                NpgsqlConnection.ClearAllPools();
                SqlConnection.ClearAllPools();
                await SelectOneAsync(limit.Token);
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e is OperationCanceledException ? null : e);
        }
    }

    private async Task SelectOneAsync(CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = db.Database.RunsOnSqlServer() ? SqlServerSql.Ping : "SELECT 1";
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
