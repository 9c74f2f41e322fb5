using System.Globalization;
using Microsoft.AspNetCore.Identity;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Account;

/// <summary>The shared key of an authenticator app being set up: as text and as a QR code of its otpauth address.</summary>
public sealed record AuthenticatorKey(string Key, string GroupedKey, string Uri, string QrSvg);

/// <summary>Where a user's two-factor sign-in stands.</summary>
public sealed record TwoFactorState(bool Enabled, int RecoveryCodesLeft);

/// <summary>
/// Administrators and province viewers may add a code from an authenticator app (TOTP, RFC 6238) to their sign-in.
/// Identity keeps the key and the recovery codes; every change re-issues this browser's sign-in because Identity
/// renews the security stamp with it.
/// </summary>
internal sealed class TwoFactorSetup(UserManager<AppUser> users, SignInManager<AppUser> signIn)
{
    public const int RecoveryCodeCount = 10;

    public static readonly string[] Roles = [AppRoles.Admin, AppRoles.ProvinceViewer];

    public async Task<TwoFactorState> StateAsync(AppUser user) =>
        new(await users.GetTwoFactorEnabledAsync(user), await users.CountRecoveryCodesAsync(user));

    /// <summary>A new key; the old one, if any, stops working.</summary>
    public async Task<AuthenticatorKey> StartAsync(AppUser user)
    {
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        return await KeyAsync(user) ?? throw new InvalidOperationException("Identity stored no authenticator key.");
    }

    /// <summary>The key being set up, shown again after a wrong code; null when there is none.</summary>
    public async Task<AuthenticatorKey?> KeyAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (key is null)
        {
            return null;
        }

        var issuer = Ui.App_Title;
        var uri = string.Create(
            CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(user.UserName ?? string.Empty)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6");
        return new AuthenticatorKey(key, TwoFactorCodes.Grouped(key), uri, QrSvg.Render(uri));
    }

    /// <summary>Turns two-factor sign-in on when the code matches the new key; returns the recovery codes, shown once, or null.</summary>
    public async Task<IReadOnlyList<string>?> ConfirmAsync(AppUser user, string? code)
    {
        if (await users.GetAuthenticatorKeyAsync(user) is null || !await IsRightAsync(user, code))
        {
            return null;
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        await signIn.RefreshSignInAsync(user);
        return codes?.ToList() ?? [];
    }

    /// <summary>Turns it off when the code matches; the key and the recovery codes are thrown away.</summary>
    public async Task<bool> DisableAsync(AppUser user, string? code)
    {
        if (!await IsRightAsync(user, code))
        {
            return false;
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await signIn.RefreshSignInAsync(user);
        return true;
    }

    /// <summary>New recovery codes when the code matches; the old ones stop working.</summary>
    public async Task<IReadOnlyList<string>?> NewRecoveryCodesAsync(AppUser user, string? code)
    {
        if (!await users.GetTwoFactorEnabledAsync(user) || !await IsRightAsync(user, code))
        {
            return null;
        }

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        return codes?.ToList() ?? [];
    }

    private async Task<bool> IsRightAsync(AppUser user, string? code)
    {
        var digits = TwoFactorCodes.Normalize(code);
        return TwoFactorCodes.IsAuthenticatorCode(digits)
            && await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, digits);
    }
}
