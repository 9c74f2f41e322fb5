using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Registry;

public enum LookupOutcome
{
    /// <summary>The registry answered with the citizen's record.</summary>
    Found = 1,

    /// <summary>The registry answered that it does not know the number (HTTP 404).</summary>
    NotFound = 2,

    /// <summary>
    /// No answer: timeout, outage, open circuit, throttling or an unexpected response. Never a verdict:
    /// a record checked this way stays "pending verification".
    /// </summary>
    Unavailable = 3,
}

/// <summary>Result of one lookup, including how long the caller waited for it.</summary>
public sealed record RegistryLookup(LookupOutcome Outcome, RegistryCitizen? Citizen, string? FailureReason, TimeSpan Elapsed)
{
    public static RegistryLookup Found(RegistryCitizen citizen, TimeSpan elapsed) => new(LookupOutcome.Found, citizen, null, elapsed);

    public static RegistryLookup NotFound(TimeSpan elapsed) => new(LookupOutcome.NotFound, null, null, elapsed);

    public static RegistryLookup Unavailable(string reason, TimeSpan elapsed) => new(LookupOutcome.Unavailable, null, reason, elapsed);
}

/// <summary>The National Population Database, as the application sees it.</summary>
public interface IPopulationRegistry
{
    /// <summary>Never throws for registry faults; they come back as <see cref="LookupOutcome.Unavailable"/>.</summary>
    Task<RegistryLookup> LookupAsync(PersonalIdNumber idNumber, CancellationToken cancellationToken = default);
}
