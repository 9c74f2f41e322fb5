using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PartyCardIntake.Core.Data;

/// <summary>
/// Keeps <see cref="Domain.ApplicationDayCount"/> in step with every save that adds, changes or removes
/// applications: the deltas are taken from the change tracker before the save and written in the same
/// transaction as the records, so a crash leaves both or neither.
/// Inside a caller's transaction they are written right after the save. Otherwise the save is made to run in
/// a transaction of EF's own and they are written just before that transaction commits: no transaction is
/// opened here, so PostgreSQL's retrying execution strategy can repeat the whole save (records and counts)
/// after a transient fault, as it cannot repeat a save inside a transaction opened outside it.
/// Code that changes applications with ExecuteUpdate/ExecuteDelete bypasses this and must recount.
/// </summary>
internal sealed class ApplicationCountsInterceptor : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public static readonly ApplicationCountsInterceptor Instance = new();

    private static readonly ConditionalWeakTable<DbContext, Pending> PendingSaves = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db)
        {
            var deltas = ApplicationCounts.Deltas(db.ChangeTracker);
            if (deltas.Count > 0)
            {
                var inCallerTransaction = db.Database.CurrentTransaction is not null;
                PendingSaves.AddOrUpdate(db, new Pending(deltas, inCallerTransaction, db.Database.AutoTransactionBehavior));
                if (!inCallerTransaction)
                {
                    // Even a single-statement save gets a transaction, whose commit writes the counts.
                    db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
                }
            }
        }

        return ValueTask.FromResult(result);
    }

    /// <summary>EF's own transaction of the save is about to commit (on each attempt the strategy makes).</summary>
    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && PendingSaves.TryGetValue(db, out var pending) && !pending.InCallerTransaction)
        {
            await ApplicationCounts.ApplyAsync(db, pending.Deltas, cancellationToken);
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && PendingSaves.TryGetValue(db, out var pending))
        {
            PendingSaves.Remove(db);
            db.Database.AutoTransactionBehavior = pending.Behavior;
            if (pending.InCallerTransaction)
            {
                await ApplicationCounts.ApplyAsync(db, pending.Deltas, cancellationToken);
            }
        }

        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && PendingSaves.TryGetValue(db, out var pending))
        {
            PendingSaves.Remove(db);
            db.Database.AutoTransactionBehavior = pending.Behavior;
        }

        return Task.CompletedTask;
    }

    // Applications are only saved asynchronously; a synchronous save of one would skip the counts, so refuse it.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db && ApplicationCounts.Deltas(db.ChangeTracker).Count > 0)
        {
            throw new InvalidOperationException("Applications must be saved with SaveChangesAsync so that their counts are kept.");
        }

        return result;
    }

    private sealed record Pending(Dictionary<CountKey, int> Deltas, bool InCallerTransaction, AutoTransactionBehavior Behavior);
}
