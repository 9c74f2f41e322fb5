namespace PartyCardIntake.Web.Features.Planning;

/// <summary>The share of device time (percent) kept free for walk-ins when the commune is planned.</summary>
public sealed class PlanRunForm
{
    public int? Reserve { get; set; }
}
