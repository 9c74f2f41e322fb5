using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Identity;

namespace PartyCardIntake.Web.Security;

/// <summary>Puts the user's commune or province into the cookie and the bearer token.</summary>
internal sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ScopeClaims.DisplayName, string.IsNullOrEmpty(user.DisplayName) ? user.UserName ?? string.Empty : user.DisplayName));
        if (user.CommuneId is { } commune)
        {
            identity.AddClaim(new Claim(ScopeClaims.Commune, commune.ToString(CultureInfo.InvariantCulture)));
        }

        if (user.ProvinceId is { } province)
        {
            identity.AddClaim(new Claim(ScopeClaims.Province, province.ToString(CultureInfo.InvariantCulture)));
        }

        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(PasswordChangeGate.Claim, "true"));
        }

        return identity;
    }
}
