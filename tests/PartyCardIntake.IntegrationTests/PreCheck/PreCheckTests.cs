using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.IntegrationTests.Members;
using PartyCardIntake.MockRegistry;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.PreCheck;
using static PartyCardIntake.IntegrationTests.PreCheck.PreCheckHelpers;

namespace PartyCardIntake.IntegrationTests.PreCheck;

/// <summary>
/// The committee's pre-check against the built-in mock registry, on an application of its own per
/// provider (its fault switches and circuit breaker must not leak into other tests). The background
/// worker is idle here; the tests drive it step by step.
/// </summary>
public abstract class PreCheckTests(PreCheckApp fixture)
{
    private PartyCardAppFactory App => fixture.App;

    [Fact]
    public async Task A_run_over_a_cell_checks_every_eligible_member_exactly_once_and_completes()
    {
        var cell = await PickCellAsync(App, App.Database, fixture.TakenCells, 12, 60, withMismatch: true);

        // An exempted member is not eligible and is not checked.
        int exempted;
        await using (var db = App.Database.CreateContext(DataScope.System))
        {
            var last = cell.EligibleIds.Last(id => !cell.MismatchingIds.Contains(id));
            var member = await db.PartyMembers.SingleAsync(m => m.Id == last);
            member.Exempt(ExemptionReason.Abroad, null, new DateOnly(2026, 1, 5));
            await db.SaveChangesAsync();
            exempted = member.Id;
        }

        var eligible = cell.EligibleIds.Where(id => id != exempted).ToList();
        var started = await StartAsync(App, cell.CellId);
        started.Started.Should().BeTrue();
        (await ProgressHtmlAsync(App)).Should().Contain("data-testid=\"precheck-progress\"")
            .And.Contain("data-state=\"Queued\"")
            .And.Contain("data-testid=\"precheck-done\"");

        var runId = await LatestRunIdAsync(App.Database);
        started.RunId.Should().Be(runId);
        var run = await RunAsync(App.Database, runId);
        run.Total.Should().Be(eligible.Count);
        run.PartyCellId.Should().Be(cell.CellId);
        run.CommuneId.Should().Be(cell.CommuneId);
        run.RequestedBy.Should().Be(DemoAccounts.Committee);

        (await Worker(App).RunStepsAsync(3, CancellationToken.None)).Should().Be(3);
        var progress = await ProgressHtmlAsync(App);
        progress.Should().Contain("data-testid=\"precheck-progress\"")
            .And.Contain("data-state=\"Running\"")
            .And.Contain("data-done=\"3\"")
            .And.Contain($"data-total=\"{eligible.Count}\"")
            .And.Contain($"Đã đối chiếu 3/{eligible.Count} đảng viên");

        run = await FinishAsync(App, runId);
        run.State.Should().Be(PreCheckState.Completed);
        run.FinishedAt.Should().NotBeNull();
        run.Done.Should().Be(eligible.Count);
        run.Total.Should().Be(eligible.Count);
        (run.Matched + run.Warnings + run.Mismatched + run.NotFound).Should().Be(run.Total);
        run.Unavailable.Should().Be(0);
        run.LastMemberId.Should().Be(eligible.Max());

        var checks = await ConclusiveChecksAsync(App.Database, cell.EligibleIds);
        checks.Keys.Should().BeEquivalentTo(eligible, "every eligible member, and only they, are checked");
        checks.Values.Should().OnlyContain(count => count == 1);

        await using (var db = App.Database.CreateContext(DataScope.System))
        {
            var stored = await db.RegistryChecks.Where(c => c.Source == CheckSource.PreCheck && eligible.Contains(c.MemberId)).ToListAsync();
            stored.Count(c => c.Outcome == CheckOutcome.Matched && !c.HasWarnings).Should().Be(run.Matched);
            stored.Count(c => c.Outcome == CheckOutcome.Matched && c.HasWarnings).Should().Be(run.Warnings);
            stored.Count(c => c.Outcome == CheckOutcome.Mismatched).Should().Be(run.Mismatched);
            stored.Count(c => c.Outcome == CheckOutcome.NotFound).Should().Be(run.NotFound);

            var items = await db.WorklistItems.Where(w => cell.MismatchingIds.Contains(w.MemberId)).ToListAsync();
            items.Select(w => w.MemberId).Should().BeEquivalentTo(cell.MismatchingIds.Where(eligible.Contains));
            items.Should().OnlyContain(w => w.Status == WorklistStatus.Open && w.LastOutcome == CheckOutcome.Mismatched);
        }

        var latest = (await LatestAsync(App)).First(r => r.Id == runId);
        (latest.State, latest.IsActive, latest.Mismatched).Should().Be((PreCheckState.Completed, false, run.Mismatched), "a finished run is no longer watched for progress");
        progress = await ProgressHtmlAsync(App);
        progress.Should().Contain("data-state=\"Completed\"")
            .And.NotContain("data-testid=\"precheck-stop\"")
            .And.Contain($"{run.Mismatched} sai lệch");
    }

    [Fact]
    public async Task During_a_registry_outage_the_cursor_stays_and_the_run_completes_after_recovery()
    {
        var cell = await PickCellAsync(App, App.Database, fixture.TakenCells, 8, 40);
        var runId = await StartRunAsync(App, cell.CellId);
        (await Worker(App).RunStepsAsync(2, CancellationToken.None)).Should().Be(2);
        var before = await RunAsync(App.Database, runId);
        before.Done.Should().Be(2);

        App.RegistryFaults.Set(new RegistryFaults { Outage = true });
        try
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                (await Worker(App).RunStepsAsync(5, CancellationToken.None)).Should().Be(0, "an unanswered call is not a check");
            }

            var during = await RunAsync(App.Database, runId);
            during.LastMemberId.Should().Be(before.LastMemberId, "no member is skipped");
            during.Done.Should().Be(before.Done);
            (during.Matched + during.Warnings + during.Mismatched + during.NotFound).Should().Be(before.Matched + before.Warnings + before.Mismatched + before.NotFound);
            during.Unavailable.Should().Be(3);
            during.State.Should().Be(PreCheckState.Running);
            (await ConclusiveChecksAsync(App.Database, cell.EligibleIds)).Values.Sum().Should().Be(2);

            var progress = await ProgressHtmlAsync(App);
            progress.Should().Contain("3 chưa đối chiếu được").And.Contain("CSDL dân cư chưa phản hồi");
        }
        finally
        {
            App.RegistryFaults.Reset();
        }

        var run = await FinishAsync(App, runId);
        run.State.Should().Be(PreCheckState.Completed);
        run.Done.Should().Be(cell.EligibleIds.Count);
        run.Total.Should().Be(cell.EligibleIds.Count);
        (run.Matched + run.Warnings + run.Mismatched + run.NotFound).Should().Be(run.Total);
        run.Unavailable.Should().BeGreaterThanOrEqualTo(3);

        var checks = await ConclusiveChecksAsync(App.Database, cell.EligibleIds);
        checks.Keys.Should().BeEquivalentTo(cell.EligibleIds);
        checks.Values.Should().OnlyContain(count => count == 1);
    }

    [Fact]
    public async Task A_second_run_for_the_same_scope_is_refused_while_one_is_under_way()
    {
        var cell = await PickCellAsync(App, App.Database, fixture.TakenCells, 3, 40);
        var runId = await StartRunAsync(App, cell.CellId);

        var again = await StartAsync(App, cell.CellId);
        (again.Started, again.Error).Should().Be((false, PreCheckError.AlreadyRunning));
        PreCheckMessages.Message(again.Error!.Value).Should().Contain("Phạm vi này đang được đối chiếu");

        (await LatestRunIdAsync(App.Database)).Should().Be(runId);
        (await FinishAsync(App, runId)).State.Should().Be(PreCheckState.Completed);

        // Once it is done, the same scope can be checked again.
        var second = await StartRunAsync(App, cell.CellId);
        second.Should().BeGreaterThan(runId);
        (await FinishAsync(App, second)).Done.Should().Be(cell.EligibleIds.Count);
    }

    [Fact]
    public async Task Simultaneous_starts_for_the_same_cell_create_one_run()
    {
        var cell = await PickCellAsync(App, App.Database, fixture.TakenCells, 3, 40);
        // Six panels of the committee (six circuits) press start at once.
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => StartAsync(App, cell.CellId)));
        results.Count(r => r.Started).Should().Be(1);
        results.Count(r => r.Error == PreCheckError.AlreadyRunning).Should().Be(5);

        await using (var db = App.Database.CreateContext(DataScope.System))
        {
            (await db.PreCheckRuns.CountAsync(r => r.PartyCellId == cell.CellId)).Should().Be(1);
        }

        (await FinishAsync(App, await LatestRunIdAsync(App.Database))).State.Should().Be(PreCheckState.Completed);
    }

    [Fact]
    public async Task A_whole_commune_run_counts_the_communes_eligible_members_and_is_not_started_twice()
    {
        var started = await StartAsync(App, null);
        started.Started.Should().BeTrue();
        var runId = started.RunId!.Value;

        try
        {
            await using (var db = App.Database.CreateContext(DataScope.System))
            {
                var run = await db.PreCheckRuns.SingleAsync(r => r.Id == runId);
                var code = DemoPopulationGenerator.DefaultShapes[0].Code;
                run.PartyCellId.Should().BeNull();
                run.State.Should().Be(PreCheckState.Queued);
                run.Total.Should().Be(await db.PartyMembers.CountAsync(m => m.Commune!.Code == code && m.Exemption == null));
            }

            (await StartAsync(App, null)).Error.Should().Be(PreCheckError.AlreadyRunning);

            (await ProgressHtmlAsync(App)).Should().Contain("data-state=\"Queued\"").And.Contain("Toàn xã/phường");
        }
        finally
        {
            // Nearly two thousand members: the other tests must not have to work through them.
            await using var db = App.Database.CreateContext(DataScope.System);
            var run = await db.PreCheckRuns.SingleAsync(r => r.Id == runId);
            run.State = PreCheckState.Cancelled;
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task A_committee_cannot_check_another_communes_cell_and_an_officer_cannot_start_at_all()
    {
        var foreign = await PickCellAsync(App, App.Database, fixture.TakenCells, 1, 1000, communeIndex: 1);
        var before = await RunCountAsync();

        var refused = await StartAsync(App, foreign.CellId);
        (refused.Started, refused.Error).Should().Be((false, PreCheckError.CellNotFound));
        PreCheckMessages.Message(refused.Error!.Value).Should().Contain("Không tìm thấy chi bộ này");

        // The other commune's cell is not even offered, and its runs are not shown.
        await using (var committee = await CircuitScope.ForAsync(App.Services, DemoAccounts.Committee))
        {
            (await committee.Get<PreCheckService>().CellsAsync()).Select(c => c.Id).Should().NotContain(foreign.CellId);
        }

        (await LatestAsync(App)).Should().NotContain(r => r.CellId == foreign.CellId);

        var ownCell = await PickCellAsync(App, App.Database, fixture.TakenCells, 1, 1000);
        foreach (var account in new[] { DemoAccounts.Officer, DemoAccounts.Lead })
        {
            (await StartAsync(App, ownCell.CellId, account)).Error.Should().Be(PreCheckError.Forbidden, account);
            (await StartAsync(App, null, account)).Error.Should().Be(PreCheckError.Forbidden, account);
        }

        PreCheckMessages.Message(PreCheckError.Forbidden).Should().Be("Chỉ Ban Xây dựng Đảng được bắt đầu đối chiếu trước.");
        (await RunCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task The_worker_keeps_to_the_configured_rate()
    {
        // RatePerSecond is 20 in this application: 30 calls are 29 gaps of at least 50 ms.
        var cell = await PickCellAsync(App, App.Database, fixture.TakenCells, 31, 200);
        var runId = await StartRunAsync(App, cell.CellId);

        var watch = Stopwatch.StartNew();
        var round = await Worker(App).RunAsync(30, paced: true, CancellationToken.None);
        watch.Stop();

        round.Checked.Should().Be(30);

        // A lower bound only: a slow machine may take longer, never shorter.
        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.4));
        (await ConclusiveChecksAsync(App.Database, cell.EligibleIds)).Values.Sum().Should().Be(30);

        (await FinishAsync(App, runId)).State.Should().Be(PreCheckState.Completed);
    }

    private async Task<int> RunCountAsync()
    {
        await using var db = App.Database.CreateContext(DataScope.System);
        return await db.PreCheckRuns.CountAsync();
    }

    [Fact]
    public async Task Open_pages_of_a_commune_share_one_read_per_refresh_and_another_commune_gets_nothing()
    {
        var cell = await PickCellAsync(App, App.Database, fixture.TakenCells, 3, 40);
        var other = await PickCellAsync(App, App.Database, fixture.TakenCells, 1, 1000, communeIndex: 1);
        var feed = App.Services.GetRequiredService<PreCheckProgressFeed>();
        var first = new List<IReadOnlyList<PreCheckRunView>>();
        var second = new List<IReadOnlyList<PreCheckRunView>>();
        var foreign = new List<IReadOnlyList<PreCheckRunView>>();
        Func<IReadOnlyList<PreCheckRunView>, Task> Into(List<IReadOnlyList<PreCheckRunView>> seen) => runs =>
        {
            lock (seen)
            {
                seen.Add(runs);
            }

            return Task.CompletedTask;
        };

        using var pageA = feed.Subscribe(cell.CommuneId, Into(first));
        using var pageB = feed.Subscribe(cell.CommuneId, Into(second));
        using var pageC = feed.Subscribe(other.CommuneId, Into(foreign));
        var readsBefore = feed.Reads;

        // Starting the run wakes the commune's refresh.
        var runId = await StartRunAsync(App, cell.CellId);
        await WaitUntilAsync(() => Count(first) >= 1);
        Snapshot(first)[0].Should().Contain(r => r.Id == runId && r.IsActive);

        // The worker checks everybody; the pages see the run end, and the refresh stops with it.
        (await Worker(App).RunStepsAsync(cell.EligibleIds.Count + 1, CancellationToken.None)).Should().Be(cell.EligibleIds.Count);
        await WaitUntilAsync(() => Snapshot(first).Any(l => l.Any(r => r.Id == runId && r.State == PreCheckState.Completed)));
        await Task.Delay(PreCheckProgressFeed.RefreshEvery * 2);

        var seenA = Snapshot(first);
        Snapshot(second).Should().Equal(seenA, "both pages get the very same reading");
        (feed.Reads - readsBefore).Should().Be(seenA.Count, "one read per refresh, however many pages watch");
        seenA[^1].Should().NotContain(r => r.IsActive);
        Snapshot(foreign).Should().BeEmpty("nothing ran in the other commune, and its pages are not told of this one");
    }

    private static int Count(List<IReadOnlyList<PreCheckRunView>> seen)
    {
        lock (seen)
        {
            return seen.Count;
        }
    }

    private static List<IReadOnlyList<PreCheckRunView>> Snapshot(List<IReadOnlyList<PreCheckRunView>> seen)
    {
        lock (seen)
        {
            return [.. seen];
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the feed refreshes every {0}", PreCheckProgressFeed.RefreshEvery);
            await Task.Delay(100);
        }
    }

    public sealed class OnSqlite(SqlitePreCheckApp app) : PreCheckTests(app), IClassFixture<SqlitePreCheckApp>;

    public sealed class OnPostgreSql(PostgreSqlPreCheckApp app) : PreCheckTests(app), IClassFixture<PostgreSqlPreCheckApp>;

    public sealed class OnSqlServer(SqlServerPreCheckApp app) : PreCheckTests(app), IClassFixture<SqlServerPreCheckApp>;
}

/// <summary>An application of its own for the pre-check tests, with its worker idle and short waits.</summary>
public abstract class PreCheckApp : IAsyncLifetime
{
    protected PreCheckApp(DatabaseProvider provider)
    {
        App = new PartyCardAppFactory(provider);

        // The tests drive the worker themselves; the background loop would race with their assertions.
        App.Set("PreCheck:Interval", "01:00:00");
        App.Set("PreCheck:RatePerSecond", "20");
        App.Set("PreCheck:RetryDelay", "00:00:00.200");
        App.Set("Registry:RetryBaseDelay", "00:00:00.020");
        App.Set("Registry:BreakerBreakDuration", "00:00:01");
    }

    public PartyCardAppFactory App { get; }

    /// <summary>Cells already used by a test of this application.</summary>
    public HashSet<int> TakenCells { get; } = [];

    public Task InitializeAsync()
    {
        _ = App.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class SqlitePreCheckApp() : PreCheckApp(DatabaseProvider.Sqlite);

public sealed class PostgreSqlPreCheckApp() : PreCheckApp(DatabaseProvider.PostgreSql);

public sealed class SqlServerPreCheckApp() : PreCheckApp(DatabaseProvider.SqlServer);
