using System.Globalization;
using System.Net;

namespace PartyCardIntake.Infrastructure.Registry;

/// <summary>
/// Reasons of an <see cref="Core.Registry.LookupOutcome.Unavailable"/> lookup: stable codes that the
/// user interface and the daily report turn into sentences.
/// </summary>
public static class RegistryFailureReasons
{
    /// <summary>An attempt or the whole lookup ran out of time.</summary>
    public const string Timeout = "timeout";

    /// <summary>The registry failed often enough recently that it was not asked at all.</summary>
    public const string CircuitOpen = "circuit-open";

    /// <summary>The registry answered 429 Too Many Requests and no retry was possible in time.</summary>
    public const string Throttled = "throttled";

    /// <summary>No HTTP answer: connection refused or reset, name resolution, TLS.</summary>
    public const string Network = "network";

    /// <summary>A 200 whose body is not a well-formed citizen, or is about another ID number.</summary>
    public const string InvalidResponse = "invalid-response";

    /// <summary>Any other status, such as "http-503" or "http-400".</summary>
    public static string HttpStatus(HttpStatusCode status) => "http-" + ((int)status).ToString(CultureInfo.InvariantCulture);
}
