using Microsoft.AspNetCore.Identity;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Security;

/// <summary>
/// Refuses passwords that are long enough but easy to guess: one of the common passwords (see
/// <see cref="CommonPasswords"/>), or one that contains the user's own name. Runs beside Identity's length rule.
/// </summary>
internal sealed class WeakPasswordValidator(CommonPasswords common) : IPasswordValidator<AppUser>
{
    public const string CommonCode = "PasswordCommon";
    public const string ContainsNameCode = "PasswordContainsUserName";

    // Shorter names would refuse too much by chance ("an" is inside many words).
    private const int ShortestName = 3;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var errors = new List<IdentityError>();
        if (common.IsCommon(password))
        {
            errors.Add(new IdentityError { Code = CommonCode, Description = Ui.Password_Common });
        }

        if (!string.IsNullOrEmpty(password) && ContainsName(password, user))
        {
            errors.Add(new IdentityError { Code = ContainsNameCode, Description = Ui.Password_ContainsName });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    /// <summary>The user name or the display name inside the password, ignoring case, diacritics and separators.</summary>
    internal static bool ContainsName(string password, AppUser user)
    {
        var folded = CommonPasswords.Fold(password);
        var squashed = CommonPasswords.Squash(password);
        foreach (var name in new[] { user.UserName, user.DisplayName })
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            var foldedName = CommonPasswords.Fold(name);
            var squashedName = CommonPasswords.Squash(name);
            if ((foldedName.Length >= ShortestName && folded.Contains(foldedName, StringComparison.Ordinal))
                || (squashedName.Length >= ShortestName && squashed.Contains(squashedName, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
