using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.ReliabilityTests.Nodes;

/// <summary>
/// Two web nodes on one PostgreSQL with short worker intervals: background work that must run once (media
/// retention, re-checks) runs on the node holding its lease, and only there.
/// </summary>
public sealed class BackgroundWorkAcrossNodesTests(BackgroundWorkAcrossNodesTests.Nodes nodes) : IClassFixture<BackgroundWorkAcrossNodesTests.Nodes>
{
    private const string RetentionRunLine = "Media retention: photos and signatures of";

    private static readonly byte[] Photo = DeskClient.Fixture("photo-600x800.jpg");
    private static readonly byte[] Signature = DeskClient.Fixture("signature-600x200.png");
    private static readonly string Strokes = File.ReadAllText(DeskClient.FixturePath("signature-600x200.json"));

    private NodePair Pair => nodes.Pair;

    [Fact]
    public async Task Each_retention_round_runs_on_one_node_only_and_the_lease_counts_them()
    {
        var (sinceEntry, roundsBefore) = await RetentionStateAsync();
        await Task.Delay(TimeSpan.FromSeconds(4));
        var (untilEntry, roundsAfter) = await RetentionStateAsync();

        await using var db = Pair.Database.CreateContext(DataScope.System);
        var runs = await db.AuditEntries.CountAsync(e => e.Action == AuditAction.MediaRetention && e.Id > sinceEntry && e.Id <= untilEntry);
        runs.Should().BeGreaterThanOrEqualTo(4, "the interval is half a second");

        // A round is counted when the lease is taken and audited when it ends: at most one is under way at each reading.
        (roundsAfter - roundsBefore).Should().BeInRange(runs - 1, runs + 1, "one lease round per retention run, not one per node");

        var lease = await db.WorkerLeases.AsNoTracking().SingleAsync(l => l.Name == "retention");
        var holder = Pair.HolderNode(lease.Holder);
        holder.Should().NotBeNull($"the lease holder {lease.Holder} is one of the nodes");
        var other = Pair.Nodes.Single(n => n != holder);
        Count(holder!.RecentLog(), RetentionRunLine).Should().BeGreaterThan(0);
        Count(other.RecentLog(), RetentionRunLine).Should().Be(0, $"{other.Name} never held the lease:\n{other.RecentLog()}");
    }

    [Fact]
    public async Task Records_saved_during_a_registry_outage_are_each_rechecked_once_across_the_nodes()
    {
        // Both nodes started with their built-in registries down (MockRegistry:Faults:Outage).
        using var desk = await ClientAsync(Pair.A, DemoAccounts.Officer);
        await DeskClient.ChooseStationAsync(desk);
        var members = await FreeMembersAsync(6);
        var token = await DeskClient.TokenAsync(desk);
        foreach (var member in members)
        {
            using var response = await DeskClient.SubmitAsync(desk, member, Guid.NewGuid(), Photo, Signature, Strokes, token);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("verification").GetString().Should().Be("Pending");
        }

        List<Guid> ids;
        await using (var db = Pair.Database.CreateContext(DataScope.System))
        {
            ids = await db.Applications.Where(a => members.Contains(a.MemberId)).Select(a => a.Id).ToListAsync();
        }

        ids.Should().HaveCount(members.Count);

        // Let the holder's re-checks fail against the outage for a while.
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        // The registry is back: the switches and the request counters of both nodes are reset.
        using var adminA = await ClientAsync(Pair.A, DemoAccounts.Admin);
        using var adminB = await ClientAsync(Pair.B, DemoAccounts.Admin);
        (await adminA.DeleteAsync("/mock-registry/admin/faults")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await adminB.DeleteAsync("/mock-registry/admin/faults")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        int pending;
        do
        {
            await Task.Delay(250);
            await using var db = Pair.Database.CreateContext(DataScope.System);
            pending = await db.Applications.CountAsync(a => ids.Contains(a.Id) && a.Verification == VerificationStatus.Pending);
        }
        while (pending > 0 && DateTime.UtcNow < deadline);

        pending.Should().Be(0, "every record resolves once the registry answers");

        // A few more rounds on both nodes: nothing is asked again.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var requests = new[] { await NodePair.RegistryRequestsAsync(adminA), await NodePair.RegistryRequestsAsync(adminB) };
        requests.Sum().Should().Be(ids.Count, "one registry call per pending record, from one node");
        requests.Should().Contain(0, "the node without the lease made no call");

        await using (var db = Pair.Database.CreateContext(DataScope.System))
        {
            var answered = await db.RegistryChecks
                .Where(c => c.Source == CheckSource.Recheck && c.Outcome != CheckOutcome.Unavailable && c.ApplicationId != null && ids.Contains(c.ApplicationId.Value))
                .GroupBy(c => c.ApplicationId)
                .Select(g => g.Count())
                .ToListAsync();
            answered.Should().HaveCount(ids.Count).And.OnlyContain(count => count == 1, "each record is re-checked by one node");

            var lease = await db.WorkerLeases.AsNoTracking().SingleAsync(l => l.Name == "verification");
            Pair.HolderNode(lease.Holder).Should().NotBeNull();
            lease.Rounds.Should().BeGreaterThan(2);
        }
    }

    private async Task<(long LastEntry, long Rounds)> RetentionStateAsync()
    {
        await using var db = Pair.Database.CreateContext(DataScope.System);
        var last = await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
        var rounds = await db.WorkerLeases.Where(l => l.Name == "retention").Select(l => l.Rounds).SingleAsync();
        return (last, rounds);
    }

    private async Task<List<int>> FreeMembersAsync(int count)
    {
        var commune = DemoPopulationGenerator.DefaultShapes[0].Code;
        await using var db = Pair.Database.CreateContext(DataScope.System);
        return await db.PartyMembers
            .Where(m => m.Commune!.Code == commune && m.Exemption == null && !db.Applications.Any(a => a.MemberId == m.Id))
            .OrderBy(m => m.Id)
            .Select(m => m.Id)
            .Take(count)
            .ToListAsync();
    }

    private static async Task<HttpClient> ClientAsync(AppProcess node, string userName)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = node.Address };
        await SignInClient.SignInAsync(client, userName);
        return client;
    }

    private static int Count(string text, string line)
    {
        var count = 0;
        for (var at = text.IndexOf(line, StringComparison.Ordinal); at >= 0; at = text.IndexOf(line, at + line.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>The two nodes, with half-second worker rounds and their built-in registries down at start.</summary>
    public sealed class Nodes : IAsyncLifetime
    {
        public NodePair Pair { get; private set; } = null!;

        public async Task InitializeAsync() => Pair = await NodePair.StartAsync(new Dictionary<string, string?>
        {
            ["Retention:Enabled"] = "true",
            ["Retention:Interval"] = "00:00:00.500",
            ["Verification:Interval"] = "00:00:00.500",
            ["Verification:FirstRetryDelay"] = "00:00:00.300",
            ["Verification:MaxRetryDelay"] = "00:00:01",
            ["Registry:RetryBaseDelay"] = "00:00:00.020",
            ["Registry:BreakerBreakDuration"] = "00:00:01",
            ["MockRegistry:Faults:Outage"] = "true",
        });

        public async Task DisposeAsync()
        {
            if (Pair is not null)
            {
                await Pair.DisposeAsync();
            }
        }
    }
}
