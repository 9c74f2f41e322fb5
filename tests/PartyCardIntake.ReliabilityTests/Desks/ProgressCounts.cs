using System.Data;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.ReliabilityTests.Desks;

public static class ProgressCounts
{
    /// <summary>
    /// The stored progress counts and their recount from the records, read in one snapshot: the node's re-check
    /// worker may change records between two separate reads.
    /// </summary>
    public static async Task<(Dictionary<CountKey, int> Stored, Dictionary<CountKey, int> Recounted)> ReadAsync(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var db = database.CreateContext(DataScope.System);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead);
            var stored = await ApplicationCounts.StoredAsync(db, null);
            var recounted = await ApplicationCounts.FromRecordsAsync(db, null);
            return (stored, recounted);
        });
    }
}
