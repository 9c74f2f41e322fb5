namespace PartyCardIntake.Web.Features.Members;

/// <summary>The member page's forms as typed, for one member: what the circuit keeps across a lost link.</summary>
public sealed class MemberDrafts
{
    public int MemberId { get; set; }

    public ExemptionForm Exemption { get; set; } = new();

    public CorrectionForm Correction { get; set; } = new();

    public RegistryUpdateForm RegistryUpdate { get; set; } = new();

    public AcceptDifferenceForm Accept { get; set; } = new();
}
