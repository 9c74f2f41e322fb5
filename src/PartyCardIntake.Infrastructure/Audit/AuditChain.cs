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
/// </summary>
public sealed class AuditChain(ISystemDbContextFactory factory, ILogger<AuditChain> logger) : IDisposable
{
    private const int MaxAttempts = 20;
    private const int VerifyPageSize = 5_000;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Sets the entry's hashes and id and stores it at the end of the chain.</summary>
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry.At = AuditHash.Truncate(entry.At);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var db = factory.CreateDbContext();

                // Ids grow with commit order along the chain (a successor is numbered after its predecessor
                // committed), so the highest id is the tail.
                var tail = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id).Select(e => e.Hash).FirstOrDefaultAsync(cancellationToken);
                if (attempt > 1 && string.Equals(tail, entry.Hash, StringComparison.Ordinal))
                {
                    // The last attempt was stored after all: its commit went through but the answer was lost, and
                    // the retrying execution strategy's repeat met the entry it had just written.
                    return;
                }

                entry.Id = 0;
                entry.PreviousHash = tail ?? AuditHash.Genesis;
                entry.Hash = AuditHash.Compute(entry);
                db.AuditEntries.Add(entry);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return;
                }
                catch (DbUpdateException e) when (attempt < MaxAttempts && (DbErrors.IsUniqueViolation(e) || IsBusy(e)))
                {
                    logger.LogDebug("Audit append met another writer (attempt {Attempt}); reading the tail again", attempt);
                    await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
                }
            }
        }
        finally
        {
            _gate.Release();
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
    private static bool IsBusy(DbUpdateException exception) => exception.InnerException is SqliteException { SqliteErrorCode: 5 };
}
