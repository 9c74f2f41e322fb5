namespace PartyCardIntake.Core.Domain;

public enum CheckOutcome
{
    Matched = 1,
    Mismatched = 2,
    NotFound = 3,

    /// <summary>The registry gave no answer; says nothing about the member.</summary>
    Unavailable = 4,
}

public enum CheckSource
{
    Desk = 1,
    Recheck = 2,
    PreCheck = 3,

    /// <summary>Asked for by the committee from the worklist, or after correcting a record.</summary>
    Committee = 4,
}

/// <summary>One check of a member against the population registry, kept as history.</summary>
public class RegistryCheck
{
    public long Id { get; set; }

    public int CommuneId { get; set; }

    public int MemberId { get; set; }

    public PartyMember? Member { get; set; }

    public Guid? ApplicationId { get; set; }

    public DateTime CheckedAt { get; set; }

    public CheckSource Source { get; set; }

    public CheckOutcome Outcome { get; set; }

    public bool HasWarnings { get; set; }

    /// <summary>Short code of a failed lookup (timeout, circuit-open, …); never personal data.</summary>
    public string? FailureReason { get; set; }

    /// <summary>The registry's record as received (JSON), shown side by side with the party record.</summary>
    public string? CitizenJson { get; set; }

    /// <summary>The field-by-field comparison (JSON).</summary>
    public string? ComparisonJson { get; set; }

    public int ElapsedMilliseconds { get; set; }

    public string? CheckedBy { get; set; }

    public bool IsConclusive => Outcome != CheckOutcome.Unavailable;
}
