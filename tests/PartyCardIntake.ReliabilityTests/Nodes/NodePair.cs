using System.Net.Http.Json;
using System.Text.Json;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.ReliabilityTests.Nodes;

/// <summary>
/// Two web nodes ("a" and "b") as real processes on one PostgreSQL database, as a province server runs them. Each
/// has a data folder of its own (logs, audit anchors) and names itself in <c>X-Node</c>. Node a starts first and
/// creates the schema and the demo campaign; node b then starts on them.
/// </summary>
public sealed class NodePair : IAsyncDisposable
{
    private NodePair(TestDatabase database, AppProcess a, AppProcess b)
    {
        Database = database;
        A = a;
        B = b;
    }

    public TestDatabase Database { get; }

    public AppProcess A { get; }

    public AppProcess B { get; }

    public IReadOnlyList<AppProcess> Nodes => [A, B];

    public static async Task<NodePair> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var database = TestDatabase.Create(DatabaseProvider.PostgreSql);
        var pair = new NodePair(database, Node(database, "a", settings), Node(database, "b", settings));
        try
        {
            await pair.A.StartAsync();
            await pair.B.StartAsync();
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    /// <summary>The node whose process id is part of <paramref name="holder"/> (a worker lease holder), or null.</summary>
    public AppProcess? HolderNode(string holder) =>
        Nodes.SingleOrDefault(n => n.IsRunning && holder.Contains($"/{n.ProcessId}/", StringComparison.Ordinal));

    /// <summary>Citizen requests the node's built-in mock registry has received since its last reset.</summary>
    public static async Task<long> RegistryRequestsAsync(HttpClient admin)
    {
        var answer = await admin.GetFromJsonAsync<JsonElement>("/mock-registry/admin/faults");
        return answer.GetProperty("requests").GetInt64();
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Database.DisposeAsync();
    }

    private static AppProcess Node(TestDatabase database, string name, IReadOnlyDictionary<string, string?> settings)
    {
        var all = AppProcess.DemoSettings(database);
        all["Database:DataFolder"] = Path.Combine(database.Folder, name);
        all["Node:Name"] = name;
        all["Node:SendNameHeader"] = "true";
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return new AppProcess(all, name: "node " + name);
    }
}
