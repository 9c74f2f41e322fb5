namespace PartyCardIntake.Web.Features.Members;

/// <summary>The worklist decision "the member must have the registry corrected", with what to correct.</summary>
public sealed class RegistryUpdateForm
{
    public string? Note { get; set; }
}
