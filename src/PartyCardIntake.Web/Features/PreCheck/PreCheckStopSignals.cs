using System.Collections.Concurrent;

namespace PartyCardIntake.Web.Features.PreCheck;

/// <summary>
/// Stops of pre-check runs on this node, for the worker's registry call under way: the stored state (Cancelled) is what
/// stops a run on every node (the worker reads it before each member); this only cuts short the call in flight.
/// </summary>
public sealed class PreCheckStopSignals
{
    private readonly ConcurrentDictionary<int, CancellationTokenSource> running = new();

    /// <summary>The worker works on <paramref name="runId"/>: a token that a stop cancels. Dispose the result when the step ends.</summary>
    internal Lease Watch(int runId)
    {
        var source = new CancellationTokenSource();
        running[runId] = source;
        return new Lease(this, runId, source);
    }

    /// <summary>Asks the worker to let go of the run now (a no-op when this node is not working on it).</summary>
    public void Stop(int runId)
    {
        if (running.TryGetValue(runId, out var source))
        {
            try
            {
                source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The step ended in the meantime.
            }
        }
    }

    internal sealed class Lease(PreCheckStopSignals owner, int runId, CancellationTokenSource source) : IDisposable
    {
        public CancellationToken Token => source.Token;

        public bool StopRequested => source.IsCancellationRequested;

        public void Dispose()
        {
            owner.running.TryRemove(new KeyValuePair<int, CancellationTokenSource>(runId, source));
            source.Dispose();
        }
    }
}
