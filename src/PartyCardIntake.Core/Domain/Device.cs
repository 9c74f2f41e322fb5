namespace PartyCardIntake.Core.Domain;

/// <summary>A capture station (computer, camera, signature pad) at an intake site.</summary>
public class Device
{
    public int Id { get; set; }

    /// <summary>Copied from the site so that the commune scope filter needs no join.</summary>
    public int CommuneId { get; set; }

    public int IntakeSiteId { get; set; }

    public IntakeSite? IntakeSite { get; set; }

    public required string Name { get; set; }

    public bool IsActive { get; set; } = true;
}
