using System.Data;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;

namespace PartyCardIntake.Infrastructure.Database;

/// <summary>
/// Reads that decide a write ("nothing booked then", "nothing running") and the write itself, in one serializable
/// transaction, so that two users pressing at the same moment cannot both pass the check. SQLite takes the write
/// lock at the transaction's start; PostgreSQL refuses one of two conflicting units at commit (40001); SQL Server's
/// range locks make one of them a deadlock victim (1205). The refused unit runs again on a fresh context and then
/// sees the other's row.
/// </summary>
public static class SerializableUnit
{
    private const int MaxAttempts = 3;

    /// <summary>
    /// Runs <paramref name="work"/> in a serializable transaction and commits it. The retrying execution strategy
    /// repeats the unit after a serialization failure too; the attempts here cover Database:MaxRetryCount=0.
    /// </summary>
    public static async Task<T> RunSerializableAsync<T>(
        this IDbContextFactory<AppDbContext> factory,
        Func<AppDbContext, CancellationToken, Task<T>> work,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(work);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            try
            {
                return await db.RunAsync(
                    async ct =>
                    {
                        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
                        var result = await work(db, ct);
                        await transaction.CommitAsync(ct);
                        return result;
                    },
                    cancellationToken);
            }
            catch (Exception ex) when (attempt < MaxAttempts && DbErrors.IsSerializationFailure(ex))
            {
                // The next attempt sees the unit that got in first.
            }
        }
    }
}
