using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PartyCardIntake.Core.Audit;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.Infrastructure.Audit;

/// <summary>
/// Appends audit entries to the hash chain and checks the chain. One instance per process (a singleton):
/// its gate serializes this node's appends, so they never race each other; the unique index on
/// <see cref="AuditEntry.PreviousHash"/> makes the database refuse a second successor of the same entry when
/// several nodes append at once, and the loser reads the new tail and tries again. Provider-neutral: no locks
/// or provider-specific SQL, only an index that SQLite and PostgreSQL both enforce.
/// Every write request appends an entry, so under load many wait for the gate at once: whoever gets it writes
/// all entries queued by then (up to <see cref="MaxBatch"/>) in one transaction, with one read of the tail and
/// one commit, and the others find theirs written. The chain, and its order, are the same as one by one.
/// </summary>
public sealed class AuditChain(ISystemDbContextFactory factory, ILogger<AuditChain> logger) : IDisposable
{
    private const int MaxAttempts = 20;
    private const int VerifyPageSize = 5_000;
    private const int MaxBatch = 200;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Queue<Queued> _queue = new();

    private sealed record Queued(AuditEntry Entry, TaskCompletionSource Written);

    /// <summary>Sets the entry's hashes and id and stores it at the end of the chain.</summary>
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        entry.At = AuditHash.Truncate(entry.At);
        var queued = new Queued(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_queue)
        {
            _queue.Enqueue(queued);
        }

        // Once queued, the entry is written whatever happens to this request: another caller may be writing it
        // already, so waiting and writing ignore the caller's cancellation.
        while (!queued.Written.Task.IsCompleted)
        {
            await _gate.WaitAsync(CancellationToken.None);
            try
            {
                List<Queued> batch;
                lock (_queue)
                {
                    batch = [];
                    while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
                    {
                        batch.Add(next);
                    }
                }

                if (batch.Count > 0)
                {
                    await WriteAsync(batch);
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        await queued.Written.Task;
    }

    private async Task WriteAsync(List<Queued> batch)
    {
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var db = factory.CreateDbContext();
                try
                {
                    await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
                    {
                        db.ChangeTracker.Clear();

                        // A failure anywhere retries the whole batch, so a savepoint per entry would only cost round trips.
                        db.Database.AutoSavepointsEnabled = false;
                        await using var transaction = await db.Database.BeginTransactionAsync();

                        // Ids grow with commit order along the chain (a successor is numbered after its predecessor
                        // committed), so the highest id is the tail.
                        var previous = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id).Select(e => e.Hash).FirstOrDefaultAsync()
                            ?? AuditHash.Genesis;
                        var last = batch[^1].Entry;
                        if (last.Hash.Length > 0 && string.Equals(previous, last.Hash, StringComparison.Ordinal))
                        {
                            // An earlier try was stored after all: its commit went through but the answer was lost,
                            // and the retrying execution strategy's repeat met the batch it had just written.
                            return;
                        }

                        foreach (var (entry, _) in batch)
                        {
                            entry.Id = 0;
                            entry.PreviousHash = previous;
                            entry.Hash = AuditHash.Compute(entry);
                            previous = entry.Hash;

                            // One statement per entry, in queue order: the ids follow the chain.
                            db.AuditEntries.Add(entry);
                            await db.SaveChangesAsync();
                            db.Entry(entry).State = EntityState.Detached;
                        }

                        await transaction.CommitAsync();
                    });
                    break;
                }
                catch (Exception e) when (attempt < MaxAttempts && ((e is DbUpdateException update && DbErrors.IsUniqueViolation(update)) || IsBusy(e)))
                {
                    logger.LogDebug("Audit append met another writer (attempt {Attempt}); reading the tail again", attempt);
                    await Task.Delay(Random.Shared.Next(1, 5 * attempt));
                }
            }

            foreach (var queued in batch)
            {
                queued.Written.SetResult();
            }
        }
        catch (Exception e)
        {
            foreach (var queued in batch)
            {
                queued.Written.TrySetException(e);
            }
        }
    }

    /// <summary>The last entry now, to be written down outside the database as an anchor.</summary>
    public async Task<AuditAnchor?> TailAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateDbContext();
        var tail = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id)
            .Select(e => new { e.Id, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        // Whole seconds: the anchor file keeps no more.
        return tail is null ? null : new AuditAnchor(new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc), tail.Id, tail.Hash);
    }

    /// <summary>
    /// Walks the whole chain in id order and stops at the first entry that does not fit; then every
    /// anchor must name an entry still there with the same hash.
    /// </summary>
    public async Task<AuditCheck> VerifyAsync(IReadOnlyCollection<AuditAnchor>? anchors = null, CancellationToken cancellationToken = default)
    {
        var expectedAt = (anchors ?? []).GroupBy(a => a.EntryId).ToDictionary(g => g.Key, g => g.First().Hash);
        var expected = AuditHash.Genesis;
        long count = 0;
        long? previousId = null;
        await foreach (var entry in InIdOrderAsync(cancellationToken))
        {
            if (expectedAt.Remove(entry.Id, out var anchored) && !string.Equals(anchored, entry.Hash, StringComparison.Ordinal))
            {
                return AuditCheck.Broken(count, entry.Id, previousId, AuditBreak.Anchor);
            }

            if (!string.Equals(entry.PreviousHash, expected, StringComparison.Ordinal))
            {
                return AuditCheck.Broken(count, entry.Id, previousId, AuditBreak.Link);
            }

            if (!string.Equals(AuditHash.Compute(entry), entry.Hash, StringComparison.Ordinal))
            {
                return AuditCheck.Broken(count, entry.Id, previousId, AuditBreak.Content);
            }

            expected = entry.Hash;
            previousId = entry.Id;
            count++;
        }

        // An anchored entry that is gone: the end of the chain was cut (or the entry removed outright).
        if (expectedAt.Count > 0)
        {
            return AuditCheck.Broken(count, expectedAt.Keys.Max(), previousId, AuditBreak.Missing);
        }

        return AuditCheck.Intact(count, previousId) with { AnchorsChecked = anchors?.Count ?? 0 };
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>
    /// Every entry, read a page at a time. A single streamed query would be buffered whole in memory on
    /// PostgreSQL, whose retrying execution strategy reads results to the end before handing them out.
    /// </summary>
    private async IAsyncEnumerable<AuditEntry> InIdOrderAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = long.MinValue;
        while (true)
        {
            List<AuditEntry> page;
            await using (var db = factory.CreateDbContext())
            {
                page = await db.AuditEntries.AsNoTracking().Where(e => e.Id > after).OrderBy(e => e.Id).Take(VerifyPageSize).ToListAsync(cancellationToken);
            }

            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < VerifyPageSize)
            {
                yield break;
            }

            after = page[^1].Id;
        }
    }

    // SQLITE_BUSY (5) when another connection holds the write lock longer than the busy timeout.
    private static bool IsBusy(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 } || exception.InnerException is SqliteException { SqliteErrorCode: 5 };
}
