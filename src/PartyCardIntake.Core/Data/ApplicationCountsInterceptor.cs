using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace PartyCardIntake.Core.Data;

/// <summary>
/// Keeps <see cref="Domain.ApplicationDayCount"/> in step with every save that adds, changes or removes
/// applications: the deltas are taken from the change tracker before the save and written after it, in the
/// same transaction (the caller's, or one opened here), so a crash leaves both or neither.
/// Code that changes applications with ExecuteUpdate/ExecuteDelete bypasses this and must recount.
/// </summary>
internal sealed class ApplicationCountsInterceptor : SaveChangesInterceptor
{
    public static readonly ApplicationCountsInterceptor Instance = new();

    private static readonly ConditionalWeakTable<DbContext, Pending> PendingSaves = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db)
        {
            var deltas = ApplicationCounts.Deltas(db.ChangeTracker);
            if (deltas.Count > 0)
            {
                var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
                var savepoints = db.Database.AutoSavepointsEnabled;
                if (owned is not null)
                {
                    // The transaction is this save's alone and is rolled back whole on failure: a savepoint inside it
                    // would only cost two more round trips per save.
                    db.Database.AutoSavepointsEnabled = false;
                }

                PendingSaves.AddOrUpdate(db, new Pending(deltas, owned, savepoints));
            }
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && PendingSaves.TryGetValue(db, out var pending))
        {
            PendingSaves.Remove(db);
            try
            {
                await ApplicationCounts.ApplyAsync(db, pending.Deltas, cancellationToken);
                if (pending.Owned is not null)
                {
                    await pending.Owned.CommitAsync(cancellationToken);
                }
            }
            finally
            {
                if (pending.Owned is not null)
                {
                    await pending.Owned.DisposeAsync();
                    db.Database.AutoSavepointsEnabled = pending.Savepoints;
                }
            }
        }

        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && PendingSaves.TryGetValue(db, out var pending))
        {
            PendingSaves.Remove(db);
            if (pending.Owned is not null)
            {
                await pending.Owned.DisposeAsync();
                db.Database.AutoSavepointsEnabled = pending.Savepoints;
            }
        }
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

    private sealed record Pending(Dictionary<CountKey, int> Deltas, IDbContextTransaction? Owned, bool Savepoints);
}
