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

    /// <summary>Set when an Admin creates the user or resets the password: the first sign-in must choose a new one.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>When an Admin disabled the user; a disabled user cannot sign in and has no sessions.</summary>
    public DateTime? DisabledAt { get; set; }
}
