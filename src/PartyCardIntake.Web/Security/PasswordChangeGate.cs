using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Security;

/// <summary>
/// Sends a user who must choose a new password (an Admin created the account or reset its password) to the
/// change page from every other page. Reads a claim put into the sign-in by <see cref="AppClaimsPrincipalFactory"/>,
/// so no request pays a database read; changing the password re-issues the sign-in without it.
/// </summary>
internal sealed class PasswordChangeGate(RequestDelegate next)
{
    public const string Claim = "pci:must-change-password";
    public const string ChangePage = "/account/password";

    private static readonly string[] OpenPaths = [ChangePage, "/account/signout", "/account/signin", "/account/denied", "/health", "/not-found", "/status", "/error"];

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.User.HasClaim(c => c.Type == Claim)
            || OpenPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            || Hosting.SecurityHeadersMiddleware.IsStaticFile(context.Request.Path))
        {
            return next(context);
        }

        if (context.Request.Path.StartsWithSegments("/api"))
        {
            return Results.Problem(title: Ui.Api_MustChangePassword, detail: Ui.Api_MustChangePassword_Detail, statusCode: StatusCodes.Status403Forbidden)
                .ExecuteAsync(context);
        }

        context.Response.Redirect(ChangePage);
        return Task.CompletedTask;
    }
}
