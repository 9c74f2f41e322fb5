using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.ReliabilityTests.Backup;

/// <summary>
/// Several desks of the first demo commune submitting captures without pause, each for members of its
/// own, and the moment each submission was acknowledged (the server's 200 with the application's id).
/// </summary>
internal sealed class DeskWriter : IAsyncDisposable
{
    private readonly List<HttpClient> _clients = [];
    private readonly List<Acknowledged> _acknowledged = [];
    private readonly List<string> _failures = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    public sealed record Acknowledged(Guid ApplicationId, int MemberId, TimeSpan At);

    public static byte[] Photo { get; } = DeskClient.Fixture("photo-600x800.jpg");

    public static byte[] Signature { get; } = DeskClient.Fixture("signature-600x200.png");

    public static string Strokes { get; } = File.ReadAllText(DeskClient.FixturePath("signature-600x200.json"));

    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyList<Acknowledged> AcknowledgedBefore(TimeSpan moment)
    {
        lock (_acknowledged)
        {
            return [.. _acknowledged.Where(a => a.At < moment)];
        }
    }

    public int AcknowledgedCount
    {
        get
        {
            lock (_acknowledged)
            {
                return _acknowledged.Count;
            }
        }
    }

    /// <summary>Members of the first demo commune that have no application yet.</summary>
    public static async Task<List<int>> FreeMembersAsync(TestDatabase database)
    {
        await using var db = database.CreateContext(DataScope.System);
        var code = DemoPopulationGenerator.DefaultShapes[0].Code;
        var commune = await db.Communes.Where(c => c.Code == code).Select(c => c.Id).SingleAsync();
        return await db.PartyMembers
            .Where(m => m.CommuneId == commune && m.Exemption == null && !db.Applications.Any(a => a.MemberId == m.Id))
            .OrderBy(m => m.Id)
            .Select(m => m.Id)
            .ToListAsync();
    }

    /// <summary>Signs in <paramref name="desks"/> officers' browsers, each with its station, and starts them submitting.</summary>
    public async Task StartAsync(AppProcess node, IReadOnlyList<int> members, int desks)
    {
        var queue = new System.Collections.Concurrent.ConcurrentQueue<int>(members);
        for (var i = 0; i < desks; i++)
        {
            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = node.Address };
            _clients.Add(client);
            await SignInClient.SignInAsync(client, DemoAccounts.Officer);
            await DeskClient.ChooseStationAsync(client);
        }

        _running = Task.WhenAll(_clients.Select(client => SubmitLoopAsync(client, queue, _stop.Token)));
    }

    /// <summary>Waits until at least <paramref name="count"/> submissions were acknowledged.</summary>
    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = _clock.Elapsed + timeout;
        while (AcknowledgedCount < count)
        {
            ThrowOnFailure();
            if (_clock.Elapsed > deadline || _running is { IsCompleted: true })
            {
                throw new TimeoutException($"Only {AcknowledgedCount} of {count} submissions were acknowledged.");
            }

            await Task.Delay(50);
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running;
        }

        ThrowOnFailure();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _stop.Dispose();
    }

    private void ThrowOnFailure()
    {
        lock (_failures)
        {
            if (_failures.Count > 0)
            {
                throw new InvalidOperationException("Desk submissions failed: " + string.Join("; ", _failures.Take(5)));
            }
        }
    }

    private async Task SubmitLoopAsync(HttpClient client, System.Collections.Concurrent.ConcurrentQueue<int> queue, CancellationToken stop)
    {
        var token = await DeskClient.TokenAsync(client);
        while (!stop.IsCancellationRequested && queue.TryDequeue(out var member))
        {
            try
            {
                using var response = await DeskClient.SubmitAsync(client, member, Guid.NewGuid(), Photo, Signature, Strokes, token);
                var at = _clock.Elapsed;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
                    lock (_failures)
                    {
                        _failures.Add($"member {member}: {(int)response.StatusCode} {text}");
                    }

                    return;
                }

                var body = await response.Content.ReadFromJsonAsync<Answer>(CancellationToken.None);
                lock (_acknowledged)
                {
                    _acknowledged.Add(new Acknowledged(body!.ApplicationId, member, at));
                }
            }
            catch (HttpRequestException e)
            {
                lock (_failures)
                {
                    _failures.Add($"member {member}: {e.Message}");
                }

                return;
            }
        }
    }

    private sealed record Answer(Guid ApplicationId);
}
