using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.PreCheck;
using PartyCardIntake.Web.Security;
using static PartyCardIntake.IntegrationTests.PreCheck.PreCheckHelpers;

namespace PartyCardIntake.IntegrationTests.PreCheck;

/// <summary>
/// "Dừng đối chiếu": the committee stops a run through the service its page uses; what was checked stays, the run shows
/// as stopped, the worker leaves it, and the scope can be started again. Another commune's run cannot be stopped.
/// </summary>
public abstract class PreCheckStopTests(PreCheckApp fixture)
{
    private PartyCardAppFactory App => fixture.App;

    [Fact]
    public async Task A_stopped_run_keeps_what_it_checked_is_left_by_the_worker_and_can_be_started_again()
    {
        var cell = await PickCellAsync(App, App.Database, fixture.TakenCells, 12, 200);
        await using var committee = await AsUserAsync(DemoAccounts.Committee);
        var service = committee.ServiceProvider.GetRequiredService<PreCheckService>();

        var started = await service.StartAsync(cell.CellId, DemoAccounts.Committee);
        started.Started.Should().BeTrue();
        var runId = started.RunId!.Value;
        (await Worker(App).RunStepsAsync(5, CancellationToken.None)).Should().Be(5);

        (await service.StopAsync(runId)).Should().Be(PreCheckStopResult.Stopped);

        var stopped = await RunAsync(App.Database, runId);
        stopped.State.Should().Be(PreCheckState.Cancelled);
        stopped.Done.Should().Be(5);
        stopped.FinishedAt.Should().NotBeNull();
        (await ConclusiveChecksAsync(App.Database, cell.EligibleIds)).Values.Sum().Should().Be(5, "what was checked stays");

        // The worker has nothing left to do for it.
        (await Worker(App).RunStepsAsync(int.MaxValue, CancellationToken.None)).Should().Be(0);
        (await RunAsync(App.Database, runId)).Done.Should().Be(5);
        (await ConclusiveChecksAsync(App.Database, cell.EligibleIds)).Values.Sum().Should().Be(5);

        // The page shows it as stopped.
        var latest = await service.LatestAsync();
        latest.Should().Contain(r => r.Id == runId && r.State == PreCheckState.Cancelled && !r.IsActive);

        // Stopping again says it is no longer running; the scope can be started again and runs to the end.
        (await service.StopAsync(runId)).Should().Be(PreCheckStopResult.NotRunning);
        var again = await service.StartAsync(cell.CellId, DemoAccounts.Committee);
        again.Started.Should().BeTrue();
        var finished = await FinishAsync(App, again.RunId!.Value);
        finished.State.Should().Be(PreCheckState.Completed);
        finished.Done.Should().Be(cell.EligibleIds.Count);
    }

    [Fact]
    public async Task A_queued_run_can_be_stopped_before_the_worker_takes_it()
    {
        var cell = await PickCellAsync(App, App.Database, fixture.TakenCells, 1, 200);
        await using var committee = await AsUserAsync(DemoAccounts.Committee);
        var service = committee.ServiceProvider.GetRequiredService<PreCheckService>();
        var runId = (await service.StartAsync(cell.CellId, DemoAccounts.Committee)).RunId!.Value;

        (await service.StopAsync(runId)).Should().Be(PreCheckStopResult.Stopped);
        await Worker(App).RunStepsAsync(int.MaxValue, CancellationToken.None);

        var run = await RunAsync(App.Database, runId);
        run.State.Should().Be(PreCheckState.Cancelled);
        run.Done.Should().Be(0);
    }

    [Fact]
    public async Task Another_communes_run_is_not_found_and_an_officer_cannot_stop()
    {
        var foreign = await PickCellAsync(App, App.Database, fixture.TakenCells, 1, 1000, communeIndex: 1);
        int foreignRun;
        await using (var db = App.Database.CreateContext(DataScope.System))
        {
            var run = new PreCheckRun
            {
                CommuneId = foreign.CommuneId, PartyCellId = foreign.CellId, RequestedAt = DateTime.UtcNow, RequestedBy = "other", State = PreCheckState.Queued, Total = 1,
            };
            db.PreCheckRuns.Add(run);
            await db.SaveChangesAsync();
            foreignRun = run.Id;
        }

        try
        {
            await using var committee = await AsUserAsync(DemoAccounts.Committee);
            var service = committee.ServiceProvider.GetRequiredService<PreCheckService>();
            (await service.StopAsync(foreignRun)).Should().Be(PreCheckStopResult.NotFound);
            (await service.StopAsync(int.MaxValue)).Should().Be(PreCheckStopResult.NotFound);
            (await service.LatestAsync()).Should().NotContain(r => r.Id == foreignRun);

            await using var officer = await AsUserAsync(DemoAccounts.Officer);
            (await officer.ServiceProvider.GetRequiredService<PreCheckService>().StopAsync(foreignRun)).Should().Be(PreCheckStopResult.Forbidden);

            (await RunAsync(App.Database, foreignRun)).State.Should().Be(PreCheckState.Queued);
        }
        finally
        {
            await using var db = App.Database.CreateContext(DataScope.System);
            await db.PreCheckRuns.Where(r => r.Id == foreignRun).ExecuteDeleteAsync();
        }
    }

    /// <summary>A scope standing for the user's circuit: feature services resolved from it act as that user.</summary>
    private async Task<AsyncServiceScope> AsUserAsync(string userName)
    {
        var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}.");
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetCircuitUser(principal);
        return scope;
    }

    public sealed class OnSqlite(SqlitePreCheckApp app) : PreCheckStopTests(app), IClassFixture<SqlitePreCheckApp>;

    public sealed class OnPostgreSql(PostgreSqlPreCheckApp app) : PreCheckStopTests(app), IClassFixture<PostgreSqlPreCheckApp>;

    public sealed class OnSqlServer(SqlServerPreCheckApp app) : PreCheckStopTests(app), IClassFixture<SqlServerPreCheckApp>;
}
