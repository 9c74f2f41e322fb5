using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.ReliabilityTests.Desks;
using PartyCardIntake.Tests.Shared;
using Xunit.Abstractions;

namespace PartyCardIntake.ReliabilityTests.Faults;

/// <summary>
/// PostgreSQL restarted under a node that is taking desk submissions. The node has a server of the test's own
/// (<see cref="PostgresCluster"/>), so that it can be restarted and stopped; desks keep capturing throughout,
/// and press "save" again with the same key whenever a save fails, as the desk page lets an officer do.
/// </summary>
public sealed class DatabaseRestartTests(ITestOutputHelper output)
{
    private const int Desks = 4;

    // Shorter than the production default (5 retries, about 14 s) so that a 6-second outage outlasts it and
    // some saves do fail: they are what the message and the re-submission are about.
    private const int MaxRetryCount = 3;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task A_node_rides_out_a_postgresql_restart_and_an_outage_without_losing_or_doubling_a_submission()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        await using var database = TestDatabase.OnServer(cluster.ConnectionString);
        var settings = AppProcess.DemoSettings(database);
        settings["Database:MaxRetryCount"] = MaxRetryCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Database:MaxRetryDelay"] = MaxRetryDelay.ToString();
        await using var node = new AppProcess(settings, name: "db-fault");
        await node.StartAsync();
        var processId = node.ProcessId;

        var clock = Stopwatch.StartNew();
        var members = new ConcurrentQueue<int>(await DeskMembers.FreeAsync(database, 600));
        var desks = new List<SimulatedDesk>();
        for (var i = 0; i < Desks; i++)
        {
            desks.Add(await SimulatedDesk.OpenAsync(node.Address, i, clock));
        }

        using var stop = new CancellationTokenSource();
        var health = new HealthProbe(node.Address, clock);
        var probing = health.RunAsync(stop.Token);
        var working = desks.Select(d => WorkAsync(d, members, stop.Token)).ToList();
        var timeline = new List<string>();
        void Mark(string what) => timeline.Add($"{clock.Elapsed.TotalSeconds,6:0.0} s  {what}");
        try
        {
            // Warm: every desk saving, the pool full of connections to the server about to go away.
            await Task.Delay(TimeSpan.FromSeconds(3));

            Mark("pg_ctl restart -m fast");
            var restartFrom = clock.Elapsed;
            await cluster.RestartAsync();
            var restartTo = clock.Elapsed;
            Mark("server back");
            await Task.Delay(TimeSpan.FromSeconds(3));

            Mark("pg_ctl stop -m fast");
            await cluster.StopAsync();
            var outageFrom = clock.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(3));

            // A page asked while the server is down, past the node's retrying.
            var desk0 = desks[0];
            using (var page = await desk0.GetAsync("/desk"))
            {
                page.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
                (await page.Content.ReadAsStringAsync()).Should().Contain(SimulatedDesk.DatabaseUnavailableText).And.Contain("data-testid=\"database-unavailable\"");
            }

            var remaining = Outage - (clock.Elapsed - outageFrom);
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining);
            }

            Mark("pg_ctl start");
            await cluster.StartAsync();
            var outageTo = clock.Elapsed;
            Mark("server back");
            await Task.Delay(TimeSpan.FromSeconds(4));
            Mark("desks finish their member");
            await stop.CancelAsync();
            await Task.WhenAll(working);
            await probing;

            var attempts = desks.SelectMany(d => d.Attempts).OrderBy(a => a.At).ToList();
            var acknowledged = attempts.Where(a => a.Answer == DeskAnswer.Saved).ToList();
            var failed = attempts.Where(a => a.Answer != DeskAnswer.Saved).ToList();
            Report(output, timeline, attempts, health);

            node.IsRunning.Should().BeTrue();
            node.ProcessId.Should().Be(processId, "the node recovers without a restart of its own");

            failed.Should().NotBeEmpty("an outage longer than the node's retrying fails some saves");
            failed.Should().OnlyContain(a => a.Answer == DeskAnswer.DatabaseUnavailable, "a failed save answers the Vietnamese message, not a bare 500 or a stack trace");
            bool Around(TimeSpan at, TimeSpan from, TimeSpan to) => at >= from - TimeSpan.FromSeconds(1) && at <= to + TimeSpan.FromSeconds(2);
            failed.Where(a => !Around(a.At, restartFrom, restartTo) && !Around(a.At, outageFrom, outageTo)).Should().BeEmpty("saves fail only while the server is away");
            acknowledged.Should().Contain(a => a.At > outageTo, "the desks work again after the outage");

            // Every capture ended saved: the re-submissions with the same key went through once the server was back.
            var captures = attempts.GroupBy(a => a.Key).ToList();
            captures.Should().OnlyContain(c => c.Last().Answer == DeskAnswer.Saved);
            captures.Select(c => c.First().MemberId).Should().OnlyHaveUniqueItems();
            captures.Where(c => c.Count(a => a.Answer == DeskAnswer.Saved) == 1).Should().HaveCount(captures.Count);
            foreach (var capture in captures)
            {
                capture.Where(a => a.Answer == DeskAnswer.Saved).Select(a => a.ApplicationId).Should().ContainSingle().Which.Should().NotBeNull();
            }

            health.Saw(h => !h.Ready && h.At > outageFrom && h.At < outageTo).Should().BeTrue("/health/ready reports the outage");
            health.Last.Ready.Should().BeTrue("/health/ready is healthy again after it");

            await using var db = database.CreateContext(DataScope.System);
            var keys = captures.Select(c => c.Key).ToList();
            var memberIds = captures.Select(c => c.First().MemberId).ToList();
            var stored = await db.Applications.AsNoTracking()
                .Where(a => memberIds.Contains(a.MemberId))
                .Select(a => new { a.Id, a.MemberId, a.IdempotencyKey, Photo = a.Capture!.Photo.Length, Signature = a.Capture.Signature.Length })
                .ToListAsync();
            stored.Should().HaveCount(captures.Count, "every acknowledged capture exists, once");
            stored.Select(a => a.IdempotencyKey).Order().Should().Equal(keys.Order());
            stored.Should().OnlyContain(a => a.Photo > 0 && a.Signature > 0, "with its photo and signature");
            foreach (var capture in captures)
            {
                stored.Single(a => a.IdempotencyKey == capture.Key).Id.Should().Be(capture.Single(a => a.Answer == DeskAnswer.Saved).ApplicationId!.Value);
            }

            var counts = await ProgressCounts.ReadAsync(database);
            counts.Stored.Should().BeEquivalentTo(counts.Recounted, "the progress counts were kept in the same transactions through the retries");
        }
        catch (Exception e)
        {
            output.WriteLine(e.ToString());
            output.WriteLine(string.Join('\n', timeline));
            output.WriteLine("--- node log ---\n" + node.RecentLog());
            throw;
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var desk in desks)
            {
                desk.Dispose();
            }

            // The test database is dropped through the server.
            if (!cluster.IsRunning)
            {
                await cluster.StartAsync();
            }
        }
    }

    /// <summary>One desk's day: the next member, captured until saved; a short pause between members.</summary>
    private static async Task WorkAsync(SimulatedDesk desk, ConcurrentQueue<int> members, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && members.TryDequeue(out var memberId))
        {
            // The member in front of the desk is finished even after the end is called.
            await desk.CaptureAsync(memberId, retryDelay: TimeSpan.FromMilliseconds(500), giveUpAfter: TimeSpan.FromSeconds(60), CancellationToken.None);
            try
            {
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static void Report(ITestOutputHelper output, List<string> timeline, List<DeskAttempt> attempts, HealthProbe health)
    {
        output.WriteLine(string.Join('\n', timeline));
        output.WriteLine($"presses of save: {attempts.Count}; saved {attempts.Count(a => a.Answer == DeskAnswer.Saved)} (repeats answered as saved: {attempts.Count(a => a.Repeat)}); " +
            $"database unavailable {attempts.Count(a => a.Answer == DeskAnswer.DatabaseUnavailable)}; other {attempts.Count(a => a.Answer is DeskAnswer.Other or DeskAnswer.NoAnswer or DeskAnswer.AlreadySubmitted)}");
        output.WriteLine($"captures: {attempts.Select(a => a.Key).Distinct().Count()}; needing more than one press: {attempts.GroupBy(a => a.Key).Count(g => g.Count() > 1)}; " +
            $"slowest save {attempts.Where(a => a.Answer == DeskAnswer.Saved).Max(a => a.Took).TotalSeconds:0.0} s");
        foreach (var failure in attempts.Where(a => a.Answer != DeskAnswer.Saved).Take(5))
        {
            output.WriteLine($"  {failure.At.TotalSeconds:0.0} s desk {failure.Desk}: {failure.Status} {failure.Answer} after {failure.Took.TotalSeconds:0.0} s: {failure.Message}");
        }

        output.WriteLine($"health: {health.Summary()}");
    }
}

/// <summary>Asks /health/ready every 100 ms and remembers the answers.</summary>
internal sealed class HealthProbe(Uri address, Stopwatch clock)
{
    private readonly List<(TimeSpan At, bool Ready, string Answer)> _answers = [];

    public (TimeSpan At, bool Ready, string Answer) Last
    {
        get
        {
            lock (_answers)
            {
                return _answers[^1];
            }
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(3) };
        while (true)
        {
            var at = clock.Elapsed;
            (bool, string) answer;
            try
            {
                using var response = await client.GetAsync("health/ready", CancellationToken.None);
                answer = (response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                answer = (false, e.GetType().Name);
            }

            lock (_answers)
            {
                _answers.Add((at, answer.Item1, answer.Item2));
            }

            if (stop.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    public bool Saw(Func<(TimeSpan At, bool Ready, string Answer), bool> predicate)
    {
        lock (_answers)
        {
            return _answers.Any(predicate);
        }
    }

    /// <summary>The runs of equal answers, e.g. "0.0–9.1 s ready; 9.1–15.2 s 503 Unhealthy; …".</summary>
    public string Summary()
    {
        lock (_answers)
        {
            var runs = new List<string>();
            var start = 0;
            for (var i = 1; i <= _answers.Count; i++)
            {
                if (i == _answers.Count || _answers[i].Answer != _answers[start].Answer)
                {
                    runs.Add($"{_answers[start].At.TotalSeconds:0.0}–{_answers[i - 1].At.TotalSeconds:0.0} s {_answers[start].Answer}");
                    start = i;
                }
            }

            return string.Join("; ", runs);
        }
    }
}
