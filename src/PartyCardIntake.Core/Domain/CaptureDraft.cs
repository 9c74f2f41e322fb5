namespace PartyCardIntake.Core.Domain;

/// <summary>
/// What a desk has captured for a member and not yet saved: the photo and the signature as they were taken, with the
/// key the save will use. Kept in the database so that a desk whose node restarts comes back to the same member with
/// nothing to redo, on whichever node serves it next. One per device and member; removed when the record is saved,
/// and by the retention worker when left behind.
/// </summary>
public class CaptureDraft
{
    public int Id { get; set; }

    public int CommuneId { get; set; }

    public int DeviceId { get; set; }

    public int MemberId { get; set; }

    public required string UserId { get; set; }

    /// <summary>The key the record is saved under, so that a save whose answer was lost is not made twice after a restore.</summary>
    public Guid IdempotencyKey { get; set; }

    /// <summary>The photo as validated (EXIF removed), or null until one is taken.</summary>
    public byte[]? Photo { get; set; }

    /// <summary>The signature's PNG, or null until the pad has strokes.</summary>
    public byte[]? Signature { get; set; }

    /// <summary>The pad's stroke data (JSON), from which the pad is drawn again on restore.</summary>
    public string? Strokes { get; set; }

    public DateTime UpdatedAt { get; set; }
}
