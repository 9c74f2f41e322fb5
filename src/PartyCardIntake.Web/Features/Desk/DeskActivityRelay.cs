using Npgsql;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Web.Hosting;

namespace PartyCardIntake.Web.Features.Desk;

/// <summary>
/// Carries desk activity between nodes for <see cref="DeskActivityFeed"/>.
/// </summary>
/// <remarks>
/// PostgreSQL (a province server, several nodes): every node LISTENs on <see cref="DeskActivityFeed.Channel"/> on a
/// connection of its own, and a change is sent with <c>pg_notify</c> as "site:node"; a node ignores its own, which
/// it refreshed already. The server delivers within milliseconds and costs nothing while the desks are idle, which
/// a poll per node would not. A lost connection is opened again with growing waits, and every watched site is read
/// then, since what was said meanwhile is lost.
/// SQLite (a commune laptop, one file): there is no notification between processes, so a node polls one cheap stamp
/// query over the sites its desks watch, once a second and only while some desk watches; a moved stamp reads that
/// site's board. On one node the feed's own refresh has already read the stamp, so a local change is read once.
/// </remarks>
internal sealed class DeskActivityRelay(
    DeskActivityFeed feed,
    DatabaseOptions database,
    ISystemDbContextFactory contexts,
    VietnamTime time,
    ILogger<DeskActivityRelay> logger) : BackgroundService
{
    public static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    /// <summary>The listening connection's name in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationName = "PartyCardIntake desk activity";

    private static readonly TimeSpan FirstReconnectDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int connections;

    /// <summary>Done once this node hears the other nodes (PostgreSQL: LISTEN has run; SQLite and SQL Server, which are polled: at once).</summary>
    internal Task Ready => ready.Task;

    /// <summary>How many times the listening connection was opened (PostgreSQL), for the reconnection test.</summary>
    internal int Connections => Volatile.Read(ref connections);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        database.Provider == DatabaseProvider.PostgreSql
            ? Task.WhenAll(ListenAsync(stoppingToken), NotifyAsync(stoppingToken))
            : PollAsync(stoppingToken);

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var delay = FirstReconnectDelay;
        var lost = false;
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            // Its own connection for as long as the node runs, not one of the pool's; keepalives find a dead server
            // while it waits.
            Pooling = false,
            KeepAlive = 15,
            ApplicationName = ApplicationName,
        }.ConnectionString;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, e) => feed.Notified(e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {DeskActivityFeed.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                Interlocked.Increment(ref connections);
                ready.TrySetResult();
                if (lost)
                {
                    logger.LogInformation("Listening to desk activity again");
                    feed.RefreshAll();
                }

                delay = FirstReconnectDelay;
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The server restarts or fails over: the desks of this node miss other nodes' changes until it is back.
                logger.LogWarning(e, "Desk activity listener lost its connection; trying again in {Delay}", delay);
                lost = true;
            }

            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReconnectDelay.Ticks));
        }
    }

    private async Task NotifyAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await feed.Outgoing.WaitToReadAsync(stoppingToken))
            {
                // Everything published meanwhile goes in one statement, each site once.
                var sites = new HashSet<int>();
                while (feed.Outgoing.TryRead(out var siteId))
                {
                    sites.Add(siteId);
                }

                await SendAsync([.. sites.Select(s => $"{s}:{feed.Node}")], stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
    }

    private async Task SendAsync(string[] payloads, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(database.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, p) FROM unnest(@payloads) AS p", connection);
                notify.Parameters.AddWithValue("channel", DeskActivityFeed.Channel);
                notify.Parameters.AddWithValue("payloads", payloads);
                await notify.ExecuteNonQueryAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < 2)
            {
                // A pooled connection left dead by a server restart: the pool is emptied and the send tried once more.
                logger.LogDebug(e, "Desk activity not sent; trying again");
                using var pooled = new NpgsqlConnection(database.ConnectionString);
                NpgsqlConnection.ClearPool(pooled);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The other nodes' desks show it at the next change of the site.
                logger.LogWarning(e, "Desk activity of sites {Sites} not sent to the other nodes", string.Join(", ", payloads));
                return;
            }
        }
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        ready.TrySetResult();
        using var timer = new PeriodicTimer(PollEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var sites = feed.WatchedSites();
                if (sites.Count == 0)
                {
                    continue;
                }

                try
                {
                    await using var db = contexts.CreateDbContext();
                    foreach (var (siteId, stamp) in await DeskActivityFeed.StampsAsync(db, sites, time, stoppingToken))
                    {
                        feed.Observe(siteId, stamp);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogDebug(e, "Desk activity stamps not read");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
    }
}
