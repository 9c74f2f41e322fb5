using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.ReliabilityTests.Crash;

/// <summary>
/// Crash consistency: one demo node on a fresh database, desks submitting captures back to back, and a killer that
/// SIGKILLs the node at random moments (in a request, in a transaction, idle, during start-up, during the very
/// first start-up's migrations and seeding), starts it again and checks the database (<see cref="CrashChecks"/>)
/// before letting the desks go on. Requests cut by a kill are sent again after the restart with the same key.
/// </summary>
public sealed class CrashHarness
{
    /// <summary>Desk accounts of the demo: two at the first commune, one at the second, so members last longer.</summary>
    private static readonly (string UserName, int CommuneIndex)[] Desks =
    [
        (DemoAccounts.Officer, 0),
        (DemoAccounts.Lead, 0),
        (DemoAccounts.Officer2, 1),
    ];

    private readonly CrashOptions _options;
    private readonly CrashReport _report;
    private readonly Random _random;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private CrashHarness(CrashOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);
        _report = new CrashReport { Provider = options.Provider, Seed = options.Seed };
    }

    public static async Task<CrashReport> RunAsync(CrashOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var harness = new CrashHarness(options);
        try
        {
            await harness.RunAsync();
        }
        catch (Exception e)
        {
            harness._report.Violations.Add("the run stopped: " + e);
        }

        harness._report.Duration = harness._clock.Elapsed;
        return harness._report;
    }

    private async Task RunAsync()
    {
        await using var database = TestDatabase.Create(_options.Provider);
        var settings = AppProcess.DemoSettings(database);

        // Workers that write while the desks do: re-checks every second, audit anchors every two.
        settings["Verification:Interval"] = "00:00:01";
        settings["Audit:AnchorInterval"] = "00:00:02";
        await using var node = new AppProcess(settings, name: $"crash-{_options.Provider}");
        var checks = new CrashChecks(database);
        var floor = new DeskFloor(new CaptureFixtures());

        if (!await FirstStartAsync(node))
        {
            return;
        }

        // The state the first start-up left, before any desk works: the demo whole, the storage sound.
        var runStartedAt = DateTime.UtcNow;
        if (!await CheckAsync(checks, floor, null, final: false, runStartedAt))
        {
            return;
        }

        var desks = new List<DeskWorker>();
        var clients = new List<HttpClient>();
        using var stop = new CancellationTokenSource();
        var running = new List<Task>();
        try
        {
            var communes = await FillPoolAsync(database, floor.Pool);
            foreach (var (userName, communeIndex) in Desks)
            {
                var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(10) })
                {
                    BaseAddress = node.Address,
                    Timeout = TimeSpan.FromSeconds(120),
                };
                clients.Add(client);
                await SignInClient.SignInAsync(client, userName);
                await DeskClient.ChooseStationAsync(client);
                desks.Add(new DeskWorker(userName, communes[communeIndex], client, floor));
            }

            running.AddRange(desks.Select(d => Task.Run(() => d.RunAsync(stop.Token))));
            var idle = false;
            while (_report.Kills < _options.Kills)
            {
                // Counted from the restart's first answer, or for a third of the rounds from the restart itself, so
                // that kills also land among the first requests a cold node serves.
                if (!idle && _random.Next(3) > 0)
                {
                    var answers = Volatile.Read(ref floor.Answers);
                    var wait = Stopwatch.StartNew();
                    while (Volatile.Read(ref floor.Answers) == answers && wait.Elapsed < TimeSpan.FromSeconds(30))
                    {
                        await Task.Delay(5);
                    }
                }

                await Task.Delay(_random.Next(_options.MinUptimeMs, _options.MaxUptimeMs + 1));
                floor.Gate.Close();
                var inFlight = floor.InFlight;
                await node.KillAsync();
                var killedAt = DateTime.UtcNow;
                _report.Kills++;
                if (inFlight > 0)
                {
                    _report.KillsMidRequest++;
                }
                else
                {
                    _report.KillsIdle++;
                }

                if (!await floor.Gate.AllWaitingAsync(() => running.Count(t => !t.IsCompleted), TimeSpan.FromMinutes(2)))
                {
                    _report.Violations.Add($"after kill {_report.Kills}: the desks' requests did not end within two minutes of the kill");
                    return;
                }

                if (running.FirstOrDefault(t => t.IsFaulted) is { } failed)
                {
                    _report.Violations.Add($"after kill {_report.Kills}: a desk stopped: {failed.Exception}");
                    return;
                }

                await RecycleAsync(database, floor, communes);
                if (_report.Kills < _options.Kills && _random.NextDouble() < _options.StartUpKillShare)
                {
                    killedAt = await KillDuringStartUpAsync(node) ?? killedAt;
                }

                if (!await RestartAsync(node))
                {
                    return;
                }

                if (!await CheckAsync(checks, floor, killedAt, final: false, runStartedAt))
                {
                    return;
                }

                Log($"kill {_report.Kills}/{_options.Kills}: {inFlight} requests cut, {floor.Ledger.Acknowledged.Count} acknowledged so far");

                // Now and then the desks stay away for a round: the kill then finds only the background work running.
                idle = _random.NextDouble() < _options.IdleShare;
                if (!idle)
                {
                    floor.Gate.Open();
                }
            }

            // The last restart: the desks finish what the kill cut, then a last check reads back every byte.
            floor.Draining = true;
            floor.Gate.Open();
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromMinutes(5));
            await CheckAsync(checks, floor, null, final: true, runStartedAt);
            _report.WithoutAuditEntry = checks.AcknowledgedWithoutAuditEntry;
            _report.DataProtectionKeys = checks.DataProtectionKeys;
        }
        finally
        {
            await stop.CancelAsync();
            floor.Gate.Open();
            try
            {
                await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (Exception e) when (e is OperationCanceledException or TimeoutException)
            {
                // Stopped on purpose.
            }

            Tally(floor);
            clients.ForEach(c => c.Dispose());
            await node.StopAsync();
        }
    }

    /// <summary>
    /// The first start-up on the empty database, killed <see cref="CrashOptions.FirstStartUpKills"/> times: once while
    /// the migrations run, once while the demo campaign is written, then at a random moment; then it must come up.
    /// </summary>
    private async Task<bool> FirstStartAsync(AppProcess node)
    {
        string[] triggers = ["Applying", "Demo commune"];
        for (var i = 0; i < _options.FirstStartUpKills && _report.Kills < _options.Kills; i++)
        {
            var seen = Count(node.RecentLog(), i < triggers.Length ? triggers[i] : "PartyCardIntake");
            await node.StartAsync(waitUntilReady: false);
            var deadline = _clock.Elapsed + TimeSpan.FromMinutes(3);
            var trigger = i < triggers.Length ? triggers[i] : null;
            if (trigger is not null)
            {
                while (Count(node.RecentLog(), trigger) <= seen && node.IsRunning && _clock.Elapsed < deadline)
                {
                    await Task.Delay(5);
                }
            }

            await Task.Delay(_random.Next(0, trigger is null ? 4000 : 400));
            var ready = await IsReadyAsync(node);
            await node.KillAsync();
            _report.Kills++;
            if (!ready)
            {
                _report.KillsDuringStartUp++;
                _report.KillsDuringFirstStartUp++;
            }
            else
            {
                _report.KillsIdle++;
            }

            Log($"first start-up kill {i + 1} ({trigger ?? "random"}): {(ready ? "the node was ready already" : "before ready")}");
        }

        return await RestartAsync(node);
    }

    /// <summary>Starts the node and kills it again before it is ready; returns the moment of the kill, or null when it was ready first.</summary>
    private async Task<DateTime?> KillDuringStartUpAsync(AppProcess node)
    {
        var typical = _report.RestartTimes.Count == 0 ? 3000 : (int)_report.RestartTimes.Order().ElementAt(_report.RestartTimes.Count / 2).TotalMilliseconds;
        await node.StartAsync(waitUntilReady: false);
        await Task.Delay(_random.Next(50, Math.Max(500, typical)));
        var ready = await IsReadyAsync(node);
        await node.KillAsync();
        _report.Kills++;
        if (ready)
        {
            _report.KillsIdle++;
        }
        else
        {
            _report.KillsDuringStartUp++;
        }

        return DateTime.UtcNow;
    }

    private async Task<bool> RestartAsync(AppProcess node)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await node.StartAsync(_options.StartTimeout);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            _report.Violations.Add($"after kill {_report.Kills}: the node did not come back: {e.Message}");
            return false;
        }

        _report.Restarts++;
        _report.RestartTimes.Add(watch.Elapsed);
        return true;
    }

    private async Task<bool> CheckAsync(CrashChecks checks, DeskFloor floor, DateTime? killedAt, bool final, DateTime runStartedAt)
    {
        var watch = Stopwatch.StartNew();
        var problems = await checks.RunAsync(floor.Ledger, killedAt, final, runStartedAt);
        while (floor.Violations.TryDequeue(out var violation))
        {
            problems.Add(violation);
        }

        _report.Checks++;
        _report.CheckTimes.Add(watch.Elapsed);
        if (problems.Count == 0)
        {
            _report.ChecksPassed++;
            return true;
        }

        var when = final ? "at the end" : $"after kill {_report.Kills}";
        _report.Violations.AddRange(problems.Select(p => $"{when}: {p}"));
        Log($"{when}: {problems.Count} violations: {string.Join(" | ", problems)}");

        // Later rounds would only repeat a broken state; the first violation is the one to read.
        return false;
    }

    /// <summary>The eligible members without an active application of the desks' communes, in a seeded order.</summary>
    private async Task<int[]> FillPoolAsync(TestDatabase database, MemberPool pool)
    {
        await using var db = database.CreateContext(DataScope.System);
        var codes = DemoPopulationGenerator.DefaultShapes.Select(s => s.Code).ToList();
        var byCode = await db.Communes.Where(c => codes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, c => c.Id);
        var communes = codes.Select(code => byCode[code]).ToArray();
        foreach (var communeId in Desks.Select(d => communes[d.CommuneIndex]).Distinct())
        {
            var free = await db.PartyMembers
                .Where(m => m.CommuneId == communeId && m.Exemption == null && !db.Applications.Any(a => a.MemberId == m.Id && a.State != ApplicationState.Cancelled))
                .Select(m => m.Id)
                .ToArrayAsync();
            _random.Shuffle(free);
            pool.Add(communeId, free);
        }

        return communes;
    }

    /// <summary>
    /// The demo communes have a few thousand members, fewer than a long run submits. While the node is down, a
    /// commune running short gets members back: its checked applications are cancelled (the domain's own transition,
    /// saved through the same counting interceptor as the application's saves) and their members submitted again.
    /// </summary>
    private async Task RecycleAsync(TestDatabase database, DeskFloor floor, int[] communes)
    {
        foreach (var communeId in Desks.Select(d => communes[d.CommuneIndex]).Distinct())
        {
            if (floor.Pool.Count(communeId) >= _options.RecycleBelow)
            {
                continue;
            }

            var done = floor.Ledger.Acknowledged.Where(s => s.CommuneId == communeId && s.BytesVerified && !s.Recycled).ToDictionary(s => s.ApplicationId!.Value);
            var ids = done.Keys.ToList();
            await using var db = database.CreateContext(DataScope.System);
            var now = DateTime.UtcNow;
            var freed = new List<int>();
            foreach (var chunk in ids.Chunk(500))
            {
                var applications = await db.Applications
                    .Where(a => chunk.Contains(a.Id) && (a.State == ApplicationState.Submitted || a.State == ApplicationState.Returned))
                    .ToListAsync();
                foreach (var application in applications)
                {
                    application.Cancel(now);
                    done[application.Id].Recycled = true;
                    freed.Add(application.MemberId);
                }

                await db.SaveChangesAsync();
            }

            floor.Pool.Add(communeId, freed);
            _report.Recycled += freed.Count;
            Log($"commune {communeId}: {freed.Count} applications cancelled to reuse their members");
        }
    }

    private static async Task<bool> IsReadyAsync(AppProcess node)
    {
        using var client = new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromSeconds(1) };
        try
        {
            using var response = await client.GetAsync("health/ready");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private void Tally(DeskFloor floor)
    {
        var all = floor.Ledger.All;
        _report.Sent = all.Count;
        _report.Acknowledged = all.Count(s => s.Acknowledged);
        _report.Retried = all.Count(s => s.Acknowledged && s.Attempts > 1);
        _report.SavedBeforeKillAnswerLost = all.Count(s => s.Acknowledged && s.Attempts > 1 && s.AnsweredAsRepeat);
        _report.ServerErrors = floor.ServerErrors;
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private void Log(string line) => _options.Log?.Invoke($"[{_clock.Elapsed:hh\\:mm\\:ss}] {line}");
}
