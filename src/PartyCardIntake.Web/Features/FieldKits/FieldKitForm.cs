namespace PartyCardIntake.Web.Features.FieldKits;

/// <summary>The lead's choice for a new kit: the visiting officer, the dates, and the station its captures are recorded under.</summary>
public sealed class FieldKitForm
{
    public string? OfficerId { get; set; }

    public DateTime? From { get; set; }

    public DateTime? To { get; set; }

    /// <summary>A device of the commune; its site is the kit's site.</summary>
    public int? DeviceId { get; set; }

    /// <summary>Set by the service from the commune's calendar before the form is checked; null skips the date limits.</summary>
    public FieldKitLimits? Limits { get; set; }

    public DateOnly? FromDate => From is { } from ? DateOnly.FromDateTime(from) : null;

    public DateOnly? ToDate => To is { } to ? DateOnly.FromDateTime(to) : null;

    public FieldKitForm Copy() => (FieldKitForm)MemberwiseClone();
}

/// <summary>Today in Vietnamese time, the commune's deadline (else the province's) and the longest range a kit may cover.</summary>
public sealed record FieldKitLimits(DateOnly Today, DateOnly? Deadline, int MaxDays);
