using Microsoft.AspNetCore.Identity;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Web.Resources;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Account;

/// <summary>
/// A signed-in user chooses a new password. Afterwards only this browser stays signed in: the user's other
/// sessions end (someone who knew the old password may hold one), and this one is re-issued without the
/// "must change" mark and with the new security stamp.
/// </summary>
internal sealed class PasswordChange(UserManager<AppUser> users, SignInManager<AppUser> signIn, SignInSessions sessions)
{
    /// <summary>
    /// The problems in Vietnamese, or none when the password was changed. It runs in the request of the static page,
    /// whose context re-issues the cookie; a circuit has no request to do that in.
    /// </summary>
    public async Task<IReadOnlyList<string>> ChangeAsync(HttpContext context, string? current, string? next, string? repeat)
    {
        var principal = context.User;
        if (string.IsNullOrEmpty(current) || string.IsNullOrEmpty(next) || string.IsNullOrEmpty(repeat))
        {
            return [Ui.Password_Required];
        }

        if (!string.Equals(next, repeat, StringComparison.Ordinal))
        {
            return [Ui.Password_RepeatMismatch];
        }

        if (string.Equals(next, current, StringComparison.Ordinal))
        {
            return [Ui.Password_SameAsCurrent];
        }

        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return [Ui.Identity_DefaultError];
        }

        var result = await users.ChangePasswordAsync(user, current, next);
        if (!result.Succeeded)
        {
            // Guessing the current password from a borrowed session counts like guessing it at sign-in.
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                await users.AccessFailedAsync(user);
            }

            return result.Errors.Select(e => e.Description).Distinct().ToList();
        }

        await users.ResetAccessFailedCountAsync(user);
        if (user.MustChangePassword)
        {
            user.MustChangePassword = false;
            var cleared = await users.UpdateAsync(user);
            if (!cleared.Succeeded)
            {
                return cleared.Errors.Select(e => e.Description).ToList();
            }
        }

        await sessions.EndOthersAsync(context, user.Id);
        await signIn.RefreshSignInAsync(user);
        return [];
    }
}
