namespace PartyCardIntake.Core.Domain;

/// <summary>
/// One line of the audit trail: who did or saw what, when, from where. Entries are only ever added;
/// each carries the hash of the one before it, so a changed or removed entry breaks the chain.
/// Nothing here may hold personal data of members (names, ID numbers): only their database ids.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }

    /// <summary>UTC, whole milliseconds: both providers keep that exactly, so the hash survives a round trip.</summary>
    public DateTime At { get; set; }

    /// <summary>Null for an anonymous request or a sign-in with an unknown user name.</summary>
    public string? UserName { get; set; }

    public string? Role { get; set; }

    public int? CommuneId { get; set; }

    public int? ProvinceId { get; set; }

    public AuditAction Action { get; set; }

    public int? MemberId { get; set; }

    /// <summary>Route or entity id, e.g. "GET /members/12 → 200"; never a name or an ID number.</summary>
    public string? Target { get; set; }

    /// <summary>Client address as the web node saw it (after forwarded headers).</summary>
    public string? Address { get; set; }

    public string PreviousHash { get; set; } = string.Empty;

    public string Hash { get; set; } = string.Empty;
}
