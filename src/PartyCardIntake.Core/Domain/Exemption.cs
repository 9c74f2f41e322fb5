namespace PartyCardIntake.Core.Domain;

/// <summary>Force-majeure reasons that take a member out of the eligible count.</summary>
public enum ExemptionReason
{
    SeriouslyIll = 1,
    Abroad = 2,
    NoPreviousCard = 3,
    Deceased = 4,
    Other = 9,
}
