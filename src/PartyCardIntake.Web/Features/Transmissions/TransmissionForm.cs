namespace PartyCardIntake.Web.Features.Transmissions;

/// <summary>The transmission page's form: the day whose approved records go into the package.</summary>
public sealed class TransmissionForm
{
    /// <summary>The package's day (MudDatePicker binds a DateTime; only the date is kept).</summary>
    public DateTime? Day { get; set; }
}
