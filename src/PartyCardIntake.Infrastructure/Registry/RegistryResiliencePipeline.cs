using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace PartyCardIntake.Infrastructure.Registry;

/// <summary>
/// The registry's resilience pipeline: total timeout → retry → circuit breaker → attempt timeout.
/// Registered as a singleton on purpose: IHttpClientFactory recycles its handlers every few minutes,
/// and a circuit breaker living in a handler would silently close again with each new handler.
/// </summary>
public sealed class RegistryResiliencePipeline
{
    /// <summary>When the lookup entered the pipeline, so that retry can tell how much of the total budget is left.</summary>
    internal static readonly ResiliencePropertyKey<long> StartedAt = new("PartyCardIntake.Registry.StartedAt");

    /// <summary>The caller's own token, to tell its cancellation from the total timeout's.</summary>
    internal static readonly ResiliencePropertyKey<CancellationToken> CallerToken = new("PartyCardIntake.Registry.CallerToken");

    private readonly RegistryOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly CircuitBreakerStateProvider _circuit = new();

    public RegistryResiliencePipeline(IOptions<RegistryOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options.Value;
        _timeProvider = timeProvider;

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>
        {
            Name = "population-registry",
            TimeProvider = timeProvider,
        };

        builder.AddTimeout(new TimeoutStrategyOptions { Name = "total-timeout", Timeout = _options.TotalTimeout });

        if (_options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "retry",
                MaxRetryAttempts = _options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.MaxRetryAfter,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome) && !MustGiveUp(args.Outcome.Result, args.Context)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    // The failed response is never read; its connection goes back to the pool now.
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            Name = "circuit-breaker",
            FailureRatio = _options.BreakerFailureRatio,
            MinimumThroughput = _options.BreakerMinimumThroughput,
            SamplingDuration = _options.BreakerSamplingDuration,
            BreakDuration = _options.BreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome) || CutByTotalTimeout(args.Outcome, args.Context)),
            StateProvider = _circuit,
        });

        builder.AddTimeout(new TimeoutStrategyOptions { Name = "attempt-timeout", Timeout = _options.AttemptTimeout });

        Pipeline = builder.Build();
    }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    /// <summary>State of the circuit, for a status display or a health check.</summary>
    public CircuitState CircuitState => _circuit.CircuitState;

    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Exception: null, Result: { } response } => IsTransient(response.StatusCode),
        _ => false,
    };

    // An attempt still running when the total timeout ends the lookup failed as surely as one that
    // timed out by itself; left uncounted, a registry that never answers would take three lookups
    // instead of two to open the circuit.
    private static bool CutByTotalTimeout(Outcome<HttpResponseMessage> outcome, ResilienceContext context) =>
        outcome.Exception is OperationCanceledException
        && !(context.Properties.TryGetValue(CallerToken, out var caller) && caller.IsCancellationRequested);

    // 400, 404 and the other 4xx would come back the same however often they are asked.
    private static bool IsTransient(HttpStatusCode status) => status
        is HttpStatusCode.RequestTimeout
        or HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError
        or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.GatewayTimeout;

    private bool MustGiveUp(HttpResponseMessage? response, ResilienceContext context)
    {
        if (RetryAfter(response) is not { } wait)
        {
            return false;
        }

        if (wait > _options.MaxRetryAfter)
        {
            return true;
        }

        return context.Properties.TryGetValue(StartedAt, out var startedAt)
            && wait >= _options.TotalTimeout - _timeProvider.GetElapsedTime(startedAt);
    }

    /// <summary>The wait a 429 or 503 asks for, as a delta or as a date; null when it asks for none.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        if (response?.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            || response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        var wait = retryAfter.Delta ?? (retryAfter.Date - _timeProvider.GetUtcNow());
        return wait is { } value && value < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}
