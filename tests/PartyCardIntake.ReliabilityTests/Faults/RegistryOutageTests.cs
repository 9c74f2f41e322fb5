using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Registry;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Infrastructure.Registry;
using PartyCardIntake.MockRegistry;
using PartyCardIntake.ReliabilityTests.Desks;
using PartyCardIntake.Tests.Shared;
using Polly.CircuitBreaker;
using Xunit.Abstractions;

namespace PartyCardIntake.ReliabilityTests.Faults;

/// <summary>
/// "The registry is down for 10 minutes during a day of desk work", end to end: desks check and save members
/// over HTTP against a real server whose built-in mock registry drops every connection for the outage
/// (its Outage switch), the re-check worker runs on its own, and every HTTP attempt the adapter makes is
/// recorded with the circuit's state at that moment. Time is scaled down 60 times — a minute of the day
/// lasts a second (Polly's shortest break is 0.5 s) — in every setting that paces the scenario: the desks (a
/// member every 2 minutes at each of 3 desks), the outage (10 minutes → 10 s), the breaker (window 3 minutes →
/// 3 s, break 30 s → 0.5 s), the worker (every 15 s → 0.25 s, first back-off 30 s → 0.5 s). The worker's
/// longest back-off is cut to 2 s (30 minutes would be 30 s) so that the records resolve within seconds of the
/// recovery. The breaker's thresholds, the retries and the timeouts are the production ones.
/// </summary>
public abstract class RegistryOutageTests(ITestOutputHelper output)
{
    private const int Desks = 3;
    private const int Retries = 3;
    private const int MinimumThroughput = 6;
    private static readonly TimeSpan BreakDuration = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Pace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Before = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan After = TimeSpan.FromSeconds(2);

    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task A_ten_minute_registry_outage_leaves_the_records_pending_and_each_resolves_with_one_call_once_it_is_over()
    {
        var clock = Stopwatch.StartNew();
        var attempts = new AttemptLog(clock);
        await using var app = new OutageApp(Provider, attempts);
        var address = app.ServerAddress;
        var faults = app.RegistryFaults;
        var pipeline = app.Services.GetRequiredService<RegistryResiliencePipeline>();
        var members = new ConcurrentQueue<int>(await MembersTheRegistryMatchesAsync(app, 60));
        var desks = new List<SimulatedDesk>();
        for (var i = 0; i < Desks; i++)
        {
            desks.Add(await SimulatedDesk.OpenAsync(address, i, clock));
        }

        var checks = new ConcurrentBag<(TimeSpan At, int MemberId, string Outcome)>();
        using var stop = new CancellationTokenSource();
        var circuit = WatchCircuitAsync(pipeline, clock, stop.Token);
        try
        {
            faults.Reset();
            var savedAt = new ConcurrentDictionary<int, TimeSpan>();
            var work = desks.Select(d => DeskDayAsync(d, members, checks, savedAt, clock, m => DeskCheckAsync(app, m), stop.Token)).ToList();
            await Task.Delay(Before);

            var outageFrom = clock.Elapsed;
            var outageFromUtc = DateTime.UtcNow;
            faults.Set(new RegistryFaults { Outage = true });
            await Task.Delay(Outage);

            // Still inside the outage: what is saved by now is pending, none of it decided by a failure.
            var pendingReadFrom = clock.Elapsed;
            var pendingAtRecovery = await PendingAsync(app);
            var outageTo = clock.Elapsed;
            var outageToUtc = DateTime.UtcNow;
            faults.Set(new RegistryFaults());
            await Task.Delay(After);
            await stop.CancelAsync();
            await Task.WhenAll(work);
            await circuit;

            // The worker goes on until every record has its answer.
            var deadline = clock.Elapsed + TimeSpan.FromSeconds(30);
            while ((await PendingAsync(app)).Count > 0 && clock.Elapsed < deadline)
            {
                await Task.Delay(100);
            }

            await using var db = app.Database.CreateContext(DataScope.System);
            var ours = desks.SelectMany(d => d.Attempts).Where(a => a.Answer == DeskAnswer.Saved).Select(a => a.MemberId).ToList();
            var applications = await db.Applications.AsNoTracking().Where(a => ours.Contains(a.MemberId)).ToListAsync();
            var registryChecks = await db.RegistryChecks.AsNoTracking().Where(c => ours.Contains(c.MemberId)).OrderBy(c => c.Id).ToListAsync();
            var log = attempts.All;
            var transitions = CircuitLog.ToList();
            Report(output, log, transitions, checks, outageFrom, outageTo, pendingAtRecovery.Count, applications.Count);

            // The desks saved every member, whatever the registry did.
            desks.SelectMany(d => d.Attempts).Should().OnlyContain(a => a.Answer == DeskAnswer.Saved);
            var savedDuringOutage = checks.Where(c => c.At >= outageFrom && c.At < outageTo).Select(c => c.MemberId).ToHashSet();
            savedDuringOutage.Should().HaveCountGreaterThanOrEqualTo(Desks * 3, "the desks kept working through the outage");
            checks.Where(c => c.At > outageFrom + TimeSpan.FromMilliseconds(100) && c.At < outageTo).Should().OnlyContain(c => c.Outcome == "Unavailable");

            // During the outage: every record saved is pending, none matched by a failure.
            // Only the saves answered before that read can be in it: on a loaded machine a save begun in the
            // outage may be answered after it.
            var savedBeforeTheRead = savedDuringOutage.Where(m => savedAt.TryGetValue(m, out var at) && at < pendingReadFrom).ToHashSet();
            pendingAtRecovery.Should().Contain(applications.Where(a => savedBeforeTheRead.Contains(a.MemberId)).Select(a => a.Id));
            // A check is stamped when its answer is in: one that began before the switch may end inside the outage.
            registryChecks.Where(c => c.Outcome == CheckOutcome.Matched).Should().OnlyContain(c => c.CitizenJson != null
                && (c.CheckedAt - TimeSpan.FromMilliseconds(c.ElapsedMilliseconds) < outageFromUtc || c.CheckedAt > outageToUtc - TimeSpan.FromMilliseconds(50)));

            // After it: every record resolved, each pending one by exactly one successful call.
            applications.Should().OnlyContain(a => a.Verification == VerificationStatus.Matched);
            foreach (var application in applications.Where(a => pendingAtRecovery.Contains(a.Id)))
            {
                registryChecks.Where(c => c.ApplicationId == application.Id && c.Outcome != CheckOutcome.Unavailable).Should().ContainSingle("one answer per record, no second call once it had one");
            }

            // Calls: within the retry policy while the circuit was closed, none while open, one per lookup after.
            var failed = log.Where(a => !a.Succeeded).ToList();
            failed.Should().OnlyContain(a => a.At >= outageFrom && a.At <= outageTo + TimeSpan.FromMilliseconds(100), "attempts fail only during the outage");
            log.Should().NotContain(a => a.State == CircuitState.Open || a.State == CircuitState.Isolated, "an open circuit makes no calls");
            var lookupsDuring = registryChecks.Count(c => c.CheckedAt >= outageFromUtc && c.CheckedAt <= outageToUtc + TimeSpan.FromMilliseconds(200));
            failed.Count.Should().BeLessThanOrEqualTo(lookupsDuring * (1 + Retries), "no lookup makes more calls than its retries allow");
            var failedClosed = failed.Count(a => a.State == CircuitState.Closed);
            failedClosed.Should().BeLessThanOrEqualTo(((1 + Retries) * (Desks + 1)) + MinimumThroughput, "the circuit opens after the configured failures, whatever the desks' pace");
            var trials = failed.Where(a => a.State == CircuitState.HalfOpen).Select(a => a.At).ToList();
            trials.Count.Should().BeLessThanOrEqualTo((int)(Outage / BreakDuration) + 2, "an open circuit lets one trial through per break");
            trials.Zip(trials.Skip(1), (a, b) => b - a).Should().OnlyContain(gap => gap >= BreakDuration - TimeSpan.FromMilliseconds(20), "each break lasts as configured");
            faults.Requests.Should().Be(log.Count, "the mock received each call the adapter made, and no other");

            // Once the registry is back every call succeeds at the first attempt: one call per lookup, and each
            // call is one answer stored (no answer asked for twice).
            log.Where(a => a.At > outageTo + TimeSpan.FromMilliseconds(100)).Should().OnlyContain(a => a.Succeeded);
            log.Count(a => a.Succeeded).Should().Be(registryChecks.Count(c => c.Outcome != CheckOutcome.Unavailable));

            // The breaker opened during the outage and closed again after it.
            transitions.Where(t => t.At < outageFrom).Should().OnlyContain(t => t.State == CircuitState.Closed);
            transitions.Should().Contain(t => t.State == CircuitState.Open && t.At >= outageFrom && t.At <= outageTo);
            transitions[^1].State.Should().Be(CircuitState.Closed);
            pipeline.CircuitState.Should().Be(CircuitState.Closed);
        }
        finally
        {
            await stop.CancelAsync();
            desks.ForEach(d => d.Dispose());
        }
    }

    private ConcurrentQueue<(TimeSpan At, CircuitState State)> CircuitLog { get; } = new();

    /// <summary>The circuit's state every few milliseconds, kept when it changes.</summary>
    private async Task WatchCircuitAsync(RegistryResiliencePipeline pipeline, Stopwatch clock, CancellationToken stop)
    {
        CircuitState? last = null;
        while (!stop.IsCancellationRequested)
        {
            var state = pipeline.CircuitState;
            if (state != last)
            {
                CircuitLog.Enqueue((clock.Elapsed, state));
                last = state;
            }

            try
            {
                await Task.Delay(2, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }

        CircuitLog.Enqueue((clock.Elapsed, pipeline.CircuitState));
    }

    /// <summary>A desk's day: check the member in front of it against the registry, save, and the next one two (scaled) minutes later.</summary>
    private static async Task DeskDayAsync(
        SimulatedDesk desk, ConcurrentQueue<int> members, ConcurrentBag<(TimeSpan, int, string)> checks, ConcurrentDictionary<int, TimeSpan> savedAt, Stopwatch clock, Func<int, Task<string>> check, CancellationToken stop)
    {
        // Desks do not start in step.
        await Task.Delay(desk.Number * Pace / Desks, CancellationToken.None);
        while (!stop.IsCancellationRequested && members.TryDequeue(out var memberId))
        {
            var at = clock.Elapsed;
            checks.Add((at, memberId, await check(memberId)));

            await desk.CaptureAsync(memberId, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(20), CancellationToken.None);
            savedAt[memberId] = clock.Elapsed;
            try
            {
                await Task.Delay(Pace, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>The desk's check of a member, as the officer's circuit runs it when the member is opened.</summary>
    private static async Task<string> DeskCheckAsync(OutageApp app, int memberId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PartyCardIntake.Core.Identity.AppUser>>();
        var officer = await users.FindByNameAsync(PartyCardIntake.Core.Demo.DemoAccounts.Officer) ?? throw new InvalidOperationException("No demo officer.");
        var principal = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<PartyCardIntake.Core.Identity.AppUser>>().CreateAsync(officer);
        scope.ServiceProvider.GetRequiredService<PartyCardIntake.Web.Security.CurrentUser>().SetCircuitUser(principal);
        var answer = await scope.ServiceProvider.GetRequiredService<PartyCardIntake.Web.Features.Desk.DeskCheck>().CheckAsync(memberId);
        return answer?.Check.Check.Outcome.ToString() ?? string.Empty;
    }

    private static async Task<List<int>> MembersTheRegistryMatchesAsync(OutageApp app, int count)
    {
        var population = app.Services.GetRequiredService<SyntheticPopulation>();
        await using var db = app.Database.CreateContext(DataScope.System);
        var communeId = await DeskMembers.OfficerCommuneAsync(db);
        var free = await db.PartyMembers
            .Where(m => m.CommuneId == communeId && m.Exemption == null && !db.Applications.Any(a => a.MemberId == m.Id))
            .OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.IdNumber })
            .ToListAsync();
        return free.Where(m => population.DiscrepancyOf(m.IdNumber.Value) == Discrepancy.None).Take(count).Select(m => m.Id).ToList();
    }

    private static async Task<List<Guid>> PendingAsync(OutageApp app)
    {
        await using var db = app.Database.CreateContext(DataScope.System);
        var soon = DateTime.UtcNow.AddHours(1);
        return await db.Applications.Where(a => a.Verification == VerificationStatus.Pending && a.NextVerificationAt < soon).Select(a => a.Id).ToListAsync();
    }

    private static void Report(
        ITestOutputHelper output, IReadOnlyList<AttemptLog.Attempt> log, List<(TimeSpan At, CircuitState State)> transitions,
        ConcurrentBag<(TimeSpan At, int MemberId, string Outcome)> checks, TimeSpan outageFrom, TimeSpan outageTo, int pendingAtRecovery, int records)
    {
        string S(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        output.WriteLine($"outage {S(outageFrom)}–{S(outageTo)} s; records {records}; desk checks {checks.Count} ({checks.Count(c => c.Outcome == "Unavailable")} unavailable); pending at recovery {pendingAtRecovery}");
        output.WriteLine($"calls before: {log.Count(a => a.At < outageFrom)}; during: {log.Count(a => a.At >= outageFrom && a.At < outageTo)} " +
            $"(closed {log.Count(a => a.At >= outageFrom && a.At < outageTo && a.State == CircuitState.Closed)}, half-open trials {log.Count(a => a.At >= outageFrom && a.At < outageTo && a.State == CircuitState.HalfOpen)}); after: {log.Count(a => a.At >= outageTo)}");
        output.WriteLine("circuit: " + string.Join(", ", transitions.Select(t => $"{S(t.At)} {t.State}")));
    }

    public sealed class OnSqlite(ITestOutputHelper output) : RegistryOutageTests(output)
    {
        protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    }

    public sealed class OnPostgreSql(ITestOutputHelper output) : RegistryOutageTests(output)
    {
        protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
    }
}

/// <summary>Every HTTP attempt of the registry adapter, with the circuit's state when it was made.</summary>
public sealed class AttemptLog(Stopwatch clock)
{
    private readonly ConcurrentQueue<Attempt> _attempts = new();

    public IReadOnlyList<Attempt> All => [.. _attempts.OrderBy(a => a.At)];

    public void Add(CircuitState state, bool succeeded, TimeSpan at) => _attempts.Enqueue(new Attempt(at, state, succeeded));

    public TimeSpan Now => clock.Elapsed;

    public sealed record Attempt(TimeSpan At, CircuitState State, bool Succeeded);
}

/// <summary>Sits between the resilience pipeline and the network, so it sees each attempt, not each lookup.</summary>
internal sealed class AttemptRecorder(AttemptLog log, RegistryResiliencePipeline pipeline) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var state = pipeline.CircuitState;
        var at = log.Now;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            log.Add(state, response.IsSuccessStatusCode, at);
            return response;
        }
        catch
        {
            log.Add(state, false, at);
            throw;
        }
    }
}

/// <summary>The application on a real port, with the scaled-down settings of the outage scenario.</summary>
internal sealed class OutageApp : PartyCardAppFactory
{
    private readonly AttemptLog _attempts;

    public OutageApp(DatabaseProvider provider, AttemptLog attempts)
        : base(provider, realServer: true)
    {
        _attempts = attempts;
        Set("Verification:Interval", "00:00:00.250");
        Set("Verification:FirstRetryDelay", "00:00:00.500");
        Set("Verification:MaxRetryDelay", "00:00:02");
        Set("Registry:RetryBaseDelay", "00:00:00.010");
        Set("Registry:BreakerSamplingDuration", "00:00:03");
        Set("Registry:BreakerBreakDuration", "00:00:00.500");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services
            .AddHttpClient(nameof(IPopulationRegistry))
            .AddHttpMessageHandler(sp => new AttemptRecorder(_attempts, sp.GetRequiredService<RegistryResiliencePipeline>())));
    }
}
