using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.MockRegistry;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.PreCheck;

namespace PartyCardIntake.IntegrationTests.PreCheck;

/// <summary>A cell of a demo commune and its members that a pre-check would check.</summary>
public sealed record CellPick(int CellId, int CommuneId, IReadOnlyList<int> EligibleIds, IReadOnlyList<int> MismatchingIds);

/// <summary>What the committee's browser does, and what the tests read back from the database.</summary>
internal static class PreCheckHelpers
{
    public static PreCheckWorker Worker(PartyCardAppFactory app) => app.Services.GetRequiredService<PreCheckWorker>();

    public static async Task<HttpClient> SignedInAsync(PartyCardAppFactory app, string userName)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await SignInClient.SignInAsync(client, userName);
        return client;
    }

    /// <summary>Posts the panel's form with the token of the panel, as the browser does (htmx adds its header).</summary>
    public static async Task<HttpResponseMessage> PostStartAsync(HttpClient client, int? cellId, bool htmx = false, string? referer = null)
    {
        var panel = await client.GetStringAsync(PreCheckEndpoints.Path);
        using var request = new HttpRequestMessage(HttpMethod.Post, PreCheckEndpoints.Path)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = SignInClient.AntiforgeryToken(panel),
                ["cell"] = cellId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
            }),
        };
        if (htmx)
        {
            request.Headers.Add("HX-Request", "true");
        }

        if (referer is not null)
        {
            request.Headers.Referrer = new Uri(client.BaseAddress!, referer);
        }

        return await client.SendAsync(request);
    }

    public static async Task<int> StartAsync(TestDatabase database, HttpClient client, int cellId)
    {
        using var response = await PostStartAsync(client, cellId);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return await LatestRunIdAsync(database);
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
