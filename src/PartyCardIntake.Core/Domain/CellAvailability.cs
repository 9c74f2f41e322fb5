namespace PartyCardIntake.Core.Domain;

/// <summary>When a party cell's members can come to the intake site.</summary>
public enum CellAvailability
{
    AnyTime = 1,
    WorkingHours = 2,
    Evenings = 3,
    Weekends = 4,
}
