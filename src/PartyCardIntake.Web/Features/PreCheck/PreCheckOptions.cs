namespace PartyCardIntake.Web.Features.PreCheck;

/// <summary>Section "PreCheck": how fast and how patiently member lists are checked against the registry.</summary>
public sealed class PreCheckOptions
{
    public const string Section = "PreCheck";

    /// <summary>
    /// Registry calls per second made by the pre-check, for the whole application: runs are worked
    /// one at a time, one member at a time, and calls are spaced at least 1/RatePerSecond apart, so
    /// that checking a commune of two thousand members never floods the registry. Desk checks are
    /// not counted; they are one every couple of minutes per desk. Fractions are allowed (0.5 = one
    /// call every two seconds).
    /// </summary>
    public double RatePerSecond { get; set; } = 5;

    /// <summary>
    /// When the registry does not answer (outage, timeout, open circuit, throttling), how long the
    /// worker waits before asking about the same member again. An unanswered member is never
    /// skipped: the run's cursor only moves on an answer.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often the worker looks for queued runs while it has nothing to do, and how soon after a
    /// start (or a restart) a queued or interrupted run is taken up.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Shortest time between two registry calls.</summary>
    public TimeSpan Spacing => TimeSpan.FromSeconds(1 / RatePerSecond);

    public bool IsValid => RatePerSecond > 0 && double.IsFinite(RatePerSecond) && RetryDelay > TimeSpan.Zero && Interval > TimeSpan.Zero;
}
