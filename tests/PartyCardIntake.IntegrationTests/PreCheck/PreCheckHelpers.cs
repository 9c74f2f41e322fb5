using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Members;
using PartyCardIntake.MockRegistry;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.PreCheck;

namespace PartyCardIntake.IntegrationTests.PreCheck;

/// <summary>A cell of a demo commune and its members that a pre-check would check.</summary>
public sealed record CellPick(int CellId, int CommuneId, IReadOnlyList<int> EligibleIds, IReadOnlyList<int> MismatchingIds);

/// <summary>What the committee's panel does (in its circuit), and what the tests read back from the database.</summary>
internal static class PreCheckHelpers
{
    public static PreCheckWorker Worker(PartyCardAppFactory app) => app.Services.GetRequiredService<PreCheckWorker>();

    /// <summary>Starts a run as <paramref name="userName"/>'s panel does: PreCheckService in that user's circuit.</summary>
    public static async Task<PreCheckStartResult> StartAsync(PartyCardAppFactory app, int? cellId, string userName = DemoAccounts.Committee)
    {
        await using var circuit = await CircuitScope.ForAsync(app.Services, userName);
        return await circuit.Get<PreCheckService>().StartAsync(cellId, userName);
    }

    /// <summary>Starts a run over a cell as the committee; the run's id.</summary>
    public static async Task<int> StartRunAsync(PartyCardAppFactory app, int cellId)
    {
        var started = await StartAsync(app, cellId);
        started.Error.Should().BeNull();
        started.RunId.Should().NotBeNull();
        return started.RunId!.Value;
    }

    /// <summary>The commune's latest runs as <paramref name="userName"/>'s panel reads them.</summary>
    public static async Task<IReadOnlyList<PreCheckRunView>> LatestAsync(PartyCardAppFactory app, string userName = DemoAccounts.Committee)
    {
        await using var circuit = await CircuitScope.ForAsync(app.Services, userName);
        return await circuit.Get<PreCheckService>().LatestAsync();
    }

    /// <summary>
    /// The panel's progress part (<see cref="PreCheckProgress"/>) with the runs <paramref name="userName"/> reads,
    /// rendered to HTML with that user's circuit services; entities decoded.
    /// </summary>
    public static async Task<string> ProgressHtmlAsync(PartyCardAppFactory app, string userName = DemoAccounts.Committee)
    {
        await using var circuit = await CircuitScope.ForAsync(app.Services, userName);
        var runs = await circuit.Get<PreCheckService>().LatestAsync();
        await using var renderer = new HtmlRenderer(circuit.Services, circuit.Services.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<PreCheckProgress>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(PreCheckProgress.Runs)] = runs,
            }));
            return output.ToHtmlString();
        });
        return WebUtility.HtmlDecode(html);
    }

    public static async Task<int> LatestRunIdAsync(TestDatabase database)
    {
        await using var db = database.CreateContext(DataScope.System);
        return await db.PreCheckRuns.MaxAsync(r => r.Id);
    }

    public static async Task<PreCheckRun> RunAsync(TestDatabase database, int runId)
    {
        await using var db = database.CreateContext(DataScope.System);
        return await db.PreCheckRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
    }

    /// <summary>Conclusive pre-check checks of the given members, by member.</summary>
    public static async Task<Dictionary<int, int>> ConclusiveChecksAsync(TestDatabase database, IEnumerable<int> memberIds)
    {
        var ids = memberIds.ToList();
        await using var db = database.CreateContext(DataScope.System);
        var rows = await db.RegistryChecks
            .Where(c => c.Source == CheckSource.PreCheck && c.Outcome != CheckOutcome.Unavailable && ids.Contains(c.MemberId))
            .Select(c => c.MemberId)
            .ToListAsync();
        return rows.GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>Drives the worker until the run is completed; waits out an open circuit after an outage.</summary>
    public static async Task<PreCheckRun> FinishAsync(PartyCardAppFactory app, int runId)
    {
        var worker = Worker(app);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await worker.RunStepsAsync(int.MaxValue, CancellationToken.None);
            var run = await RunAsync(app.Database, runId);
            if (run.State == PreCheckState.Completed || DateTime.UtcNow > deadline)
            {
                return run;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// A cell of the demo commune <paramref name="communeIndex"/> with between <paramref name="min"/>
    /// and <paramref name="max"/> eligible members, not used by another test of the same application.
    /// </summary>
    public static async Task<CellPick> PickCellAsync(
        PartyCardAppFactory app, TestDatabase database, HashSet<int> taken, int min, int max, int communeIndex = 0, bool withMismatch = false)
    {
        var population = app.Services.GetRequiredService<SyntheticPopulation>();
        var code = DemoPopulationGenerator.DefaultShapes[communeIndex].Code;
        await using var db = database.CreateContext(DataScope.System);
        var members = await db.PartyMembers
            .Where(m => m.Commune!.Code == code && m.Exemption == null)
            .Select(m => new { m.Id, m.CommuneId, m.PartyCellId, m.IdNumber })
            .ToListAsync();
        lock (taken)
        {
            var pick = members
                .GroupBy(m => m.PartyCellId)
                .Where(g => g.Count() >= min && g.Count() <= max && !taken.Contains(g.Key))
                .Select(g => new CellPick(
                    g.Key,
                    g.First().CommuneId,
                    g.Select(m => m.Id).Order().ToList(),
                    g.Where(m => population.DiscrepancyOf(m.IdNumber.Value) == Discrepancy.NameDiacritic).Select(m => m.Id).ToList()))
                .First(c => !withMismatch || c.MismatchingIds.Count > 0);
            taken.Add(pick.CellId);
            return pick;
        }
    }
}
