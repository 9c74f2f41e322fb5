namespace PartyCardIntake.Web.Features.Desk;

/// <summary>Section "Verification": how pending records are re-checked against the registry.</summary>
public sealed class VerificationOptions
{
    public const string Section = "Verification";

    /// <summary>How often the worker looks for records due for a re-check.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Records re-checked per round, so that a backlog reaches the registry at a tolerable rate.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Wait after the first failed attempt; doubles with every failure.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A desk check younger than this decides the submitted record without asking the registry again.</summary>
    public TimeSpan RecentCheck { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Back-off with ±20% jitter so that records that failed together do not return together.</summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 16);
        var delay = Math.Min(MaxRetryDelay.TotalMilliseconds, FirstRetryDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(delay * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }
}
