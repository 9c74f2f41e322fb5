using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;
using static PartyCardIntake.IntegrationTests.PreCheck.PreCheckHelpers;

namespace PartyCardIntake.IntegrationTests.PreCheck;

/// <summary>A run interrupted by a restart of the application continues where it stopped, in the background.</summary>
public abstract class PreCheckRestartTests(DatabaseProvider provider)
{
    [Fact]
    public async Task An_interrupted_run_resumes_after_a_restart_without_repeating_work()
    {
        // The application after the restart owns the database; the first one only borrows it.
        await using var restarted = new PartyCardAppFactory(provider);
        restarted.Set("PreCheck:Interval", "00:00:00.100");
        restarted.Set("PreCheck:RatePerSecond", "500");

        CellPick cell;
        int runId;
        int cursor;
        await using (var first = new PartyCardAppFactory(provider))
        {
            first.Set("Database:DataFolder", restarted.Database.Folder);
            if (restarted.Database.ConnectionString is { } connectionString)
            {
                first.Set("ConnectionStrings:PartyCard", connectionString);
            }

            // Idle in the background: only the steps below are taken before the restart.
            first.Set("PreCheck:Interval", "01:00:00");
            _ = first.Server;
            cell = await PickCellAsync(first, restarted.Database, [], 12, 60);
            runId = await StartRunAsync(first, cell.CellId);

            var half = cell.EligibleIds.Count / 2;
            (await Worker(first).RunStepsAsync(half, CancellationToken.None)).Should().Be(half);
            var interrupted = await RunAsync(restarted.Database, runId);
            interrupted.State.Should().Be(PreCheckState.Running);
            interrupted.Done.Should().Be(half);
            cursor = interrupted.LastMemberId;
            cursor.Should().Be(cell.EligibleIds[half - 1]);
        }

        // The restarted application's own worker takes the run up; nobody drives it here.
        _ = restarted.Server;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        PreCheckRun run;
        do
        {
            await Task.Delay(100);
            run = await RunAsync(restarted.Database, runId);
        }
        while (run.State != PreCheckState.Completed && DateTime.UtcNow < deadline);

        run.State.Should().Be(PreCheckState.Completed);
        run.Done.Should().Be(cell.EligibleIds.Count);
        run.Total.Should().Be(cell.EligibleIds.Count);
        (run.Matched + run.Warnings + run.Mismatched + run.NotFound).Should().Be(run.Total);

        var checks = await ConclusiveChecksAsync(restarted.Database, cell.EligibleIds);
        checks.Keys.Should().BeEquivalentTo(cell.EligibleIds);
        checks.Values.Should().OnlyContain(count => count == 1, "no member is checked twice across the restart");

        await using var db = restarted.Database.CreateContext(DataScope.System);
        (await db.RegistryChecks.CountAsync(c => c.Source == CheckSource.PreCheck)).Should().Be(cell.EligibleIds.Count);
    }

    public sealed class OnSqlite() : PreCheckRestartTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : PreCheckRestartTests(DatabaseProvider.PostgreSql);

    public sealed class OnSqlServer() : PreCheckRestartTests(DatabaseProvider.SqlServer);
}
