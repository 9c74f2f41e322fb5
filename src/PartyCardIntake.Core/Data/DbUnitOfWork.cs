using Microsoft.EntityFrameworkCore;

namespace PartyCardIntake.Core.Data;

/// <summary>
/// Work that spans several statements (an explicit transaction, or reads that decide a write) run as one
/// unit that the context's execution strategy may repeat as a whole. With PostgreSQL's retrying strategy a
/// transaction opened outside such a unit is refused by EF, and a retry of its last statement alone would be
/// wrong anyway: the transaction it belonged to is gone. See docs/decisions/0010-retrying-execution-strategy.md.
/// </summary>
public static class DbUnitOfWork
{
    /// <summary>
    /// Runs <paramref name="work"/>, and runs it again from the start after a transient fault. A repeat starts
    /// from a cleared change tracker: what the failed attempt added or changed was rolled back in the database
    /// and must be read or made again, not saved from memory. <paramref name="work"/> must therefore read what it
    /// needs itself, and must tolerate finding its own earlier attempt committed (a commit whose
    /// acknowledgement was lost) — an idempotency key, or a check of the state it is about to create.
    /// </summary>
    public static Task<TResult> RunAsync<TResult>(this DbContext db, Func<CancellationToken, Task<TResult>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        var attempts = 0;
        return db.Database.CreateExecutionStrategy().ExecuteAsync(
            async ct =>
            {
                if (attempts++ > 0)
                {
                    db.ChangeTracker.Clear();
                }

                return await work(ct);
            },
            cancellationToken);
    }

    /// <inheritdoc cref="RunAsync{TResult}(DbContext, Func{CancellationToken, Task{TResult}}, CancellationToken)"/>
    public static Task RunAsync(this DbContext db, Func<CancellationToken, Task> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return db.RunAsync(
            async ct =>
            {
                await work(ct);
                return true;
            },
            cancellationToken);
    }
}
