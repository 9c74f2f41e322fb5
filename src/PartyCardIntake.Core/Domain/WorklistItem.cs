namespace PartyCardIntake.Core.Domain;

public enum WorklistStatus
{
    /// <summary>The registry disagrees with the party record; nobody has acted yet.</summary>
    Open = 1,

    /// <summary>The member has been told to correct their registry data; waits for a re-check.</summary>
    AwaitingRegistryUpdate = 2,

    /// <summary>Closed: the committee accepted the difference, with a reason.</summary>
    Accepted = 3,

    /// <summary>Closed: a re-check found the records in agreement.</summary>
    Resolved = 4,
}

/// <summary>
/// A member whose registry check found a mismatch, a warning or no record. One item per member,
/// re-opened and closed by later checks.
/// </summary>
public class WorklistItem
{
    public int Id { get; set; }

    public int CommuneId { get; set; }

    public int MemberId { get; set; }

    public PartyMember? Member { get; set; }

    public WorklistStatus Status { get; set; }

    public CheckOutcome LastOutcome { get; set; }

    public bool LastHasWarnings { get; set; }

    public DateTime LastCheckedAt { get; set; }

    public DateTime OpenedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string? Note { get; set; }

    public string? UpdatedBy { get; set; }

    public bool IsOpen => Status is WorklistStatus.Open or WorklistStatus.AwaitingRegistryUpdate;

    public static WorklistItem OpenFor(RegistryCheck check, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(check);
        return new WorklistItem
        {
            CommuneId = check.CommuneId,
            MemberId = check.MemberId,
            Status = WorklistStatus.Open,
            LastOutcome = check.Outcome,
            LastHasWarnings = check.HasWarnings,
            LastCheckedAt = check.CheckedAt,
            OpenedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// Takes a new conclusive check. Agreement closes the item; a disagreement re-opens it unless the
    /// committee accepted exactly this kind of difference before.
    /// </summary>
    public void Apply(RegistryCheck check, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(check);
        var clean = check.Outcome == CheckOutcome.Matched && !check.HasWarnings;
        var sameAsAccepted = Status == WorklistStatus.Accepted && check.Outcome == LastOutcome && check.HasWarnings == LastHasWarnings;
        if (clean)
        {
            Status = WorklistStatus.Resolved;
        }
        else if (Status == WorklistStatus.Resolved || (Status == WorklistStatus.Accepted && !sameAsAccepted))
        {
            Status = WorklistStatus.Open;
            OpenedAt = now;
        }

        LastOutcome = check.Outcome;
        LastHasWarnings = check.HasWarnings;
        LastCheckedAt = check.CheckedAt;
        UpdatedAt = now;
    }
}
