using PartyCardIntake.Core.Domain;
namespace PartyCardIntake.Web.Features.Members;

/// <summary>The worklist correction on the member page: the party record's identity, usually as the registry has it.</summary>
public sealed class CorrectionForm
{
    public string? FullName { get; set; }

    /// <summary>"dd/MM/yyyy", or the year alone for members whose day of birth is not known.</summary>
    public string? DateOfBirth { get; set; }

    public Sex Sex { get; set; }

    public string? Address { get; set; }

    public string? Note { get; set; }

    public CorrectionInput ToInput() => new(FullName, DateOfBirth, Sex, Address, Note);
}
