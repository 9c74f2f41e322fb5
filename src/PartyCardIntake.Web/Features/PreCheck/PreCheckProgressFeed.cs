using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.Web.Features.PreCheck;

/// <summary>
/// A commune's pre-check progress for every open cells page of that commune on this node: one read per commune
/// and refresh while a run is active and a page watches, shared by all the pages, never one read per page.
/// The worker may run on another node, so the progress is read from the database, not pushed by the worker.
/// </summary>
public sealed class PreCheckProgressFeed(IServiceScopeFactory scopes, ILogger<PreCheckProgressFeed> logger) : IDisposable
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(2);

    private readonly Lock gate = new();
    private readonly Dictionary<int, Watch> watches = [];
    private readonly CancellationTokenSource stopping = new();

    /// <summary>How many times the progress was read, for the tests that check it is once per commune.</summary>
    internal int Reads;

    /// <summary>
    /// Calls <paramref name="listener"/> with the commune's latest runs at each refresh while a run is active. The
    /// commune is the subscriber's own (from its circuit's user): a page never names another commune here.
    /// </summary>
    public IDisposable Subscribe(int communeId, Func<IReadOnlyList<PreCheckRunView>, Task> listener)
    {
        lock (gate)
        {
            if (!watches.TryGetValue(communeId, out var watch))
            {
                watches[communeId] = watch = new Watch();
            }

            watch.Listeners.Add(listener);
        }

        return new Subscription(this, communeId, listener);
    }

    /// <summary>A run of the commune is queued or running: refresh its pages until none is.</summary>
    public void Wake(int communeId)
    {
        lock (gate)
        {
            if (watches.TryGetValue(communeId, out var watch) && watch.Loop is not { IsCompleted: false })
            {
                watch.Loop = RefreshAsync(communeId, stopping.Token);
            }
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
    }

    private async Task RefreshAsync(int communeId, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RefreshEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                Func<IReadOnlyList<PreCheckRunView>, Task>[] listeners;
                lock (gate)
                {
                    if (!watches.TryGetValue(communeId, out var watch) || watch.Listeners.Count == 0)
                    {
                        return;
                    }

                    listeners = [.. watch.Listeners];
                }

                IReadOnlyList<PreCheckRunView> latest;
                try
                {
                    latest = await ReadAsync(communeId, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database may be away for a moment (decision 0010): the next refresh tries again.
                    logger.LogDebug(e, "Pre-check progress of commune {CommuneId} not read", communeId);
                    continue;
                }

                foreach (var listener in listeners)
                {
                    try
                    {
                        await listener(latest);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // A page that went away in the meantime.
                        logger.LogDebug(e, "A pre-check progress listener of commune {CommuneId} failed", communeId);
                    }
                }

                if (!latest.Any(r => r.IsActive))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
    }

    private async Task<IReadOnlyList<PreCheckRunView>> ReadAsync(int communeId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Reads);
        await using var scope = scopes.CreateAsyncScope();

        // No user here: the commune's rows are chosen by its id, as the worker does.
        await using var db = scope.ServiceProvider.GetRequiredService<ISystemDbContextFactory>().CreateDbContext();
        return await PreCheckService.LatestAsync(
            db.PreCheckRuns.Where(r => r.CommuneId == communeId),
            db.PartyCells.Where(c => c.CommuneId == communeId),
            5,
            cancellationToken);
    }

    private void Unsubscribe(int communeId, Func<IReadOnlyList<PreCheckRunView>, Task> listener)
    {
        lock (gate)
        {
            if (watches.TryGetValue(communeId, out var watch))
            {
                watch.Listeners.Remove(listener);
                if (watch.Listeners.Count == 0 && watch.Loop is not { IsCompleted: false })
                {
                    watches.Remove(communeId);
                }
            }
        }
    }

    private sealed class Watch
    {
        public List<Func<IReadOnlyList<PreCheckRunView>, Task>> Listeners { get; } = [];

        public Task? Loop { get; set; }
    }

    private sealed class Subscription(PreCheckProgressFeed feed, int communeId, Func<IReadOnlyList<PreCheckRunView>, Task> listener) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                feed.Unsubscribe(communeId, listener);
            }
        }
    }
}
