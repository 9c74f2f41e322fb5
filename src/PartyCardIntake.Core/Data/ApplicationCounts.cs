using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Data;

/// <summary>One cell of <see cref="ApplicationDayCount"/>: which commune, day, state and verification.</summary>
public readonly record struct CountKey(int CommuneId, DateOnly Day, ApplicationState State, VerificationStatus Verification, bool HasWarnings)
{
    public static CountKey Of(Application application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return new(application.CommuneId, ApplicationCounts.DayOf(application.SubmittedAt), application.State, application.Verification, application.HasWarnings);
    }
}

/// <summary>
/// The per commune, day and status counts of applications: the deltas of a save, applied with atomic upserts
/// (so that desks saving at once never lose an increment), and the recount from the raw records that repairs
/// or checks them.
/// </summary>
public static class ApplicationCounts
{
    public const string Table = "ApplicationDayCounts";

    // Same statement on SQLite (3.24+) and PostgreSQL; SQL Server's is SqlServerSql.CountsUpsert.
    private const string Upsert =
        """
        INSERT INTO "ApplicationDayCounts" ("CommuneId", "Day", "State", "Verification", "HasWarnings", "Count")
        VALUES ({0}, {1}, {2}, {3}, {4}, {5})
        ON CONFLICT ("CommuneId", "Day", "State", "Verification", "HasWarnings")
        DO UPDATE SET "Count" = "ApplicationDayCounts"."Count" + excluded."Count"
        """;

    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>The Vietnamese calendar day of a UTC instant.</summary>
    public static DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(utc + VietnamOffset);

    /// <summary>What the pending changes of a context do to the counts: −1 where a record was, +1 where it is.</summary>
    public static Dictionary<CountKey, int> Deltas(ChangeTracker tracker)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        var deltas = new Dictionary<CountKey, int>();
        foreach (var entry in tracker.Entries<Application>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    Add(deltas, CountKey.Of(entry.Entity), 1);
                    break;
                case EntityState.Modified:
                    var before = Original(entry);
                    var after = CountKey.Of(entry.Entity);
                    if (before != after)
                    {
                        Add(deltas, before, -1);
                        Add(deltas, after, 1);
                    }

                    break;
                case EntityState.Deleted:
                    Add(deltas, Original(entry), -1);
                    break;
            }
        }

        foreach (var zero in deltas.Where(d => d.Value == 0).Select(d => d.Key).ToList())
        {
            deltas.Remove(zero);
        }

        return deltas;
    }

    /// <summary>
    /// Adds the deltas to the stored counts. Rows are touched in key order so that two transactions never
    /// wait on each other's rows in opposite orders.
    /// </summary>
    public static async Task ApplyAsync(DbContext db, IReadOnlyDictionary<CountKey, int> deltas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(deltas);
        var upsert = db.Database.RunsOnSqlServer() ? SqlServerSql.CountsUpsert : Upsert;
        foreach (var (key, delta) in deltas.OrderBy(d => d.Key.CommuneId).ThenBy(d => d.Key.Day).ThenBy(d => d.Key.State).ThenBy(d => d.Key.Verification).ThenBy(d => d.Key.HasWarnings))
        {
            await db.Database.ExecuteSqlRawAsync(
                upsert,
                [key.CommuneId, key.Day, key.State.ToString(), key.Verification.ToString(), key.HasWarnings, delta],
                cancellationToken);
        }
    }

    /// <summary>The counts as the raw records give them, for one commune or all the context can see.</summary>
    public static async Task<Dictionary<CountKey, int>> FromRecordsAsync(AppDbContext db, int? communeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Applications.AsNoTracking();
        if (communeId is { } id)
        {
            query = query.Where(a => a.CommuneId == id);
        }

        // Grouped after reading: the day is a Vietnamese date, which neither database computes the same way.
        var rows = await query.Select(a => new { a.CommuneId, a.SubmittedAt, a.State, a.Verification, a.HasWarnings }).ToListAsync(cancellationToken);
        return rows
            .GroupBy(r => new CountKey(r.CommuneId, DayOf(r.SubmittedAt), r.State, r.Verification, r.HasWarnings))
            .ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>The stored counts, without the rows that have come back to zero.</summary>
    public static async Task<Dictionary<CountKey, int>> StoredAsync(AppDbContext db, int? communeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.ApplicationDayCounts.AsNoTracking().Where(c => c.Count != 0);
        if (communeId is { } id)
        {
            query = query.Where(c => c.CommuneId == id);
        }

        return await query.ToDictionaryAsync(c => new CountKey(c.CommuneId, c.Day, c.State, c.Verification, c.HasWarnings), c => c.Count, cancellationToken);
    }

    /// <summary>Rebuilds one commune's counts from its records, in one transaction (the caller's, or a retriable one of its own).</summary>
    public static async Task RecountAsync(AppDbContext db, int communeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is not null)
        {
            await ReplaceAsync(db, communeId, cancellationToken);
            return;
        }

        await db.RunAsync(
            async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await ReplaceAsync(db, communeId, ct);
                await transaction.CommitAsync(ct);
            },
            cancellationToken);
    }

    private static async Task ReplaceAsync(AppDbContext db, int communeId, CancellationToken cancellationToken)
    {
        await db.ApplicationDayCounts.Where(c => c.CommuneId == communeId).ExecuteDeleteAsync(cancellationToken);
        await ApplyAsync(db, await FromRecordsAsync(db, communeId, cancellationToken), cancellationToken);
    }

    private static CountKey Original(EntityEntry<Application> entry) => new(
        entry.Property(a => a.CommuneId).OriginalValue,
        DayOf(entry.Property(a => a.SubmittedAt).OriginalValue),
        entry.Property(a => a.State).OriginalValue,
        entry.Property(a => a.Verification).OriginalValue,
        entry.Property(a => a.HasWarnings).OriginalValue);

    private static void Add(Dictionary<CountKey, int> deltas, CountKey key, int delta) =>
        deltas[key] = deltas.GetValueOrDefault(key) + delta;
}
