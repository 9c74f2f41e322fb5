namespace PartyCardIntake.Web.Features.Members;

/// <summary>The worklist decision "accept the difference as it is", with the reason.</summary>
public sealed class AcceptDifferenceForm
{
    public string? Reason { get; set; }
}
