namespace PartyCardIntake.Core.Identity;

/// <summary>Claim types that carry a user's data scope inside the cookie or bearer token.</summary>
public static class ScopeClaims
{
    public const string Province = "pci:province";
    public const string Commune = "pci:commune";
    public const string DisplayName = "pci:name";
}
