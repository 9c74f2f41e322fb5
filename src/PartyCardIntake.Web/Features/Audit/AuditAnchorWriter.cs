using Microsoft.Extensions.Options;
using PartyCardIntake.Infrastructure.Audit;

namespace PartyCardIntake.Web.Features.Audit;

/// <summary>
/// Writes the chain's last entry to this node's anchor file (and to the log) every few minutes, when it
/// has grown. Cutting entries off the end of the chain can then be seen by <c>audit verify</c>, except
/// for those written since the last anchor.
/// </summary>
internal sealed partial class AuditAnchorWriter(
    AuditChain chain, AuditAnchorFile file, IOptions<AuditAnchorOptions> options, TimeProvider clock, ILogger<AuditAnchorWriter> logger) : BackgroundService
{
    private AuditAnchor? _last;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.AnchorInterval, clock);
        do
        {
            try
            {
                await WriteOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again; the trail itself is unaffected.
                LogFailed(e);
            }
        }
        while (await WaitAsync(timer, stoppingToken));

        // A graceful stop anchors the final tail, so a restart leaves nothing unanchored behind it.
        try
        {
            await WriteOnceAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Appends an anchor when the chain has grown since the last one; returns it, or null.</summary>
    public async Task<AuditAnchor?> WriteOnceAsync(CancellationToken cancellationToken = default)
    {
        var tail = await chain.TailAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);
        var last = _last ??= await file.LastAsync(cancellationToken);
        if (tail is null || (last is not null && last.EntryId == tail.EntryId && last.Hash == tail.Hash))
        {
            return null;
        }

        await file.AppendAsync(tail, cancellationToken);
        _last = tail;
        LogAnchor(tail.EntryId, tail.Hash);
        return tail;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit anchor: entry {EntryId} has hash {Hash}")]
    private partial void LogAnchor(long entryId, string hash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit anchor could not be written")]
    private partial void LogFailed(Exception exception);
}
