namespace PartyCardIntake.Core.Domain;

/// <summary>A place where members come to be captured; its devices set the capacity.</summary>
public class IntakeSite
{
    public int Id { get; set; }

    public int CommuneId { get; set; }

    public Commune? Commune { get; set; }

    public required string Name { get; set; }

    public string? Address { get; set; }

    public TimeOnly OpensAt { get; set; } = new(7, 0);

    public TimeOnly ClosesAt { get; set; } = new(17, 0);

    public int MinutesPerMember { get; set; } = 3;

    public List<Device> Devices { get; } = [];
}
