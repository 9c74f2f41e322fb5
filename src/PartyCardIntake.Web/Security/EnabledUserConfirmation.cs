using Microsoft.AspNetCore.Identity;
using PartyCardIntake.Core.Identity;

namespace PartyCardIntake.Web.Security;

/// <summary>
/// Identity asks this before every sign-in (page and token) once <c>SignIn.RequireConfirmedAccount</c> is on: a user an
/// Admin disabled is "not confirmed", so the sign-in manager answers NotAllowed without issuing anything.
/// </summary>
internal sealed class EnabledUserConfirmation : IUserConfirmation<AppUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<AppUser> manager, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(user.DisabledAt is null);
    }
}
