using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using PartyCardIntake.Core.Registry;

namespace PartyCardIntake.UnitTests.Registry;

public sealed record RegistryCall(DateTimeOffset At, Uri? Uri);

/// <summary>
/// The registry's side of the wire, scripted step by step. Counts the calls, notes the fake time of
/// each, and keeps every response it made so that tests can check they were disposed.
/// </summary>
public sealed class StubRegistryHandler(TimeProvider time) : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _script = new();
    private readonly List<RegistryCall> _calls = [];
    private readonly ConcurrentQueue<TrackedContent> _contents = new();
    private Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>? _otherwise;

    public IReadOnlyList<RegistryCall> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyCollection<TrackedContent> Contents => [.. _contents];

    public StubRegistryHandler Then(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> step, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _script.Enqueue(step);
        }

        return this;
    }

    public StubRegistryHandler Then(HttpStatusCode status, int times = 1) => Then(Status(status), times);

    /// <summary>What every call gets once the script is used up.</summary>
    public StubRegistryHandler Otherwise(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> step)
    {
        _otherwise = step;
        return this;
    }

    public StubRegistryHandler Otherwise(HttpStatusCode status) => Otherwise(Status(status));

    public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Status(HttpStatusCode status, Action<HttpResponseMessage>? headers = null) =>
        (_, _) =>
        {
            var response = new HttpResponseMessage(status) { Content = Track("{}") };
            headers?.Invoke(response);
            return Task.FromResult(response);
        };

    public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Json(string body) =>
        (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = Track(body) });

    public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Citizen(RegistryCitizen citizen) =>
        Json(JsonSerializer.Serialize(citizen, JsonSerializerOptions.Web));

    /// <summary>A registry that never answers: the call ends only when its token is cancelled.</summary>
    public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Hang() =>
        async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken);
            throw new InvalidOperationException("Unreachable.");
        };

    public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> After(TimeSpan delay, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> then) =>
        async (request, cancellationToken) =>
        {
            await Task.Delay(delay, time, cancellationToken);
            return await then(request, cancellationToken);
        };

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Fail(Exception exception) =>
        (_, _) => Task.FromException<HttpResponseMessage>(exception);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_calls)
        {
            _calls.Add(new RegistryCall(time.GetUtcNow(), request.RequestUri));
        }

        var step = _script.TryDequeue(out var next)
            ? next
            : _otherwise ?? throw new InvalidOperationException($"Unscripted registry call #{Calls.Count}.");
        return step(request, cancellationToken);
    }

    private TrackedContent Track(string body)
    {
        var content = new TrackedContent(body);
        _contents.Enqueue(content);
        return content;
    }

    public sealed class TrackedContent(string body) : StringContent(body, Encoding.UTF8, "application/json")
    {
        public bool IsDisposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            IsDisposed = true;
            base.Dispose(disposing);
        }
    }
}
