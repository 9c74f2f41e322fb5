using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Infrastructure.Database;

/// <summary>
/// Leases in table <c>WorkerLeases</c>, so that background work that must run once runs on one web node at a
/// time when several share the database. A lease is taken or renewed with one conditional UPDATE (free, expired,
/// or already ours), which every provider applies atomically: on PostgreSQL a second UPDATE waits for the row
/// lock and then re-reads the condition, on SQL Server it waits on the row's update lock and then evaluates the
/// condition against the committed row, on SQLite writers take turns. The row is created on first use; two
/// nodes creating it at once meet the primary key (SQL Server: error 2627), and the loser simply does not hold the lease.
/// </summary>
/// <remarks>
/// Expiry is judged by the clocks of the nodes (the application's <see cref="TimeProvider"/>), so the nodes'
/// clocks must agree to well within the lease duration (NTP). Each instance is one holder; in production that
/// is one per process.
/// </remarks>
public sealed partial class WorkerLeases(ISystemDbContextFactory factory, TimeProvider clock, ILogger<WorkerLeases> logger)
{
    /// <summary>Shortest lease: a holder must be able to miss a renewal or two without losing it.</summary>
    public static readonly TimeSpan MinimumDuration = TimeSpan.FromSeconds(10);

    private const int HolderLength = 200;

    /// <summary>This node: machine name, process id and a random part (a restarted process is a new holder).</summary>
    public string Holder { get; } = NewHolder();

    /// <summary>
    /// The lease for work that runs every <paramref name="interval"/>: two intervals, so that the holder keeps
    /// it from one round to the next and nobody else slips in between, and at least <see cref="MinimumDuration"/>.
    /// </summary>
    public static TimeSpan DurationFor(TimeSpan interval) =>
        interval * 2 > MinimumDuration ? interval * 2 : MinimumDuration;

    /// <summary>
    /// True when <paramref name="holder"/> holds lease <paramref name="name"/> now, until now + <paramref name="duration"/>:
    /// it was free, expired, or already held by <paramref name="holder"/> (then it is renewed). Counts a round.
    /// </summary>
    public async Task<bool> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(holder);
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now + duration;
        await using var db = factory.CreateDbContext();
        var taken = await db.WorkerLeases
            .Where(l => l.Name == name && (l.ExpiresAt <= now || l.Holder == holder))
            .ExecuteUpdateAsync(
                s => s.SetProperty(l => l.Holder, holder)
                    .SetProperty(l => l.ExpiresAt, expires)
                    .SetProperty(l => l.Rounds, l => l.Rounds + 1),
                cancellationToken);
        if (taken > 0)
        {
            return true;
        }

        if (await db.WorkerLeases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }

        // First use of this lease in the database.
        db.WorkerLeases.Add(new WorkerLease { Name = name, Holder = holder, ExpiresAt = expires, Rounds = 1 });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another node created it a moment earlier and holds it.
            return false;
        }
    }

    /// <summary>Moves the end of a lease still held by <paramref name="holder"/>, without counting a round.</summary>
    public async Task<bool> ExtendAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var expires = clock.GetUtcNow().UtcDateTime + duration;
        await using var db = factory.CreateDbContext();
        return await db.WorkerLeases
            .Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, expires), cancellationToken) > 0;
    }

    /// <summary>Gives a lease held by <paramref name="holder"/> up, so that another node can take it at its next round.</summary>
    public async Task<bool> ReleaseAsync(string name, string holder, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = factory.CreateDbContext();
        return await db.WorkerLeases
            .Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, string.Empty).SetProperty(l => l.ExpiresAt, now), cancellationToken) > 0;
    }

    /// <summary>
    /// Runs <paramref name="round"/> when this node holds lease <paramref name="name"/> (taking or renewing it);
    /// false, without running it, when another node holds it. A round that lasts longer than a third of the lease
    /// extends it as it goes; should the lease be lost all the same (the database was away longer than the lease),
    /// the round's token is cancelled and the round ends quietly, so that two nodes never go on side by side.
    /// </summary>
    public async Task<bool> RunIfHeldAsync(string name, TimeSpan duration, Func<CancellationToken, Task> round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (!await TryAcquireAsync(name, Holder, duration, cancellationToken))
        {
            return false;
        }

        using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var keeping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keeper = KeepAsync(name, duration, held, keeping.Token);
        try
        {
            await round(held.Token);
        }
        catch (OperationCanceledException) when (held.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogLost(name);
        }
        finally
        {
            await keeping.CancelAsync();
            await keeper;
        }

        return true;
    }

    /// <summary>Gives the lease up on a graceful stop; failures only cost the other nodes one lease duration.</summary>
    public async Task ReleaseOnStopAsync(string name)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await ReleaseAsync(name, Holder, timeout.Token);
        }
        catch (Exception e)
        {
            LogReleaseFailed(e, name);
        }
    }

    private async Task KeepAsync(string name, TimeSpan duration, CancellationTokenSource held, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(duration / 3, clock, stop);
                try
                {
                    if (!await ExtendAsync(name, Holder, duration, stop))
                    {
                        await held.CancelAsync();
                        return;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database may be restarting; the round fails on its own then, and the next try may still succeed.
                    LogExtendFailed(e, name);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The round is over.
        }
    }

    private static string NewHolder()
    {
        var holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        return holder.Length <= HolderLength ? holder : holder[^HolderLength..];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker lease {Name} was lost during a round; the round stopped and another node goes on")]
    private partial void LogLost(string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker lease {Name} could not be extended")]
    private partial void LogExtendFailed(Exception exception, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker lease {Name} could not be released; other nodes take it when it expires")]
    private partial void LogReleaseFailed(Exception exception, string name);
}
