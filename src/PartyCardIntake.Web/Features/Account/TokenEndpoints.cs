using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Account;

public sealed record TokenRequest(string? UserName, string? Password);

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
            .WithSummary("Exchange a user name and password for a bearer token.")
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
        var failed = !result.Succeeded || (user.CommuneId is null && user.ProvinceId is null);
        await audit.RecordAsync(failed ? AuditAction.SignInFailed : AuditAction.SignIn, target: "POST /api/v1/auth/token" + (result.IsLockedOut ? " locked-out" : result.IsNotAllowed ? " disabled" : string.Empty), actor: actor);
        if (result.IsLockedOut)
        {
            return Results.Problem(title: Ui.Api_LockedOut, statusCode: StatusCodes.Status423Locked);
        }

        // NotAllowed comes only from EnabledUserConfirmation: an Admin disabled the account.
        if (result.IsNotAllowed)
        {
            return Results.Problem(title: Ui.Api_Disabled, statusCode: StatusCodes.Status403Forbidden);
        }

        if (!result.Succeeded || (user.CommuneId is null && user.ProvinceId is null))
        {
            return Results.Problem(title: Ui.Api_Unauthorized, statusCode: StatusCodes.Status401Unauthorized);
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        var options = bearerOptions.Get(IdentityConstants.BearerScheme);
        var lifetime = options.BearerTokenExpiration;
        var properties = new AuthenticationProperties { ExpiresUtc = clock.GetUtcNow() + lifetime };
        var ticket = new AuthenticationTicket(principal, properties, IdentityConstants.BearerScheme);
        return Results.Ok(new TokenResponse(options.BearerTokenProtector.Protect(ticket), (long)lifetime.TotalSeconds));
    }
}
