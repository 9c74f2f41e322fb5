namespace PartyCardIntake.Core.Domain;

/// <summary>A party cell (chi bộ) or a party organisation scheduled at this commune.</summary>
public class PartyCell
{
    public int Id { get; set; }

    public int CommuneId { get; set; }

    public Commune? Commune { get; set; }

    public required string Name { get; set; }

    public string? SecretaryName { get; set; }

    public string? SecretaryPhone { get; set; }

    public CellAvailability Availability { get; set; } = CellAvailability.AnyTime;

    /// <summary>Located in the commune but not under its party committee (scheduled here all the same).</summary>
    public bool IsExternal { get; set; }
}
