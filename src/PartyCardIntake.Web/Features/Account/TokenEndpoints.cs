using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Hosting.OpenApi;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Account;

/// <param name="TwoFactorCode">The 6-digit code of the authenticator app, for users who turned on two-factor sign-in.</param>
public sealed record TokenRequest(string? UserName, string? Password, string? TwoFactorCode = null);

public sealed record TokenResponse(string AccessToken, long ExpiresIn, string TokenType = "Bearer");

internal static class TokenEndpoints
{
    /// <summary>
    /// Bearer tokens for scripts and integrations. Same password check, lockout and claims as the
    /// browser sign-in, so a token can do exactly what its user can.
    /// </summary>
    public static void MapTokenEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", IssueAsync)
            .AllowAnonymous()
            .WithName("IssueToken")
            .WithSummary("Exchange a user name and password for a bearer token.")
            .AcceptsJsonBody()
            .Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status423Locked);
    }

    private static async Task<IResult> IssueAsync(
        TokenRequest request,
        UserManager<AppUser> users,
        SignInManager<AppUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        TimeProvider clock,
        AuditLog audit)
    {
        var user = string.IsNullOrWhiteSpace(request.UserName) ? null : await users.FindByNameAsync(request.UserName.Trim());
        if (user is null)
        {
            await audit.RecordAsync(AuditAction.SignInFailed, target: "POST /api/v1/auth/token unknown-user", actor: AuditActor.Anonymous);
            return Results.Problem(title: Ui.Api_Unauthorized, statusCode: StatusCodes.Status401Unauthorized);
        }

        var result = await signIn.CheckPasswordSignInAsync(user, request.Password ?? string.Empty, lockoutOnFailure: true);
        var actor = AuditActor.From(user, await users.GetRolesAsync(user));
        var refusal = result.IsLockedOut ? Refusal.LockedOut
            // NotAllowed comes only from EnabledUserConfirmation: an Admin disabled the account.
            : result.IsNotAllowed ? Refusal.Disabled
            : !result.Succeeded || (user.CommuneId is null && user.ProvinceId is null) ? Refusal.Unauthorized
            : await users.GetTwoFactorEnabledAsync(user) && !await TwoFactorCodeIsRightAsync(users, user, request.TwoFactorCode) ? Refusal.TwoFactor
            // A password an Admin handed over is for one sign-in on the web, where it must be replaced first.
            : user.MustChangePassword ? Refusal.MustChangePassword
            : Refusal.None;
        await audit.RecordAsync(
            refusal == Refusal.None ? AuditAction.SignIn : AuditAction.SignInFailed,
            target: "POST /api/v1/auth/token" + refusal switch
            {
                Refusal.LockedOut => " locked-out",
                Refusal.Disabled => " disabled",
                Refusal.TwoFactor => " two-factor",
                Refusal.MustChangePassword => " must-change-password",
                _ => string.Empty,
            },
            actor: actor);
        switch (refusal)
        {
            case Refusal.LockedOut:
                return Results.Problem(title: Ui.Api_LockedOut, statusCode: StatusCodes.Status423Locked);
            case Refusal.Disabled:
                return Results.Problem(title: Ui.Api_Disabled, statusCode: StatusCodes.Status403Forbidden);
            case Refusal.Unauthorized:
                return Results.Problem(title: Ui.Api_Unauthorized, statusCode: StatusCodes.Status401Unauthorized);
            case Refusal.TwoFactor:
                return Results.Problem(title: Ui.Api_TwoFactorRequired, detail: Ui.Api_TwoFactorRequired_Detail, statusCode: StatusCodes.Status401Unauthorized);
            case Refusal.MustChangePassword:
                return Results.Problem(title: Ui.Api_MustChangePassword, detail: Ui.Api_MustChangePassword_Detail, statusCode: StatusCodes.Status403Forbidden);
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        var options = bearerOptions.Get(IdentityConstants.BearerScheme);
        var lifetime = options.BearerTokenExpiration;
        var properties = new AuthenticationProperties { ExpiresUtc = clock.GetUtcNow() + lifetime };
        var ticket = new AuthenticationTicket(principal, properties, IdentityConstants.BearerScheme);
        return Results.Ok(new TokenResponse(options.BearerTokenProtector.Protect(ticket), (long)lifetime.TotalSeconds));
    }

    private enum Refusal
    {
        None,
        LockedOut,
        Disabled,
        Unauthorized,
        TwoFactor,
        MustChangePassword,
    }

    /// <summary>A wrong code counts toward the lockout, like a wrong password; a missing one is no guess.</summary>
    private static async Task<bool> TwoFactorCodeIsRightAsync(UserManager<AppUser> users, AppUser user, string? code)
    {
        var digits = TwoFactorCodes.Normalize(code);
        if (digits.Length == 0)
        {
            return false;
        }

        if (await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, digits))
        {
            await users.ResetAccessFailedCountAsync(user);
            return true;
        }

        await users.AccessFailedAsync(user);
        return false;
    }
}
