namespace PartyCardIntake.Core.Domain;

/// <summary>
/// A package of a commune's approved records handed over for card production: one per commune and day,
/// so a day cannot be sent twice by accident. The package is rebuilt byte for byte from its records when
/// downloaded again; <see cref="Sha256"/> is the checksum of the ZIP as first made.
/// </summary>
public class Transmission
{
    public Guid Id { get; set; }

    public int CommuneId { get; set; }

    /// <summary>The Vietnamese day the package is for (records approved up to that day).</summary>
    public DateOnly Day { get; set; }

    public int Records { get; set; }

    public required string Sha256 { get; set; }

    public long Bytes { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }
}
