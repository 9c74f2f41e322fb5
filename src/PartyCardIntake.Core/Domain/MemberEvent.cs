namespace PartyCardIntake.Core.Domain;

public enum MemberEventKind
{
    Imported = 1,
    ImportUpdated = 2,
    Corrected = 3,
    Exempted = 4,
    ExemptionLifted = 5,
    HomeVisitChanged = 6,
    RegistryUpdateRequested = 7,
    AcceptedAsIs = 8,
    Moved = 9,
}

/// <summary>
/// One change to a member's record, kept for good: who, when, which field, the value before and after.
/// Together with the registry checks and applications it is the member's history.
/// </summary>
public class MemberEvent
{
    public long Id { get; set; }

    public int CommuneId { get; set; }

    public int MemberId { get; set; }

    public PartyMember? Member { get; set; }

    public DateTime At { get; set; }

    public string? UserName { get; set; }

    public MemberEventKind Kind { get; set; }

    public string? Field { get; set; }

    public string? OldValue { get; set; }

    public string? NewValue { get; set; }

    public string? Note { get; set; }
}
