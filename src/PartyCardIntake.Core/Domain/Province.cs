namespace PartyCardIntake.Core.Domain;

/// <summary>A province after the 2025 merger; sets the campaign window for its communes.</summary>
public class Province
{
    public int Id { get; set; }

    /// <summary>Two-digit administrative code.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public DateOnly? CampaignStart { get; set; }

    public DateOnly? Deadline { get; set; }

    public List<Commune> Communes { get; } = [];
}
