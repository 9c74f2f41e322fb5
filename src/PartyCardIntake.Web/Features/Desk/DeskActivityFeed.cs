using System.Globalization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Web.Hosting;

namespace PartyCardIntake.Web.Features.Desk;

/// <summary>What every desk of a site shows of the day: the queue of expected cells and today's records.</summary>
public sealed record DeskBoard(int SiteId, IReadOnlyList<QueueSlot> Queue, IReadOnlyList<TodayRow> Today);

/// <summary>
/// A compact fingerprint of what a site's board is made of, read once a second by the SQLite poll of
/// <see cref="DeskActivityRelay"/>: when it moves, the board is read again. <see cref="Latest"/> is the newest
/// write time it covers.
/// </summary>
internal readonly record struct DeskStamp(
    int Records, DateTime? LastRecordUpdate, int Slots, int Expected, int CheckedIn, DateTime? LastCheckIn, int Captured)
{
    public DateTime? Latest => LastCheckIn is not { } checkIn || LastRecordUpdate > checkIn ? LastRecordUpdate : checkIn;
}

/// <summary>
/// Today's queue and records of a site for every open desk of that site on this node. A change at a site (a save,
/// a check-in, a re-check) leads to one read of the board per site on each node, pushed to all its desks there:
/// never one read per desk, and no desk ever polls the database.
/// </summary>
/// <remarks>
/// Changes made on another node arrive through <see cref="DeskActivityRelay"/>: on PostgreSQL by LISTEN/NOTIFY on
/// <see cref="Channel"/>, on SQLite (one file, one machine) by a cheap poll of a <see cref="DeskStamp"/> per watched
/// site. See docs/desk.md, "Live queue".
/// </remarks>
public sealed class DeskActivityFeed : IDisposable
{
    /// <summary>The PostgreSQL notification channel; the payload is "site:node".</summary>
    public const string Channel = "desk_activity";

    /// <summary>How long a change waits before the read, so that a burst of changes makes one read.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// On SQLite, a site's first stamp is only a baseline; a write this close before the first desk subscribed
    /// (written by any node, whose clocks may differ a little) may have been missed and is read at once.
    /// </summary>
    internal static readonly TimeSpan BaselineMargin = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private const int MaxFailures = 5;

    private readonly ISystemDbContextFactory contexts;
    private readonly VietnamTime time;
    private readonly TimeProvider clock;
    private readonly ILogger<DeskActivityFeed> logger;
    private readonly Lock gate = new();
    private readonly Dictionary<int, Watch> watches = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Channel<int> outgoing = System.Threading.Channels.Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });
    private bool disposed;

    /// <summary>How many times a board was read, for the tests that check it is once per site and change on a node.</summary>
    internal int Reads;

    public DeskActivityFeed(ISystemDbContextFactory contexts, DatabaseOptions database, VietnamTime time, TimeProvider clock, ILogger<DeskActivityFeed> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        this.contexts = contexts;
        this.time = time;
        this.clock = clock;
        this.logger = logger;
        Provider = database.Provider;
    }

    /// <summary>Names this node in its notifications, so that it does not read again what it already refreshed.</summary>
    internal string Node { get; } = Guid.NewGuid().ToString("N");

    internal DatabaseProvider Provider { get; }

    /// <summary>Sites changed on this node, for <see cref="DeskActivityRelay"/> to tell the other nodes (PostgreSQL only).</summary>
    internal ChannelReader<int> Outgoing => outgoing.Reader;

    /// <summary>
    /// Calls <paramref name="listener"/> with the site's board after each change at the site, made on this node or
    /// another. The caller has checked the site against its user's commune. Subscribe before the page's first read,
    /// so that nothing falls between the two.
    /// </summary>
    public IDisposable Subscribe(int siteId, Func<DeskBoard, Task> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (gate)
        {
            if (!watches.TryGetValue(siteId, out var watch))
            {
                watches[siteId] = watch = new Watch(clock.GetUtcNow().UtcDateTime);
            }

            watch.Listeners.Add(listener);
        }

        return new Subscription(this, siteId, listener);
    }

    /// <summary>Something changed at the site: refresh this node's desks of the site and tell the other nodes.</summary>
    public void Publish(int siteId)
    {
        Refresh(siteId);
        if (Provider == DatabaseProvider.PostgreSql)
        {
            outgoing.Writer.TryWrite(siteId);
        }
    }

    /// <summary>A notification of another node: "site:node", or a bare site id (sent by hand or by a trigger).</summary>
    internal void Notified(string payload)
    {
        var parts = payload.Split(':');
        if (parts.Length > 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var siteId)
            || (parts.Length == 2 && parts[1] == Node))
        {
            return;
        }

        Refresh(siteId);
    }

    /// <summary>Refreshes every watched site: after the notifications were lost for a while.</summary>
    internal void RefreshAll()
    {
        foreach (var siteId in WatchedSites())
        {
            Refresh(siteId);
        }
    }

    internal IReadOnlyList<int> WatchedSites()
    {
        lock (gate)
        {
            return [.. watches.Where(w => w.Value.Listeners.Count > 0).Select(w => w.Key)];
        }
    }

    /// <summary>The SQLite poll's latest stamp of a site: a change since the board was last read reads it again.</summary>
    internal void Observe(int siteId, DeskStamp stamp)
    {
        lock (gate)
        {
            // A running refresh stores the stamp it reads before the board; the next poll compares with that one.
            if (!watches.TryGetValue(siteId, out var watch) || watch.Running)
            {
                return;
            }

            if (watch.Stamp is { } known)
            {
                if (known == stamp)
                {
                    return;
                }
            }
            else
            {
                watch.Stamp = stamp;
                if (stamp.Latest is not { } latest || latest < watch.Since - BaselineMargin)
                {
                    return;
                }
            }
        }

        Refresh(siteId);
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
        }

        stopping.Cancel();
        stopping.Dispose();
        outgoing.Writer.TryComplete();
    }

    /// <summary>
    /// The board of a site on <paramref name="db"/>: the same queries as the desk page's, so that a pushed board and
    /// a page's own read never differ.
    /// </summary>
    public static async Task<DeskBoard> ReadAsync(AppDbContext db, int siteId, VietnamTime time, CancellationToken cancellationToken = default)
    {
        var queue = await ArrivalService.TodayAsync(db, siteId, time, cancellationToken);
        var today = await DeskQueries.TodayAsync(db, siteId, time, cancellationToken);
        return new DeskBoard(siteId, queue, today);
    }

    /// <summary>
    /// The stamps of some sites in one statement: today's records (count, newest change, which covers verification
    /// and cancellation), today's slots, their expected members, check-ins and captures.
    /// </summary>
    internal static async Task<Dictionary<int, DeskStamp>> StampsAsync(AppDbContext db, IReadOnlyCollection<int> siteIds, VietnamTime time, CancellationToken cancellationToken)
    {
        var since = VietnamTime.StartOfDayUtc(time.Today);
        var dayStart = time.Today.ToDateTime(TimeOnly.MinValue);
        var dayEnd = dayStart.AddDays(1);
        var ids = siteIds.ToList();
        var rows = await db.IntakeSites.AsNoTracking()
            .Where(s => ids.Contains(s.Id))
            .Select(s => new
            {
                s.Id,
                Records = db.Applications.Count(a => a.IntakeSiteId == s.Id && a.SubmittedAt >= since),
                LastRecordUpdate = db.Applications.Where(a => a.IntakeSiteId == s.Id && a.SubmittedAt >= since).Max(a => (DateTime?)a.UpdatedAt),
                Slots = db.ScheduleSlots.Count(x => x.IntakeSiteId == s.Id && x.Start >= dayStart && x.Start < dayEnd),
                Expected = db.SlotMembers.Count(e => e.ScheduleSlot!.IntakeSiteId == s.Id && e.ScheduleSlot.Start >= dayStart && e.ScheduleSlot.Start < dayEnd),
                CheckedIn = db.SlotMembers.Count(e => e.ScheduleSlot!.IntakeSiteId == s.Id && e.ScheduleSlot.Start >= dayStart && e.ScheduleSlot.Start < dayEnd && e.CheckedInAt != null),
                LastCheckIn = db.SlotMembers.Where(e => e.ScheduleSlot!.IntakeSiteId == s.Id && e.ScheduleSlot.Start >= dayStart && e.ScheduleSlot.Start < dayEnd).Max(e => e.CheckedInAt),
                Captured = db.SlotMembers.Count(e => e.ScheduleSlot!.IntakeSiteId == s.Id && e.ScheduleSlot.Start >= dayStart && e.ScheduleSlot.Start < dayEnd
                    && db.Applications.Any(a => a.MemberId == e.MemberId && a.State != ApplicationState.Cancelled)),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => new DeskStamp(r.Records, r.LastRecordUpdate, r.Slots, r.Expected, r.CheckedIn, r.LastCheckIn, r.Captured));
    }

    private void Refresh(int siteId)
    {
        Watch? watch;
        CancellationToken token;
        lock (gate)
        {
            if (disposed || !watches.TryGetValue(siteId, out watch) || watch.Listeners.Count == 0)
            {
                return;
            }

            watch.Pending = true;
            if (watch.Running)
            {
                return;
            }

            watch.Running = true;
            token = stopping.Token;
        }

        _ = RefreshAsync(siteId, watch, token);
    }

    private async Task RefreshAsync(int siteId, Watch watch, CancellationToken cancellationToken)
    {
        var released = false;
        var failures = 0;
        try
        {
            await Task.Delay(Settle, cancellationToken);
            while (true)
            {
                Func<DeskBoard, Task>[] listeners;
                lock (gate)
                {
                    if (!watch.Pending || watch.Listeners.Count == 0 || failures >= MaxFailures)
                    {
                        Release(siteId, watch);
                        released = true;
                        return;
                    }

                    watch.Pending = false;
                    listeners = [.. watch.Listeners];
                }

                DeskBoard board;
                try
                {
                    board = await ReadAsync(siteId, watch, cancellationToken);
                    failures = 0;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // The database may be away for a moment (decision 0010): try again shortly, a few times.
                    failures++;
                    logger.LogWarning(e, "Desk board of site {SiteId} not read ({Failures} of {Max})", siteId, failures, MaxFailures);
                    lock (gate)
                    {
                        watch.Pending = true;
                    }

                    await Task.Delay(RetryDelay, cancellationToken);
                    continue;
                }

                await Task.WhenAll(listeners.Select(listener => TellAsync(siteId, listener, board)));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
        finally
        {
            if (!released)
            {
                lock (gate)
                {
                    Release(siteId, watch);
                }
            }
        }
    }

    /// <summary>Ends a site's refresh (under the lock), and forgets the site when no desk watches it any more.</summary>
    private void Release(int siteId, Watch watch)
    {
        watch.Running = false;
        if (watch.Listeners.Count == 0 && watches.TryGetValue(siteId, out var current) && current == watch)
        {
            watches.Remove(siteId);
        }
    }

    private async Task TellAsync(int siteId, Func<DeskBoard, Task> listener, DeskBoard board)
    {
        try
        {
            await listener(board);
        }
        catch (Exception e)
        {
            // A page that went away in the meantime.
            logger.LogDebug(e, "A desk board listener of site {SiteId} failed", siteId);
        }
    }

    private async Task<DeskBoard> ReadAsync(int siteId, Watch watch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Reads);

        // No user here: the site's rows are chosen by its id; the subscriber's site was checked against its commune.
        await using var db = contexts.CreateDbContext();
        if (Provider != DatabaseProvider.PostgreSql)
        {
            // Polled (SQLite, SQL Server: no LISTEN/NOTIFY). Read before the board, so that a change made between the two moves the next poll's stamp: it is read
            // again rather than lost.
            var stamps = await StampsAsync(db, [siteId], time, cancellationToken);
            lock (gate)
            {
                watch.Stamp = stamps.TryGetValue(siteId, out var stamp) ? stamp : null;
            }
        }

        return await ReadAsync(db, siteId, time, cancellationToken);
    }

    private void Unsubscribe(int siteId, Func<DeskBoard, Task> listener)
    {
        lock (gate)
        {
            if (watches.TryGetValue(siteId, out var watch))
            {
                watch.Listeners.Remove(listener);
                if (watch.Listeners.Count == 0 && !watch.Running)
                {
                    watches.Remove(siteId);
                }
            }
        }
    }

    private sealed class Watch(DateTime since)
    {
        public List<Func<DeskBoard, Task>> Listeners { get; } = [];

        /// <summary>When the site's first desk subscribed on this node.</summary>
        public DateTime Since { get; } = since;

        /// <summary>A change came in that no read has yet covered.</summary>
        public bool Pending { get; set; }

        /// <summary>A refresh is under way (settling, reading or telling the desks); it reads again while Pending.</summary>
        public bool Running { get; set; }

        /// <summary>SQLite only: the stamp read with the last board (or the poll's first one).</summary>
        public DeskStamp? Stamp { get; set; }
    }

    private sealed class Subscription(DeskActivityFeed feed, int siteId, Func<DeskBoard, Task> listener) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                feed.Unsubscribe(siteId, listener);
            }
        }
    }
}
