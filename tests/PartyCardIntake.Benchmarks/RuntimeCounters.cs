using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace PartyCardIntake.Benchmarks;

/// <summary>
/// The runtime's own counters of another .NET process ("System.Runtime": gc-heap-size, gc-committed, GC counts),
/// read from outside through an EventPipe session on its diagnostic port, once a second; and a full garbage
/// collection induced in that process the way dotnet-gcdump does it (the runtime provider's GCHeapCollect keyword).
/// </summary>
internal sealed class RuntimeCounters : IAsyncDisposable
{
    private const long GcHeapCollectKeyword = 0x800000;
    private readonly ConcurrentDictionary<string, (double Value, DateTime At)> _latest = new(StringComparer.Ordinal);
    private readonly int _processId;
    private readonly EventPipeSession _session;
    private readonly EventPipeEventSource _source;
    private readonly Task _processing;

    private RuntimeCounters(int processId)
    {
        _processId = processId;
        var client = new DiagnosticsClient(processId);
        _session = client.StartEventPipeSession(
            new EventPipeProvider("System.Runtime", EventLevel.Informational, 0, new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" }),
            requestRundown: false);
        _source = new EventPipeEventSource(_session.EventStream);
        _source.Dynamic.All += OnEvent;
        _processing = Task.Run(() => _source.Process());
    }

    public static RuntimeCounters Start(int processId) => new(processId);

    /// <summary>A value of <paramref name="counter"/> sampled after <paramref name="after"/> (UTC), waiting for it up to 15 s.</summary>
    public async Task<double> NextAsync(string counter, DateTime after)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_latest.TryGetValue(counter, out var sample) && sample.At > after)
            {
                return sample.Value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No sample of the counter '{counter}' from process {_processId} within 15 s.");
    }

    /// <summary>
    /// Induces a full, compacting, blocking collection in the process: a second EventPipe session enables the
    /// runtime provider with GCHeapCollect, on which the runtime forces a GC. Waits until gen-2-gc-count moves.
    /// </summary>
    public async Task<bool> ForceGcAsync()
    {
        var before = await NextAsync("gen-2-gc-count-total", DateTime.UtcNow.AddSeconds(-2));
        var client = new DiagnosticsClient(_processId);
        using (var session = client.StartEventPipeSession(new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcHeapCollectKeyword), requestRundown: false))
        {
            var drain = session.EventStream.CopyToAsync(Stream.Null);
            await Task.Delay(TimeSpan.FromSeconds(3));
            await session.StopAsync(CancellationToken.None);
            await drain;
        }

        var after = await NextAsync("gen-2-gc-count-total", DateTime.UtcNow);
        return after > before;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _session.StopAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is ServerNotAvailableException or IOException or TimeoutException)
        {
            // The process is gone already.
        }

        await _processing.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        _source.Dispose();
        _session.Dispose();
    }

    private void OnEvent(TraceEvent e)
    {
        if (e.EventName != "EventCounters" || e.PayloadValue(0) is not IDictionary<string, object> outer || outer["Payload"] is not IDictionary<string, object> payload)
        {
            return;
        }

        var name = payload["Name"]?.ToString() ?? string.Empty;
        var now = DateTime.UtcNow;
        if (payload.TryGetValue("Mean", out var mean))
        {
            _latest[name] = (Convert.ToDouble(mean, CultureInfo.InvariantCulture), now);
        }
        else if (payload.TryGetValue("Increment", out var increment))
        {
            // Rate counters (gen-2-gc-count) give the increment per interval; keep the running total too.
            var value = Convert.ToDouble(increment, CultureInfo.InvariantCulture);
            _latest[name] = (value, now);
            _latest.AddOrUpdate(name + "-total", (value, now), (_, old) => (old.Value + value, now));
        }
    }
}
