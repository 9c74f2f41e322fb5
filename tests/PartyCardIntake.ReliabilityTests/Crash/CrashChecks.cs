using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Audit;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.ReliabilityTests.Crash;

/// <summary>
/// What must hold after every restart, read from the database while the desks wait:
/// the storage is sound (SQLite's integrity and foreign key checks; PostgreSQL's amcheck on every B-tree index
/// and every table), every acknowledged capture is there with the very photo and signature that were sent,
/// no application lacks its capture and no capture its application, no member has two active applications,
/// the day counts and member counts equal a recount, and the audit chain is intact up to its anchors.
/// The database checks run in one snapshot, because the node's workers keep writing meanwhile.
/// </summary>
internal sealed class CrashChecks(TestDatabase database)
{
    private const int ShowAtMost = 5;
    private static readonly Lazy<DemoPopulation> Demo = new(() => DemoPopulationGenerator.Generate());
    private bool _amcheckReady;

    /// <summary>
    /// After the final check: acknowledged saves whose post has no audit entry. The audit entry of a request is written
    /// after its answer, so a kill between the two loses it; reported as a figure, not as a violation.
    /// </summary>
    public int AcknowledgedWithoutAuditEntry { get; private set; }

    /// <summary>After the final check: Data Protection keys in the database (one unless keys were lost and made again).</summary>
    public int DataProtectionKeys { get; private set; }

    /// <summary>Runs every check; returns the violations found (none when all holds).</summary>
    /// <param name="killedAt">When the last kill happened: no transaction opened before it may still be open (PostgreSQL).</param>
    /// <param name="final">Reads back the bytes of every acknowledged capture, not only of those acknowledged since the last check.</param>
    public async Task<List<string>> RunAsync(Ledger ledger, DateTime? killedAt, bool final, DateTime runStartedAt)
    {
        var problems = new List<string>();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await SqliteStorageAsync(problems);
        }
        else
        {
            await PostgresStorageAsync(problems, killedAt);
        }

        await RecordsAsync(problems, ledger, final, runStartedAt);
        await AuditAsync(problems);
        return problems;
    }

    private async Task SqliteStorageAsync(List<string> problems)
    {
        var path = Path.Combine(database.Folder, "partycard.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 60 }.ToString());
        await connection.OpenAsync();
        var integrity = await ColumnAsync(connection, "PRAGMA integrity_check");
        if (integrity is not ["ok"])
        {
            problems.Add("SQLite integrity_check: " + string.Join("; ", integrity.Take(ShowAtMost)));
        }

        var foreignKeys = await ColumnAsync(connection, "PRAGMA foreign_key_check");
        if (foreignKeys.Count > 0)
        {
            problems.Add($"SQLite foreign_key_check: {foreignKeys.Count} rows break a foreign key, first in {string.Join(", ", foreignKeys.Take(ShowAtMost))}");
        }
    }

    private async Task PostgresStorageAsync(List<string> problems, DateTime? killedAt)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        if (!_amcheckReady)
        {
            await ExecuteAsync(connection, "CREATE EXTENSION IF NOT EXISTS amcheck");
            _amcheckReady = true;
        }

        // bt_index_check with heapallindexed: the index is well-formed and every table row is in it.
        var indexes = await ColumnAsync(connection,
            """
            SELECT c.oid::regclass::text FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE am.amname = 'btree' AND n.nspname = 'public' AND i.indisvalid AND i.indisready
            """);
        foreach (var index in indexes)
        {
            try
            {
                await ExecuteAsync(connection, $"SELECT bt_index_check('{index.Replace("'", "''", StringComparison.Ordinal)}'::regclass, true)");
            }
            catch (PostgresException e)
            {
                problems.Add($"amcheck bt_index_check({index}): {e.MessageText}");
            }
        }

        // verify_heapam: the table pages and their TOAST (where photos and signatures live) are sound.
        var tables = await ColumnAsync(connection,
            "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'");
        foreach (var table in tables)
        {
            var corrupt = await ColumnAsync(connection,
                $"SELECT blkno || ':' || offnum || ' ' || msg FROM verify_heapam('{table.Replace("'", "''", StringComparison.Ordinal)}'::regclass, check_toast => true)");
            if (corrupt.Count > 0)
            {
                problems.Add($"amcheck verify_heapam({table}): {string.Join("; ", corrupt.Take(ShowAtMost))}");
            }
        }

        if ((await ColumnAsync(connection, "SELECT gid FROM pg_prepared_xacts")).Count > 0)
        {
            problems.Add("PostgreSQL: prepared transactions are left over");
        }

        if (killedAt is { } killed)
        {
            // The server ends the sessions of a dead client as soon as it reads the closed socket; allow it a moment.
            var left = 0;
            for (var attempt = 0; attempt < 50; attempt++)
            {
                await using var command = new NpgsqlCommand(
                    """
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND backend_start < @killed
                    """,
                    connection);
                command.Parameters.AddWithValue("killed", killed);
                left = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
                if (left == 0)
                {
                    break;
                }

                await Task.Delay(100);
            }

            if (left > 0)
            {
                problems.Add($"PostgreSQL: {left} transactions of the killed node are still open");
            }
        }
    }

    private async Task RecordsAsync(List<string> problems, Ledger ledger, bool final, DateTime runStartedAt)
    {
        await using var db = database.CreateContext(DataScope.System, retrying: false);
        await using var snapshot = await SnapshotAsync(db);

        var withoutCapture = await db.Applications.Where(a => !db.ApplicationCaptures.Any(c => c.ApplicationId == a.Id)).Select(a => a.Id).ToListAsync();
        if (withoutCapture.Count > 0)
        {
            problems.Add($"{withoutCapture.Count} applications have no capture: {Ids(withoutCapture)}");
        }

        var withoutApplication = await db.ApplicationCaptures.Where(c => !db.Applications.Any(a => a.Id == c.ApplicationId)).Select(c => c.ApplicationId).ToListAsync();
        if (withoutApplication.Count > 0)
        {
            problems.Add($"{withoutApplication.Count} captures belong to no application: {Ids(withoutApplication)}");
        }

        var incomplete = await db.ApplicationCaptures
            .Where(c => c.MediaDeletedAt == null && (c.Photo.Length == 0 || c.Signature.Length == 0 || c.SignatureStrokes == string.Empty))
            .Select(c => c.ApplicationId).ToListAsync();
        if (incomplete.Count > 0)
        {
            problems.Add($"{incomplete.Count} captures lack their photo, signature or strokes: {Ids(incomplete)}");
        }

        var twiceActive = await db.Applications.Where(a => a.State != ApplicationState.Cancelled)
            .GroupBy(a => a.MemberId).Where(g => g.Count() > 1).Select(g => g.Key).ToListAsync();
        if (twiceActive.Count > 0)
        {
            problems.Add($"{twiceActive.Count} members have more than one active application: {Ids(twiceActive)}");
        }

        var stored = await ApplicationCounts.StoredAsync(db, null);
        var recount = await ApplicationCounts.FromRecordsAsync(db, null);
        var drift = stored.Keys.Union(recount.Keys)
            .Where(k => stored.GetValueOrDefault(k) != recount.GetValueOrDefault(k))
            .Select(k => $"{k} stored {stored.GetValueOrDefault(k)}, recount {recount.GetValueOrDefault(k)}")
            .ToList();
        if (drift.Count > 0)
        {
            problems.Add($"day counts differ from a recount in {drift.Count} cells: {string.Join("; ", drift.Take(ShowAtMost))}");
        }

        var memberCounts = await db.Communes.Select(c => new
        {
            c.Id,
            c.EligibleMembers,
            c.ExcusedMembers,
            Eligible = db.PartyMembers.Count(m => m.CommuneId == c.Id && m.Exemption == null),
            Excused = db.PartyMembers.Count(m => m.CommuneId == c.Id && m.Exemption != null),
        }).ToListAsync();
        foreach (var commune in memberCounts.Where(c => c.EligibleMembers != c.Eligible || c.ExcusedMembers != c.Excused))
        {
            problems.Add($"commune {commune.Id}: member counts {commune.EligibleMembers}/{commune.ExcusedMembers} stored, {commune.Eligible}/{commune.Excused} counted");
        }

        await DemoCompleteAsync(problems, db);
        await AcknowledgedAsync(problems, db, ledger, final);
        if (final)
        {
            await NothingUnsentAsync(problems, db, ledger, runStartedAt);
            AcknowledgedWithoutAuditEntry = await UnauditedAsync(db, ledger, runStartedAt);
            DataProtectionKeys = await db.DataProtectionKeys.CountAsync();
        }
    }

    /// <summary>The demo campaign is whole, however its first start-up was cut: every commune, member, account and the history.</summary>
    private static async Task DemoCompleteAsync(List<string> problems, AppDbContext db)
    {
        foreach (var expected in Demo.Value.Communes)
        {
            var commune = await db.Communes.Where(c => c.Code == expected.Code).Select(c => new
            {
                c.Name,
                Members = db.PartyMembers.Count(m => m.CommuneId == c.Id),
                Records = db.Applications.Count(a => a.CommuneId == c.Id),
            }).SingleOrDefaultAsync();
            var members = expected.Cells.Sum(c => c.Members.Count);
            if (commune is null)
            {
                problems.Add($"demo commune {expected.Name} is missing");
            }
            else if (commune.Members != members || commune.Records == 0)
            {
                problems.Add($"demo commune {expected.Name}: {commune.Members} of {members} members, {commune.Records} records");
            }
        }

        var accounts = DemoAccounts.All.Select(a => a.UserName).ToList();
        var found = await db.Users.Where(u => accounts.Contains(u.UserName!))
            .Select(u => new { u.UserName, Roles = db.UserRoles.Count(r => r.UserId == u.Id) }).ToListAsync();
        foreach (var missing in accounts.Where(a => !found.Any(f => f.UserName == a && f.Roles == 1)))
        {
            problems.Add($"demo account {missing} is missing or has no role");
        }
    }

    /// <summary>Every capture a desk saw acknowledged is stored as it was sent.</summary>
    private static async Task AcknowledgedAsync(List<string> problems, AppDbContext db, Ledger ledger, bool final)
    {
        var acknowledged = ledger.Acknowledged;
        var keys = acknowledged.Select(s => s.Key).ToList();
        var rows = new Dictionary<Guid, StoredRow>();
        foreach (var chunk in keys.Chunk(500))
        {
            var part = await db.Applications
                .Where(a => chunk.Contains(a.IdempotencyKey))
                .Select(a => new StoredRow(
                    a.Id, a.IdempotencyKey, a.MemberId, a.State,
                    a.Capture == null ? null : a.Capture.PhotoSha256,
                    a.Capture == null ? null : a.Capture.SignatureSha256,
                    a.Capture == null ? 0 : a.Capture.Photo.Length,
                    a.Capture == null ? 0 : a.Capture.Signature.Length))
                .ToListAsync();
            foreach (var row in part)
            {
                rows[row.Key] = row;
            }
        }

        var lost = new List<string>();
        var wrong = new List<string>();
        foreach (var submission in acknowledged)
        {
            if (!rows.TryGetValue(submission.Key, out var row))
            {
                lost.Add($"{submission.Serial} (key {submission.Key}, member {submission.MemberId})");
                continue;
            }

            if (row.Id != submission.ApplicationId || row.MemberId != submission.MemberId)
            {
                wrong.Add($"{submission.Serial}: stored as application {row.Id} of member {row.MemberId}, acknowledged as {submission.ApplicationId} of member {submission.MemberId}");
            }
            else if (row.PhotoLength == 0 || row.SignatureLength == 0)
            {
                wrong.Add($"{submission.Serial}: photo {row.PhotoLength} bytes, signature {row.SignatureLength} bytes");
            }
            else if (row.PhotoSha256 != submission.PhotoSha256 || row.SignatureSha256 != submission.SignatureSha256)
            {
                wrong.Add($"{submission.Serial}: stored checksums are not those of what was sent");
            }
            else if (submission.Recycled != (row.State == ApplicationState.Cancelled))
            {
                wrong.Add($"{submission.Serial}: state {row.State}");
            }
        }

        // The bytes themselves, hashed here: once for each new acknowledgement, and for all of them at the end.
        var toRead = acknowledged.Where(s => (final || !s.BytesVerified) && rows.ContainsKey(s.Key)).ToList();
        foreach (var chunk in toRead.Chunk(100))
        {
            var ids = chunk.Select(s => rows[s.Key].Id).ToList();
            var bytes = await db.ApplicationCaptures.Where(c => ids.Contains(c.ApplicationId))
                .Select(c => new { c.ApplicationId, c.Photo, c.Signature }).ToDictionaryAsync(c => c.ApplicationId);
            foreach (var submission in chunk)
            {
                if (!bytes.TryGetValue(rows[submission.Key].Id, out var capture))
                {
                    continue;
                }

                if (CaptureFixtures.Sha256(capture.Photo) != submission.PhotoSha256 || CaptureFixtures.Sha256(capture.Signature) != submission.SignatureSha256)
                {
                    wrong.Add($"{submission.Serial}: the stored bytes are not those that were sent");
                }
                else
                {
                    submission.BytesVerified = true;
                }
            }
        }

        if (lost.Count > 0)
        {
            problems.Add($"{lost.Count} acknowledged submissions are missing: {string.Join("; ", lost.Take(ShowAtMost))}");
        }

        if (wrong.Count > 0)
        {
            problems.Add($"{wrong.Count} acknowledged submissions are stored wrongly: {string.Join("; ", wrong.Take(ShowAtMost))}");
        }
    }

    /// <summary>At the end: every capture sent was acknowledged once, and no application appeared that no desk sent.</summary>
    private static async Task NothingUnsentAsync(List<string> problems, AppDbContext db, Ledger ledger, DateTime runStartedAt)
    {
        var unanswered = ledger.All.Where(s => !s.Acknowledged && s.Refusal is null && s.Attempts > 0).ToList();
        if (unanswered.Count > 0)
        {
            problems.Add($"{unanswered.Count} submissions were never acknowledged although retried: {string.Join(", ", unanswered.Take(ShowAtMost).Select(s => s.Serial))}");
        }

        var since = await db.Applications.Where(a => a.SubmittedAt >= runStartedAt).Select(a => new { a.IdempotencyKey, a.MemberId }).ToListAsync();
        var foreign = since.Where(a => !ledger.WasSent(a.IdempotencyKey)).ToList();
        if (foreign.Count > 0)
        {
            problems.Add($"{foreign.Count} applications were saved that no desk sent, first for member {foreign[0].MemberId}");
        }

        var perKey = since.GroupBy(a => a.IdempotencyKey).Where(g => g.Count() > 1).ToList();
        if (perKey.Count > 0)
        {
            problems.Add($"{perKey.Count} idempotency keys have more than one application");
        }
    }

    private static async Task<int> UnauditedAsync(AppDbContext db, Ledger ledger, DateTime runStartedAt)
    {
        var audited = await db.AuditEntries
            .Where(e => e.At >= runStartedAt && e.MemberId != null && e.Target!.StartsWith("POST /desk/members/") && e.Target.EndsWith("/submit → 200"))
            .GroupBy(e => e.MemberId!.Value)
            .Select(g => new { MemberId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.MemberId, g => g.Count);
        return ledger.Acknowledged.GroupBy(s => s.MemberId).Sum(g => Math.Max(0, g.Count() - audited.GetValueOrDefault(g.Key)));
    }

    private async Task AuditAsync(List<string> problems)
    {
        var chain = new AuditChain(new SystemContexts(database), NullLogger<AuditChain>.Instance);
        var anchors = await new AuditAnchorFile(Options.Create(new AuditAnchorOptions()), database.Options).ReadAsync();
        var check = await chain.VerifyAsync(anchors);
        if (!check.IsIntact)
        {
            problems.Add("audit chain: " + check.Describe());
        }

        chain.Dispose();
    }

    /// <summary>A read-only snapshot: deferred on SQLite (an immediate transaction would stop the node's writers), repeatable read on PostgreSQL.</summary>
    private async Task<DbTransaction> SnapshotAsync(AppDbContext db)
    {
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        DbTransaction transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead);
        await db.Database.UseTransactionAsync(transaction);
        return transaction;
    }

    private static async Task<List<string>> ColumnAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            values.Add(string.Join(" ", row.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
        }

        return values;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    private static string Ids<T>(IEnumerable<T> ids) => string.Join(", ", ids.Take(ShowAtMost));

    private sealed record StoredRow(Guid Id, Guid Key, int MemberId, ApplicationState State, string? PhotoSha256, string? SignatureSha256, int PhotoLength, int SignatureLength);

    private sealed class SystemContexts(TestDatabase database) : ISystemDbContextFactory
    {
        public AppDbContext CreateDbContext() => database.CreateContext(DataScope.System);
    }
}
