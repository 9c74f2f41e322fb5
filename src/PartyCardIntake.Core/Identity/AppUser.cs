using Microsoft.AspNetCore.Identity;

namespace PartyCardIntake.Core.Identity;

/// <summary>A person who signs in. Belongs to exactly one commune or one province.</summary>
public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Set for every user; for commune users it is the commune's province.</summary>
    public int? ProvinceId { get; set; }

    /// <summary>Set for commune users; their data scope is this commune alone.</summary>
    public int? CommuneId { get; set; }

    public bool IsDemo { get; set; }
}
