using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Infrastructure.Media;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Features.Desk;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Benchmarks;

/// <summary>
/// Desk submissions through the service a circuit calls (<see cref="DeskSubmission.SubmitAsync"/>), with no HTTP in
/// between, beside what SQLite itself commits on the same machine: N desks, each a DI scope of its own whose user
/// comes from its authentication state as a circuit's does, save captures one after another on a fresh SQLite file;
/// right after each such run, a single writer commits rows of the same size, one per transaction, to a file with the
/// same journal mode and synchronous setting.
/// </summary>
internal static class SubmissionsBenchmark
{
    /// <param name="MembersPerSecond">The fastest rate the top-up of members must allow for; a desk that runs out of members counts an error.</param>
    /// <param name="ProfileDesks">Desk counts to run once more with every EF Core command counted (slower; not in the table).</param>
    /// <param name="AuditedDesks">Desk counts to run once more with an audit entry recorded after each save, as the HTTP route's middleware records one and a circuit page would have to.</param>
    /// <param name="RawVariants">Also commit the raw rows with synchronous=NORMAL, and several to a transaction: references for changes, not the application's settings.</param>
    public sealed record Options(IReadOnlyList<int> Desks, TimeSpan WarmUp, TimeSpan Duration, int MembersPerSecond, IReadOnlyList<int> ProfileDesks, IReadOnlyList<int> AuditedDesks, bool RawVariants);

    public sealed record ServiceResult(
        int Desks, bool Audited, double Seconds, Measurement Latency, double CpuMsPerSubmission, int Errors, string ErrorSummary,
        int Acknowledged, int Found, int PhotosRehashed, double LoadAverage, long WalBytes, RawResult? Raw = null)
    {
        public double PerSecond => Latency.Count / Seconds;
    }

    /// <param name="Latency">Per transaction.</param>
    public sealed record RawResult(double Seconds, int RowBytes, int RowsPerTransaction, long Synchronous, Measurement Latency, double CpuMsPerRow, string Settings)
    {
        public double PerSecond => Latency.Count * RowsPerTransaction / Seconds;

        public double MegabytesPerSecond => PerSecond * RowBytes / 1_048_576.0;
    }

    /// <summary>The journal mode and synchronous level the application's own connections run with.</summary>
    public sealed record SqliteSettings(string JournalMode, long Synchronous, long SecureDelete)
    {
        public string SynchronousName => Synchronous switch { 0 => "OFF", 1 => "NORMAL", 2 => "FULL", 3 => "EXTRA", _ => "?" };

        public override string ToString() => $"journal_mode={JournalMode}, synchronous={SynchronousName} ({Synchronous}), secure_delete={SecureDelete}";
    }

    private sealed record Capture(byte[] Photo, byte[] Signature, string Strokes)
    {
        public int Bytes => Photo.Length + Signature.Length + Encoding.UTF8.GetByteCount(Strokes);

        public byte[] Concatenated() => [.. Photo, .. Signature, .. Encoding.UTF8.GetBytes(Strokes)];
    }

    private static readonly string[] Officers = [DemoAccounts.Officer, DemoAccounts.Officer2];

    public static async Task<(List<ServiceResult> Service, List<RawResult> Raw, SqliteSettings Settings, List<SaveProfile.Report> Profiles)> RunAsync(Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Desks.Count + options.AuditedDesks.Count == 0)
        {
            throw new ArgumentException("submissions needs at least one desk count (--desks or --audited).", nameof(options));
        }

        var capture = new Capture(
            DeskClient.Fixture("photo-600x800-60k.jpg"),
            DeskClient.Fixture("signature-600x200.png"),
            await File.ReadAllTextAsync(DeskClient.FixturePath("signature-600x200.json")));
        Console.WriteLine($"submissions: {capture.Photo.Length:N0} B photo + {capture.Signature.Length:N0} B signature + {Encoding.UTF8.GetByteCount(capture.Strokes):N0} B strokes = {capture.Bytes:N0} B per capture; warm-up {options.WarmUp.TotalSeconds:0} s, then {options.Duration.TotalSeconds:0} s measured");

        var service = new List<ServiceResult>();
        SqliteSettings? settings = null;
        foreach (var (desks, audited) in options.Desks.Select(d => (d, false)).Concat(options.AuditedDesks.Select(d => (d, true))))
        {
            var (result, seen) = await RunServiceAsync(desks, options, capture, profile: null, audited);
            settings ??= seen;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"submissions: {desks} desks{(audited ? " with audit entries" : string.Empty)}: {result.PerSecond:0.0}/s, p50 {result.Latency.Percentile(50):0.0} ms, {result.CpuMsPerSubmission:0.00} CPU ms each, {result.Errors} errors, {result.Acknowledged}/{result.Found} found, WAL {result.WalBytes / 1_048_576.0:0.0} MB at the end"));

            // The disk is shared with other work whose writes move fsync times by several times within minutes, so each
            // service run gets its raw figure from the minutes right after it, not from one raw run at the end.
            var raw = await Task.Run(() => RunRaw(settings, capture.Concatenated(), options.Duration, settings.Synchronous, 1));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"submissions: raw right after: {raw.PerSecond:0.0} rows/s, {raw.MegabytesPerSecond:0.0} MB/s, service ÷ raw {result.PerSecond / raw.PerSecond:0%}"));
            service.Add(result with { Raw = raw });
        }

        var variants = new List<RawResult>();
        if (options.RawVariants)
        {
            variants.Add(await Task.Run(() => RunRaw(settings!, capture.Concatenated(), options.Duration, settings!.Synchronous, 1)));
            variants.Add(await Task.Run(() => RunRaw(settings!, capture.Concatenated(), options.Duration, 1, 1)));
            variants.Add(await Task.Run(() => RunRaw(settings!, capture.Concatenated(), options.Duration, settings!.Synchronous, 8)));
        }

        foreach (var r in variants)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"submissions: raw, synchronous={r.Synchronous}, {r.RowsPerTransaction} per transaction: {r.PerSecond:0.0} rows/s, {r.MegabytesPerSecond:0.0} MB/s"));
        }

        var profiles = new List<SaveProfile.Report>();
        foreach (var desks in options.ProfileDesks)
        {
            using var profile = SaveProfile.Start();
            var (result, _) = await RunServiceAsync(desks, options with { WarmUp = TimeSpan.FromSeconds(3), Duration = TimeSpan.FromSeconds(10) }, capture, profile, audited: false);
            profiles.Add(profile.Finish(desks, result));
        }

        return (service, variants, settings!, profiles);
    }

    private static async Task<(ServiceResult Result, SqliteSettings Settings)> RunServiceAsync(int desks, Options options, Capture capture, SaveProfile? profile, bool audited)
    {
        await using var app = new PartyCardAppFactory(DatabaseProvider.Sqlite);
        _ = app.Server;
        var settings = await ReadSettingsAsync(app.Database);
        // The generator behind the top-up gives each of its 300 cells at least 3 members: fewer than that never ends.
        var needed = Math.Max(2_000, (int)Math.Ceiling(options.MembersPerSecond * (options.WarmUp + options.Duration).TotalSeconds));
        var lists = await LoadBenchmark.PrepareMembersAsync(app.Database, needed);
        var queues = lists.Select(l => new ConcurrentQueue<int>(l)).ToList();
        Console.WriteLine($"submissions: {desks} desks on a fresh SQLite file ({settings}), {lists.Sum(l => l.Count):N0} members ready in {lists.Count} communes");

        var desksOpen = new List<Desk>();
        for (var i = 0; i < desks; i++)
        {
            desksOpen.Add(await Desk.OpenAsync(app.Services, i, Officers[i % Officers.Length], queues[i % Officers.Length]));
        }

        var media = app.Services.GetRequiredService<IOptions<MediaOptions>>().Value;
        var expectedPhoto = PhotoValidator.Validate(capture.Photo, media.Photo).Sha256!;
        var expectedSignature = SignatureValidator.Validate(capture.Signature, capture.Strokes, media.Signature).Sha256!;

        var auditBefore = await CountAuditAsync(app.Database);
        var drive = await DriveAsync(desksOpen, capture, options, profile, audited);
        var wal = new FileInfo(Path.Combine(app.Database.Folder, "partycard.db-wal"));
        var walBytes = wal.Exists ? wal.Length : 0;
        profile?.End(await CountAuditAsync(app.Database) - auditBefore);

        foreach (var desk in desksOpen)
        {
            await desk.DisposeAsync();
        }

        var (found, rehashed) = await VerifyAsync(app.Database, drive.Acknowledged, expectedPhoto, expectedSignature);
        return (new ServiceResult(
            desks, audited, options.Duration.TotalSeconds, drive.Latency, drive.CpuMs / Math.Max(1, drive.Latency.Count),
            drive.Errors.Values.Sum(), string.Join(", ", drive.Errors.Select(e => $"{e.Key}: {e.Value}")),
            drive.Acknowledged.Count, found, rehashed, drive.LoadAverage, walBytes), settings);
    }

    /// <summary>
    /// One desk's circuit: a DI scope of its own whose authentication state is a real sign-in session (a row the
    /// ticket store keeps, so that the scope's revalidation finds it), and whose <see cref="CurrentUser"/> is set by
    /// the application's own <see cref="CircuitUserHandler"/> before every event, as in a circuit.
    /// </summary>
    private sealed class Desk : IAsyncDisposable
    {
        private readonly AsyncServiceScope scope;
        private readonly Func<CircuitInboundActivityContext, Task> inbound;
        private readonly CircuitInboundActivityContext activity;
        private Func<Task>? work;

        private Desk(AsyncServiceScope scope, ConcurrentQueue<int> members)
        {
            this.scope = scope;
            Members = members;
            var handler = scope.ServiceProvider.GetServices<CircuitHandler>().OfType<CircuitUserHandler>().Single();
            inbound = handler.CreateInboundActivityHandler(_ => work!());

            // The handler passes the context on untouched; the real one needs a Circuit, which only the circuit host makes.
            activity = (CircuitInboundActivityContext)RuntimeHelpers.GetUninitializedObject(typeof(CircuitInboundActivityContext));
            Submission = scope.ServiceProvider.GetRequiredService<DeskSubmission>();
            Audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            User = scope.ServiceProvider.GetRequiredService<CurrentUser>();
        }

        public ConcurrentQueue<int> Members { get; }

        public DeskSubmission Submission { get; }

        public CurrentUser User { get; }

        public AuditLog Audit { get; }

        public DeskStation? Station { get; private set; }

        public static async Task<Desk> OpenAsync(IServiceProvider services, int index, string userName, ConcurrentQueue<int> members)
        {
            var principal = await SignInAsync(services, userName);
            var scope = services.CreateAsyncScope();
            var authentication = scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
            ((IHostEnvironmentAuthenticationStateProvider)authentication).SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
            var desk = new Desk(scope, members);

            // The officer picks a site and device of the commune in turn, as on the desk page.
            await desk.InEventAsync(async () =>
            {
                var session = scope.ServiceProvider.GetRequiredService<DeskSession>();
                var stations = (await session.ChoicesAsync()).SelectMany(s => s.Devices.Select(d => (s.SiteId, DeviceId: d.Id))).ToList();
                var (siteId, deviceId) = stations[(index / Officers.Length) % stations.Count];
                desk.Station = await session.FindAsync(siteId, deviceId) ?? throw new InvalidOperationException($"Desk {index}: station {siteId}:{deviceId} not found.");
            });
            return desk;
        }

        public async Task InEventAsync(Func<Task> action)
        {
            work = action;
            await inbound(activity);
        }

        public ValueTask DisposeAsync() => scope.DisposeAsync();

        private static async Task<ClaimsPrincipal> SignInAsync(IServiceProvider services, string userName)
        {
            await using var scope = services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}.");
            var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
            var now = DateTimeOffset.UtcNow;
            var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(12) }, IdentityConstants.ApplicationScheme);
            var store = scope.ServiceProvider.GetRequiredService<DbTicketStore>();
            var key = await store.StoreAsync(ticket);
            return (await store.RetrieveAsync(key))?.Principal ?? throw new InvalidOperationException($"The session of {userName} was not stored.");
        }
    }

    private sealed record Drive(Measurement Latency, ConcurrentDictionary<string, int> Errors, List<(Guid Application, int Member)> Acknowledged, double CpuMs, double LoadAverage);

    private static async Task<Drive> DriveAsync(List<Desk> desks, Capture capture, Options options, SaveProfile? profile, bool audited)
    {
        var latency = new Measurement($"submit ({desks.Count} desks)");
        var errors = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var acknowledged = new List<(Guid, int)>();
        var measureFrom = options.WarmUp;
        var measureTo = options.WarmUp + options.Duration;
        var clock = Stopwatch.StartNew();

        // CPU of the whole process (the application and these desks) at the window's edges.
        var window = Task.Run(async () =>
        {
            await Task.Delay(measureFrom - clock.Elapsed);
            var cpuFrom = Environment.CpuUsage.TotalTime;
            profile?.OpenWindow();
            var load = LoadBenchmark.LoadAverage();
            while (clock.Elapsed < measureTo)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(250, Math.Max(1, (measureTo - clock.Elapsed).TotalMilliseconds))));
                load = Math.Max(load, LoadBenchmark.LoadAverage());
            }

            profile?.CloseWindow();
            return ((Environment.CpuUsage.TotalTime - cpuFrom).TotalMilliseconds, load);
        });

        await Task.WhenAll(desks.Select(desk => Task.Run(async () =>
        {
            while (clock.Elapsed < measureTo)
            {
                if (!desk.Members.TryDequeue(out var member))
                {
                    errors.AddOrUpdate("members ran out (raise --members-per-second)", 1, (_, n) => n + 1);
                    return;
                }

                var started = clock.Elapsed;
                SubmitResult? result = null;
                string? error = null;
                try
                {
                    await desk.InEventAsync(async () =>
                    {
                        result = await desk.Submission.SubmitAsync(new SubmitRequest(
                            member, Guid.NewGuid(), CapturePart.Of(capture.Photo), CapturePart.Of(capture.Signature), capture.Strokes, desk.Station, desk.User.UserId ?? string.Empty));
                        if (audited)
                        {
                            // The entry the HTTP route gets from AuditMiddleware (a signed-in POST is a Change), which a circuit's event does not.
                            await desk.Audit.RecordAsync(AuditAction.Change, member, $"desk submission (circuit) → {result.StatusCode}");
                        }
                    });
                    if (result is not { Saved: true, Duplicate: false, ApplicationId: not null })
                    {
                        error = result is null ? "no result" : $"{result.StatusCode} {result.Message}";
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    error = e.GetType().Name;
                }

                var finished = clock.Elapsed;
                if (error is null)
                {
                    lock (acknowledged)
                    {
                        acknowledged.Add((result!.ApplicationId!.Value, member));
                    }
                }

                // Counted when finished inside the measured window, so the rate is completions per second.
                if (finished >= measureFrom && finished < measureTo)
                {
                    if (error is null)
                    {
                        lock (latency)
                        {
                            latency.Add(finished - started);
                        }
                    }
                    else
                    {
                        errors.AddOrUpdate(error, 1, (_, n) => n + 1);
                    }
                }
            }
        })));

        var (cpuMs, loadAverage) = await window;
        return new Drive(latency, errors, acknowledged, cpuMs, loadAverage);
    }

    /// <summary>
    /// Every acknowledged application must be stored for its member with the photo's and signature's checksums; for a
    /// sample of them the stored photo is hashed again. Returns how many were found, and how many photos were rehashed.
    /// </summary>
    private static async Task<(int Found, int Rehashed)> VerifyAsync(TestDatabase database, List<(Guid Application, int Member)> acknowledged, string photoSha256, string signatureSha256)
    {
        await using var db = database.CreateContext(DataScope.System);
        var found = new HashSet<(Guid, int)>();
        foreach (var chunk in acknowledged.Chunk(500))
        {
            // Two lookups by primary key, joined here: a condition on the capture's columns in one query let SQLite
            // scan the captures, and every row's checksums lie past its photo's overflow pages.
            var ids = chunk.Select(a => a.Application).ToList();
            var applications = await db.Applications.AsNoTracking()
                .Where(a => ids.Contains(a.Id))
                .Select(a => new { a.Id, a.MemberId })
                .ToListAsync();
            var captures = await db.ApplicationCaptures.AsNoTracking()
                .Where(c => ids.Contains(c.ApplicationId))
                .Select(c => new { c.ApplicationId, c.PhotoSha256, c.SignatureSha256 })
                .ToDictionaryAsync(c => c.ApplicationId);
            found.UnionWith(applications
                .Where(a => captures.TryGetValue(a.Id, out var c) && c.PhotoSha256 == photoSha256 && c.SignatureSha256 == signatureSha256)
                .Select(a => (a.Id, a.MemberId)));
        }

        var sample = acknowledged.Where((_, i) => i % Math.Max(1, acknowledged.Count / 100) == 0).Select(a => a.Application).ToList();
        var rehashed = 0;
        foreach (var id in sample)
        {
            var photo = await db.ApplicationCaptures.AsNoTracking().Where(c => c.ApplicationId == id).Select(c => c.Photo).SingleAsync();
            if (Convert.ToHexStringLower(SHA256.HashData(photo)) == photoSha256)
            {
                rehashed++;
            }
            else
            {
                found.RemoveWhere(f => f.Item1 == id);
            }
        }

        return (acknowledged.Count(found.Contains), rehashed);
    }

    private static async Task<int> CountAuditAsync(TestDatabase database)
    {
        await using var db = database.CreateContext(DataScope.System);
        return await db.AuditEntries.CountAsync();
    }

    /// <summary>Asks a connection of the application's own configuration (its interceptors too) what it runs with.</summary>
    private static async Task<SqliteSettings> ReadSettingsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext(DataScope.System);
        await db.Database.OpenConnectionAsync();
        try
        {
            var connection = db.Database.GetDbConnection();
            return new SqliteSettings(
                Convert.ToString(await ScalarAsync(connection, "PRAGMA journal_mode;"), CultureInfo.InvariantCulture)!,
                Convert.ToInt64(await ScalarAsync(connection, "PRAGMA synchronous;"), CultureInfo.InvariantCulture),
                Convert.ToInt64(await ScalarAsync(connection, "PRAGMA secure_delete;"), CultureInfo.InvariantCulture));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>
    /// What SQLite commits on this disk with the application's settings: one writer (SQLite admits one at a time), one
    /// prepared INSERT of a row as large as a capture per transaction (BEGIN IMMEDIATE, as Microsoft.Data.Sqlite begins
    /// the application's), nothing else.
    /// </summary>
    private static RawResult RunRaw(SqliteSettings settings, byte[] payload, TimeSpan duration, long synchronous, int rowsPerTransaction)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pci-tests", "raw-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var latency = new Measurement("raw insert + commit");
            double cpuMs;
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "raw.db"), Pooling = false }.ToString()))
            {
                connection.Open();
                Execute(connection, $"PRAGMA journal_mode={settings.JournalMode};");
                Execute(connection, $"PRAGMA synchronous={synchronous};");
                Execute(connection, $"PRAGMA secure_delete={settings.SecureDelete};");
                Execute(connection, "CREATE TABLE Captures (Id INTEGER PRIMARY KEY, Key BLOB NOT NULL, Payload BLOB NOT NULL);");

                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO Captures (Key, Payload) VALUES ($key, $payload);";
                var key = insert.Parameters.Add("$key", SqliteType.Blob);
                var data = insert.Parameters.Add("$payload", SqliteType.Blob);
                data.Value = payload;
                key.Value = Guid.NewGuid().ToByteArray();
                insert.Prepare();

                void Commit()
                {
                    using var transaction = connection.BeginTransaction();
                    insert.Transaction = transaction;
                    for (var row = 0; row < rowsPerTransaction; row++)
                    {
                        key.Value = Guid.NewGuid().ToByteArray();
                        insert.ExecuteNonQuery();
                    }

                    transaction.Commit();
                }

                // A few seconds unmeasured: the file's first pages and the first checkpoints.
                var warm = Stopwatch.StartNew();
                while (warm.Elapsed < TimeSpan.FromSeconds(3))
                {
                    Commit();
                }

                var cpuFrom = Environment.CpuUsage.TotalTime;
                var clock = Stopwatch.StartNew();
                while (clock.Elapsed < duration)
                {
                    var started = clock.Elapsed;
                    Commit();
                    var finished = clock.Elapsed;
                    if (finished < duration)
                    {
                        latency.Add(finished - started);
                    }
                }

                cpuMs = (Environment.CpuUsage.TotalTime - cpuFrom).TotalMilliseconds;
            }

            return new RawResult(duration.TotalSeconds, payload.Length, rowsPerTransaction, synchronous, latency, cpuMs / Math.Max(1, latency.Count * rowsPerTransaction), settings.ToString());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static void Print(IReadOnlyList<ServiceResult> service, IReadOnlyList<RawResult> variants, SqliteSettings settings, IReadOnlyList<SaveProfile.Report> profiles)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(profiles);
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"SQLite settings of the application and of the raw file: {settings}.");
        Console.WriteLine();
        Console.WriteLine("| path | desks | measured s | submissions | per second | p50 ms | p95 ms | p99 ms | CPU ms per submission | errors | acknowledged / found after | WAL MB at the end | raw rows/s right after | service ÷ raw | max load avg |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in service)
        {
            Console.WriteLine(string.Create(
                inv,
                $"| `DeskSubmission.SubmitAsync`{(r.Audited ? " + `AuditLog.RecordAsync`" : string.Empty)} | {r.Desks} | {r.Seconds:0} | {r.Latency.Count:N0} | {r.PerSecond:0.0} | {r.Latency.Percentile(50):0.0} | {r.Latency.Percentile(95):0.0} | {r.Latency.Percentile(99):0.0} | {r.CpuMsPerSubmission:0.00} | {r.Errors}{(r.Errors > 0 ? " (" + r.ErrorSummary + ")" : string.Empty)} | {r.Acknowledged:N0} / {r.Found:N0} | {r.WalBytes / 1_048_576.0:0.0} | {r.Raw?.PerSecond:0.0} | {r.PerSecond / r.Raw?.PerSecond:0%} | {r.LoadAverage:0.0} |"));
        }

        Console.WriteLine();
        Console.WriteLine("| raw SQLite, one writer, prepared INSERT | rows | rows/s | MB/s | p50 ms | p95 ms | p99 ms | CPU ms per row |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (r, what) in service.Where(s => s.Raw is not null).Select(s => (s.Raw!, $"right after {s.Desks} desks{(s.Audited ? " (audited)" : string.Empty)}: one {s.Raw!.RowBytes:N0} B row per transaction, the application's settings"))
            .Concat(variants.Select(v => (v, $"for reference: {v.RowsPerTransaction} row(s) of {v.RowBytes:N0} B per transaction, synchronous={v.Synchronous}"))))
        {
            Console.WriteLine(string.Create(
                inv,
                $"| {what} | {r.Latency.Count * r.RowsPerTransaction:N0} | {r.PerSecond:0.0} | {r.MegabytesPerSecond:0.0} | {r.Latency.Percentile(50):0.00} | {r.Latency.Percentile(95):0.00} | {r.Latency.Percentile(99):0.00} | {r.CpuMsPerRow:0.00} |"));
        }

        var plain = service.Where(r => !r.Audited && r.Raw is not null).ToList();
        if (plain.Count > 0)
        {
            var best = plain.MaxBy(r => r.PerSecond)!;
            Console.WriteLine();
            Console.WriteLine(string.Create(inv, $"Service ÷ raw, best service rate: {best.PerSecond:0.0} ÷ {best.Raw!.PerSecond:0.0} = {best.PerSecond / best.Raw.PerSecond:0.0%} ({best.Desks} desks); best service rate ÷ best raw rate of the run: {best.PerSecond / plain.Max(r => r.Raw!.PerSecond):0.0%}. Photos rehashed from the stored bytes and matching: {service.Sum(s => s.PhotosRehashed)}."));
        }

        foreach (var profile in profiles)
        {
            profile.Print();
        }
    }
}
