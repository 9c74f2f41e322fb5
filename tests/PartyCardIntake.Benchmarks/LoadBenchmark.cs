using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.Benchmarks;

/// <summary>
/// Desk submissions through HTTP against the application as a real process (Release build): many desks
/// at once, each signed in with its own session and station, posting a photo, a signature and its strokes
/// for members of its own without pause. Measures throughput, latency at the client, errors and the
/// node's memory; afterwards every acknowledged submission must be in the database with its capture.
/// </summary>
internal static partial class LoadBenchmark
{
    public sealed record Options(int Clients, TimeSpan WarmUp, TimeSpan Duration, string? Connection);

    public sealed record Result(
        string Setup, int Clients, double Seconds, int Submitted, double PerSecond, Measurement Latency,
        int Errors, string ErrorSummary, long PeakRssBytes, long RssAtEndBytes, int Acknowledged, int Verified, double LoadAverage, double NodeCpuMsPerSubmission, double ClientCpuMsPerSubmission, double? DatabaseCpuMsPerSubmission);

    private static readonly string[] Officers = [DemoAccounts.Officer, DemoAccounts.Officer2];

    public static async Task<Result> RunAsync(DatabaseProvider provider, Options options)
    {
        ThrowawayPostgres? server = null;
        string setup;
        if (provider == DatabaseProvider.PostgreSql)
        {
            if (options.Connection is { } connection)
            {
                Environment.SetEnvironmentVariable(TestDatabase.PostgresVariable, connection);
                setup = "PostgreSQL (given server)";
            }
            else
            {
                server = await ThrowawayPostgres.StartAsync(Path.Combine(RepositoryRoot, "deploy", "postgresql", "partycardintake.conf"));
                Environment.SetEnvironmentVariable(TestDatabase.PostgresVariable, server.ConnectionString);
                setup = $"PostgreSQL {server.Version} (deploy/postgresql/partycardintake.conf, fsync and synchronous_commit on)";
            }
        }
        else
        {
            setup = "SQLite (WAL, file on ext4)";
        }

        try
        {
            await using var database = TestDatabase.Create(provider);
            var settings = AppProcess.DemoSettings(database);
            if (provider == DatabaseProvider.PostgreSql)
            {
                // As the province example configures it.
                settings["ConnectionStrings:PartyCard"] = database.ConnectionString + ";Maximum Pool Size=40";
            }

            await using var node = new AppProcess(settings, name: "load");
            Console.WriteLine($"load: starting the node on {setup} ({Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(AppProcess.WebAssembly)))} build)…");
            await node.StartAsync(TimeSpan.FromMinutes(3));
            Console.WriteLine($"load: node is process {node.ProcessId}");

            var perClient = (int)Math.Ceiling(600 * (options.WarmUp + options.Duration).TotalSeconds / options.Clients) + 20;
            var members = await PrepareMembersAsync(database, perClient * options.Clients);
            Console.WriteLine($"load: {members.Sum(m => m.Count)} members ready in {members.Count} communes; signing in {options.Clients} desks…");

            var desks = await SignInDesksAsync(node, options.Clients, members, perClient);
            var result = await DriveAsync(node, desks, options, server is null ? null : server.CpuMilliseconds);
            foreach (var desk in desks)
            {
                desk.Client.Dispose();
            }

            var verified = await VerifyAsync(database, result.Acknowledged);
            await node.StopAsync();
            return new Result(
                setup, options.Clients, options.Duration.TotalSeconds, result.Latency.Count, result.Latency.Count / options.Duration.TotalSeconds,
                result.Latency, result.Errors.Values.Sum(), string.Join(", ", result.Errors.Select(e => $"{e.Key}: {e.Value}")),
                result.PeakRss, result.RssAtEnd, result.Acknowledged.Count, verified, result.LoadAverage, result.NodeCpuMs / Math.Max(1, result.Latency.Count), result.ClientCpuMs / Math.Max(1, result.Latency.Count), result.DatabaseCpuMs / Math.Max(1, result.Latency.Count));
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }

    private sealed record Desk(HttpClient Client, string Token, Queue<int> Members);

    private sealed record Drive(Measurement Latency, ConcurrentDictionary<string, int> Errors, List<(Guid Application, int Member)> Acknowledged, long PeakRss, long RssAtEnd, double LoadAverage, double NodeCpuMs, double ClientCpuMs, double? DatabaseCpuMs);

    /// <summary>Members with no application yet in the two communes that have demo officers, topped up to the number needed.</summary>
    internal static async Task<List<List<int>>> PrepareMembersAsync(TestDatabase database, int needed)
    {
        var lists = new List<List<int>>();
        for (var index = 0; index < Officers.Length; index++)
        {
            await using var db = database.CreateContext(DataScope.System);
            var code = DemoPopulationGenerator.DefaultShapes[index].Code;
            var commune = await db.Communes.SingleAsync(c => c.Code == code);
            var cells = await db.PartyCells.Where(c => c.CommuneId == commune.Id).Select(c => c.Id).ToListAsync();
            var taken = (await db.PartyMembers.Select(m => m.IdNumber).ToListAsync()).Select(i => i.Value).ToHashSet();
            var extra = DemoPopulationGenerator.Generate(
                seed: 11 + index, shapes: [new($"9999{index}", commune.Name, (needed / Officers.Length) + 50, 300, new(7, 0), new(17, 0), 1)]);
            var now = DateTime.UtcNow;
            var added = 0;
            foreach (var m in extra.Communes[0].Cells.SelectMany(c => c.Members))
            {
                if (!taken.Add(m.IdNumber.Value))
                {
                    continue;
                }

                db.PartyMembers.Add(PartyMember.Create(commune.Id, cells[added % cells.Count], m.IdNumber, m.FullName, m.Sex, m.BirthYear, m.BirthDate, now));
                if (++added % 2000 == 0)
                {
                    await db.SaveChangesAsync();
                    db.ChangeTracker.Clear();
                }
            }

            await db.SaveChangesAsync();
            lists.Add(await db.PartyMembers
                .Where(m => m.CommuneId == commune.Id && m.Exemption == null && !db.Applications.Any(a => a.MemberId == m.Id))
                .OrderBy(m => m.Id)
                .Select(m => m.Id)
                .ToListAsync());
        }

        return lists;
    }

    /// <summary>
    /// Every desk signs in on its own (its own session cookie), chooses a station of its commune in turn
    /// (site and device, as an officer does in the morning) and takes the next members of its commune.
    /// </summary>
    private static async Task<List<Desk>> SignInDesksAsync(AppProcess node, int clients, List<List<int>> members, int perClient)
    {
        var desks = new Desk[clients];
        using var gate = new SemaphoreSlim(4);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var commune = i % Officers.Length;
                var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
                {
                    BaseAddress = node.Address,
                    Timeout = TimeSpan.FromSeconds(60),
                };
                await SignInClient.SignInAsync(client, Officers[commune]);
                // The station is chosen on its own static page; the desk itself runs in a circuit.
                var page = await client.GetStringAsync("/desk/station");
                var stations = StationOption().Matches(page).Select(m => m.Groups[1].Value).ToList();
                using var chosen = await client.PostAsync("/desk/station", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = SignInClient.AntiforgeryToken(page),
                    ["_handler"] = "desk-station",
                    ["Station"] = stations[(i / Officers.Length) % stations.Count],
                }));
                if ((int)chosen.StatusCode >= 400)
                {
                    throw new InvalidOperationException($"Desk {i} could not choose a station: {(int)chosen.StatusCode}.");
                }

                var slot = i / Officers.Length;
                var own = members[commune].Skip(slot * perClient).Take(perClient).ToList();
                if (own.Count < perClient)
                {
                    throw new InvalidOperationException($"Not enough members for desk {i}.");
                }

                desks[i] = new Desk(client, await DeskClient.TokenAsync(client), new Queue<int>(own));
            }
            finally
            {
                gate.Release();
            }
        }));
        return [.. desks];
    }

    private static async Task<Drive> DriveAsync(AppProcess node, List<Desk> desks, Options options, Func<double>? databaseCpu)
    {
        var photo = DeskClient.Fixture("photo-600x800-60k.jpg");
        var signature = DeskClient.Fixture("signature-600x200.png");
        var strokes = await File.ReadAllTextAsync(DeskClient.FixturePath("signature-600x200.json"));
        var latency = new Measurement($"submit ({desks.Count} desks)");
        var errors = new ConcurrentDictionary<string, int>();
        var acknowledged = new List<(Guid, int)>();
        var clock = Stopwatch.StartNew();
        var measureFrom = options.WarmUp;
        var measureTo = options.WarmUp + options.Duration;
        Console.WriteLine($"load: {photo.Length / 1024} KB photo, {signature.Length / 1024} KB signature, {strokes.Length / 1024} KB strokes per submission; warm-up {options.WarmUp.TotalSeconds:0} s, then {options.Duration.TotalSeconds:0} s measured");

        long peakDuringRun = 0;
        double loadAverage = 0;
        double? cpuAtStart = null;
        double cpuAtEnd = 0;
        double? clientAtStart = null;
        double clientAtEnd = 0;
        double? databaseAtStart = null;
        double databaseAtEnd = 0;
        using var stopSampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stopSampling.IsCancellationRequested)
            {
                peakDuringRun = Math.Max(peakDuringRun, ProcStatus(node.ProcessId, "VmRSS:"));
                if (clock.Elapsed > measureFrom && clock.Elapsed < measureTo)
                {
                    loadAverage = Math.Max(loadAverage, LoadAverage());
                    cpuAtStart ??= CpuMilliseconds(node.ProcessId);
                    cpuAtEnd = CpuMilliseconds(node.ProcessId);
                    clientAtStart ??= CpuMilliseconds(Environment.ProcessId);
                    clientAtEnd = CpuMilliseconds(Environment.ProcessId);
                    if (databaseCpu is not null)
                    {
                        databaseAtStart ??= databaseCpu();
                        databaseAtEnd = databaseCpu();
                    }
                }

                await Task.Delay(250);
            }
        });

        await Task.WhenAll(desks.Select(desk => Task.Run(async () =>
        {
            while (clock.Elapsed < measureTo && desk.Members.TryDequeue(out var member))
            {
                var started = clock.Elapsed;
                using var content = new MultipartFormDataContent();
                content.Add(new StringContent(desk.Token), "__RequestVerificationToken");
                content.Add(new StringContent(Guid.NewGuid().ToString()), "idempotencyKey");
                var photoPart = new ByteArrayContent(photo);
                photoPart.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                content.Add(photoPart, "photo", "photo.jpg");
                var signaturePart = new ByteArrayContent(signature);
                signaturePart.Headers.ContentType = new MediaTypeHeaderValue("image/png");
                content.Add(signaturePart, "signature", "signature.png");
                content.Add(new StringContent(strokes), "strokes");
                string? error = null;
                Guid? application = null;
                try
                {
                    using var response = await desk.Client.PostAsync($"/desk/members/{member}/submit", content);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        application = (await response.Content.ReadFromJsonAsync<Answer>())!.ApplicationId;
                    }
                    else
                    {
                        error = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    error = e.GetType().Name;
                }

                var finished = clock.Elapsed;
                if (application is { } id)
                {
                    lock (acknowledged)
                    {
                        acknowledged.Add((id, member));
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

        await stopSampling.CancelAsync();
        await sampler;
        return new Drive(latency, errors, acknowledged, Math.Max(peakDuringRun, ProcStatus(node.ProcessId, "VmHWM:")), ProcStatus(node.ProcessId, "VmRSS:"), loadAverage, cpuAtEnd - (cpuAtStart ?? cpuAtEnd), clientAtEnd - (clientAtStart ?? clientAtEnd), databaseCpu is null ? null : databaseAtEnd - (databaseAtStart ?? databaseAtEnd));
    }

    /// <summary>Every acknowledged submission must be stored with its photo and signature; returns how many are.</summary>
    private static async Task<int> VerifyAsync(TestDatabase database, List<(Guid Application, int Member)> acknowledged)
    {
        await using var db = database.CreateContext(DataScope.System);
        var found = new HashSet<(Guid, int)>();
        foreach (var chunk in acknowledged.Chunk(500))
        {
            var ids = chunk.Select(a => a.Application).ToList();
            var rows = await db.Applications.AsNoTracking()
                .Where(a => ids.Contains(a.Id) && a.Capture != null && a.Capture.PhotoSha256 != "" && a.Capture.SignatureSha256 != "")
                .Select(a => new { a.Id, a.MemberId })
                .ToListAsync();
            found.UnionWith(rows.Select(r => (r.Id, r.MemberId)));
        }

        return acknowledged.Count(found.Contains);
    }

    /// <summary>A value in kB from /proc/PID/status, in bytes.</summary>
    private static long ProcStatus(int pid, string key)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>User and system CPU time the process has used (/proc/PID/stat, clock ticks of 10 ms).</summary>
    internal static double CpuMilliseconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }

    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    public static string RepositoryRoot { get; } = Path.GetFullPath(Path.Combine(AppProcess.WebProjectFolder, "..", ".."));

    public static void Print(IReadOnlyList<Result> results)
    {
        Console.WriteLine();
        Console.WriteLine("| database | desks | measured s | submissions | per second | p50 ms | p95 ms | p99 ms | max ms | errors | node peak RSS MB | CPU ms per submission: node / database server / client | acknowledged / found after | max load avg |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {r.Setup} | {r.Clients} | {r.Seconds:0} | {r.Submitted} | {r.PerSecond:0.0} | {r.Latency.Percentile(50):0} | {r.Latency.Percentile(95):0} | {r.Latency.Percentile(99):0} | {r.Latency.Percentile(100):0} | {r.Errors}{(r.Errors > 0 ? " (" + r.ErrorSummary + ")" : string.Empty)} | {r.PeakRssBytes / 1048576.0:0} | {r.NodeCpuMsPerSubmission:0.0} / {(r.DatabaseCpuMsPerSubmission is { } db ? db.ToString("0.0", CultureInfo.InvariantCulture) : "in node")} / {r.ClientCpuMsPerSubmission:0.0} | {r.Acknowledged} / {r.Verified} | {r.LoadAverage:0.0} |"));
        }
    }

    private sealed record Answer(Guid ApplicationId);

    [GeneratedRegex("<option value=\"([0-9]+:[0-9]+)\"")]
    private static partial Regex StationOption();
}
