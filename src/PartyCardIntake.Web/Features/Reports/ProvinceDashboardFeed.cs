using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Web.Features.Desk;
using PartyCardIntake.Web.Hosting;

namespace PartyCardIntake.Web.Features.Reports;

/// <summary>
/// Today's figures of a province for every dashboard of it open on this node, read again after desks save: one read
/// per province and refresh window, shared by all its dashboards, never one per page, and no page polls.
/// </summary>
/// <remarks>
/// Saves reach it through <see cref="DeskActivityFeed"/>, which hears this node's desks and, through its relay, the
/// other nodes' (PostgreSQL notifications; on SQLite its one poll of the watched sites). The feed watches every site
/// of a province while one of its dashboards is open. A burst of saves makes one read: the first change waits until
/// <see cref="Window"/> has passed since the last read (or <see cref="Settle"/>), and changes meanwhile join it.
/// </remarks>
public sealed class ProvinceDashboardFeed(
    DeskActivityFeed activity,
    ISystemDbContextFactory contexts,
    VietnamTime time,
    TimeProvider clock,
    ILogger<ProvinceDashboardFeed> logger) : IDisposable
{
    /// <summary>At most one read per province in this time.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    /// <summary>The least wait after a change, so that the saves of one moment make one read.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);

    private readonly Lock gate = new();
    private readonly Dictionary<int, Watch> watches = [];
    private readonly CancellationTokenSource stopping = new();
    private bool disposed;

    /// <summary>How many times a province was read, for the tests that check a burst makes one read.</summary>
    internal int Reads;

    /// <summary>
    /// Calls <paramref name="listener"/> with the province's figures of today after changes at its sites. The caller has
    /// checked the province is its user's own.
    /// </summary>
    public IDisposable Subscribe(int provinceId, Func<ProvinceSnapshot, Task> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        bool first;
        Watch watch;
        lock (gate)
        {
            first = !watches.TryGetValue(provinceId, out watch!);
            if (first)
            {
                watches[provinceId] = watch = new Watch();
            }

            watch.Listeners.Add(listener);
        }

        if (first)
        {
            _ = WatchSitesAsync(provinceId, watch);
        }

        return new Subscription(this, provinceId, listener);
    }

    /// <summary>Something changed in the province (a desk saved): read it again within the window.</summary>
    internal void Changed(int provinceId)
    {
        TimeSpan delay;
        Watch? watch;
        lock (gate)
        {
            if (disposed || !watches.TryGetValue(provinceId, out watch) || watch.Listeners.Count == 0 || watch.Scheduled)
            {
                return;
            }

            watch.Scheduled = true;
            var since = clock.GetUtcNow() - watch.LastRead;
            delay = since >= Window - Settle ? Settle : Window - since;
        }

        _ = RefreshAsync(provinceId, watch, delay, stopping.Token);
    }

    public void Dispose()
    {
        List<IDisposable> sites;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            sites = [.. watches.Values.SelectMany(w => w.Sites.Values)];
            watches.Clear();
        }

        stopping.Cancel();
        stopping.Dispose();
        sites.ForEach(s => s.Dispose());
    }

    /// <summary>Follows every site of the province at the desk feed, and sites added later at each read.</summary>
    private async Task WatchSitesAsync(int provinceId, Watch watch)
    {
        try
        {
            await using var db = contexts.CreateDbContext();
            await WatchSitesAsync(db, provinceId, watch, stopping.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The sites of province {ProvinceId} were not read for its dashboards", provinceId);
        }
    }

    private async Task WatchSitesAsync(Core.Data.AppDbContext db, int provinceId, Watch watch, CancellationToken cancellationToken)
    {
        var sites = await db.IntakeSites.AsNoTracking().Where(s => s.Commune!.ProvinceId == provinceId).Select(s => s.Id).ToListAsync(cancellationToken);
        var added = new List<(int Site, IDisposable Subscription)>();
        lock (gate)
        {
            if (disposed || !watches.TryGetValue(provinceId, out var current) || current != watch)
            {
                return;
            }

            foreach (var site in sites.Where(s => !watch.Sites.ContainsKey(s)))
            {
                // Reserved under the lock; the desk feed is subscribed just after, outside it.
                watch.Sites[site] = NoSubscription.Instance;
                added.Add((site, NoSubscription.Instance));
            }
        }

        foreach (var (site, _) in added)
        {
            var subscription = activity.Subscribe(site, _ =>
            {
                Changed(provinceId);
                return Task.CompletedTask;
            });
            var keep = false;
            lock (gate)
            {
                if (!disposed && watches.TryGetValue(provinceId, out var current) && current == watch)
                {
                    watch.Sites[site] = subscription;
                    keep = true;
                }
            }

            if (!keep)
            {
                subscription.Dispose();
            }
        }
    }

    private async Task RefreshAsync(int provinceId, Watch watch, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, clock, cancellationToken);
            Func<ProvinceSnapshot, Task>[] listeners;
            lock (gate)
            {
                watch.Scheduled = false;
                watch.LastRead = clock.GetUtcNow();
                listeners = [.. watch.Listeners];
            }

            if (listeners.Length == 0)
            {
                return;
            }

            Interlocked.Increment(ref Reads);
            ProvinceSnapshot? snapshot;
            await using (var db = contexts.CreateDbContext())
            {
                // No user here: the province's rows are chosen by its id, which the subscriber's service checked.
                snapshot = await ProvinceDashboardService.ReadAsync(db, provinceId, time.Today, time.Now, cancellationToken);
                await WatchSitesAsync(db, provinceId, watch, cancellationToken);
            }

            if (snapshot is not null)
            {
                await Task.WhenAll(listeners.Select(listener => TellAsync(provinceId, listener, snapshot)));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
        catch (Exception e)
        {
            lock (gate)
            {
                watch.Scheduled = false;
            }

            logger.LogWarning(e, "Province {ProvinceId} not read for its dashboards", provinceId);
        }
    }

    private async Task TellAsync(int provinceId, Func<ProvinceSnapshot, Task> listener, ProvinceSnapshot snapshot)
    {
        try
        {
            await listener(snapshot);
        }
        catch (Exception e)
        {
            // A page that went away in the meantime.
            logger.LogDebug(e, "A dashboard of province {ProvinceId} was not refreshed", provinceId);
        }
    }

    private void Unsubscribe(int provinceId, Func<ProvinceSnapshot, Task> listener)
    {
        List<IDisposable> sites = [];
        lock (gate)
        {
            if (watches.TryGetValue(provinceId, out var watch))
            {
                watch.Listeners.Remove(listener);
                if (watch.Listeners.Count == 0)
                {
                    watches.Remove(provinceId);
                    sites = [.. watch.Sites.Values];
                }
            }
        }

        // The last dashboard of the province went: its sites are no longer watched on its behalf.
        sites.ForEach(s => s.Dispose());
    }

    private sealed class Watch
    {
        public List<Func<ProvinceSnapshot, Task>> Listeners { get; } = [];

        public Dictionary<int, IDisposable> Sites { get; } = [];

        public DateTimeOffset LastRead { get; set; } = DateTimeOffset.MinValue;

        /// <summary>A read is waiting for its moment; changes meanwhile join it.</summary>
        public bool Scheduled { get; set; }
    }

    private sealed class NoSubscription : IDisposable
    {
        public static readonly NoSubscription Instance = new();

        public void Dispose()
        {
        }
    }

    private sealed class Subscription(ProvinceDashboardFeed feed, int provinceId, Func<ProvinceSnapshot, Task> listener) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                feed.Unsubscribe(provinceId, listener);
            }
        }
    }
}
