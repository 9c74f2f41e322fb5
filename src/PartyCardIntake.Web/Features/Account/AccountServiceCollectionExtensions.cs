using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Account;

internal static class AccountServiceCollectionExtensions
{
    public const string TwoFactorCookie = "pci.2fa";
    public const string SecureTwoFactorCookie = "__Host-pci.2fa";

    /// <summary>
    /// Password rules beyond length, the forced change, two-factor sign-in; see docs/security.md. Call after
    /// AddIdentityCore, which adds its own password validator only where none is registered yet.
    /// </summary>
    public static void AddAccountSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<CommonPasswords>();
        services.AddScoped<IPasswordValidator<AppUser>, WeakPasswordValidator>();

        // Identity registers its English describer with TryAdd; the last registration is the one resolved.
        services.AddScoped<IdentityErrorDescriber, VietnameseIdentityErrors>();
        services.AddScoped<SignInSessions>();
        services.AddScoped<PasswordChange>();
        services.AddScoped<TwoFactorSetup>();

        // The cookie that carries "password right, code still due" between the two sign-in pages, for five minutes.
        var https = SecurityOptions.HttpsRequired(builder.Configuration, builder.Environment);
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = https ? SecureTwoFactorCookie : TwoFactorCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.Path = "/";
            o.Cookie.Domain = null;
        });
    }
}
