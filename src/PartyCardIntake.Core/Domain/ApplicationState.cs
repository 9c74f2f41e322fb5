namespace PartyCardIntake.Core.Domain;

/// <summary>Life of an application for a chip card; see the transitions on <see cref="Application"/>.</summary>
public enum ApplicationState
{
    Submitted = 1,
    Approved = 2,
    Transmitted = 3,
    Returned = 4,
    Cancelled = 5,
}

/// <summary>Outcome of the check against the population registry, tracked beside the state.</summary>
public enum VerificationStatus
{
    Pending = 1,
    Matched = 2,
    Mismatched = 3,
    NotFound = 4,
}
