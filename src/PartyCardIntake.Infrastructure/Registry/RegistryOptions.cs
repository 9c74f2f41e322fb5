namespace PartyCardIntake.Infrastructure.Registry;

/// <summary>
/// Section "Registry": where the National Population Database is and how patiently to ask it.
/// The defaults suit a commune desk: an officer waits at most <see cref="TotalTimeout"/> with the
/// member in front of them, and a registry that keeps failing is left alone for
/// <see cref="BreakerBreakDuration"/> instead of being asked four times per member.
/// </summary>
public sealed class RegistryOptions
{
    public const string Section = "Registry";

    /// <summary>
    /// Base address of the registry's API, for example "https://registry.example/api/". Null means the
    /// built-in mock registry, whose address the web application supplies.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Path of a citizen relative to <see cref="BaseAddress"/>; the ID number is appended.</summary>
    public string CitizenPath { get; set; } = "v1/citizens/";

    /// <summary>
    /// Longest the desk waits for one lookup, retries and their delays included. Past it the lookup is
    /// "unavailable" and the record stays pending verification.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Longest one HTTP attempt may take, response body included, before it is abandoned and retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Retries after the first attempt, for transient failures only (network, timeouts, 408, 429, 5xx gateways).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Median delay before the first retry; it doubles with each retry, with jitter so that desks do not retry in step.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Longest Retry-After (from a 429 or 503) that is honoured, and the cap of any delay between
    /// attempts. A registry asking for a longer wait, or for one that would end after
    /// <see cref="TotalTimeout"/>, gets no retry: the lookup is reported unavailable at once rather than
    /// keeping the desk waiting for an answer that cannot come in time.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Share of failed attempts within <see cref="BreakerSamplingDuration"/> that opens the circuit.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>
    /// Attempts needed within <see cref="BreakerSamplingDuration"/> before the ratio counts. Kept low
    /// because a commune is quiet: 6 is reached by two failing lookups (each makes
    /// 1 + <see cref="MaxRetryAttempts"/> = 4 attempts). See docs/registry.md.
    /// </summary>
    public int BreakerMinimumThroughput { get; set; } = 6;

    /// <summary>
    /// Window over which attempts are counted. Three minutes hold two consecutive lookups of one desk
    /// (about one every two minutes) even though the window rolls in tenths.
    /// </summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// How long an open circuit refuses lookups without calling the registry. Afterwards one trial
    /// attempt goes through; its failure opens the circuit again at the cost of one attempt.
    /// </summary>
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
