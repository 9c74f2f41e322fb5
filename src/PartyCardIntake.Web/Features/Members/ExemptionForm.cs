using PartyCardIntake.Core.Domain;
namespace PartyCardIntake.Web.Features.Members;

/// <summary>The member page's exemption form: why the member is excused, from when, and a note.</summary>
public sealed class ExemptionForm
{
    public ExemptionReason? Reason { get; set; }

    /// <summary>The day the exemption starts (MudDatePicker binds a DateTime; only the date is kept).</summary>
    public DateTime? On { get; set; }

    public string? Note { get; set; }
}
