using System.Globalization;
using Microsoft.AspNetCore.Identity;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Security;

/// <summary>Identity's messages (password rules, wrong current password, user names, codes) in Vietnamese, from Ui.resx.</summary>
internal sealed class VietnameseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), Ui.Identity_DefaultError);

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), Ui.Identity_ConcurrencyFailure);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), Ui.Identity_PasswordMismatch);

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), Ui.Identity_InvalidToken);

    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), Ui.Identity_RecoveryCodeFailed);

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), Format(Ui.Identity_InvalidUserName, userName));

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), Format(Ui.Identity_DuplicateUserName, userName));

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), Format(Ui.Identity_InvalidEmail, email));

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), Format(Ui.Identity_DuplicateEmail, email));

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), Ui.Identity_UserAlreadyHasPassword);

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), Ui.Identity_DefaultError);

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), Format(Ui.Identity_UserAlreadyInRole, role));

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), Format(Ui.Identity_UserNotInRole, role));

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), Format(Ui.Identity_PasswordTooShort, length));

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), Format(Ui.Identity_PasswordRequiresUniqueChars, uniqueChars));

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), Ui.Identity_PasswordRequiresNonAlphanumeric);

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), Ui.Identity_PasswordRequiresDigit);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), Ui.Identity_PasswordRequiresLower);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), Ui.Identity_PasswordRequiresUpper);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };

    private static string Format(string format, object? value) => string.Format(CultureInfo.CurrentCulture, format, value);
}
