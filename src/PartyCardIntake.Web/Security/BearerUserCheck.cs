using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Security;

/// <summary>
/// Bearer tokens are self-contained and live an hour; this refuses one at once when its user has since been disabled,
/// deleted, or had the security stamp changed (new role or commune, password reset). Browser sessions need no such
/// check: ending them deletes their rows.
/// </summary>
internal sealed class BearerUserCheck(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ISystemDbContextFactory factory, IOptions<IdentityOptions> options)
    {
        if (context.User.Identity?.IsAuthenticated == true && IsBearer(context) && !await IsCurrentAsync(context.User, factory, options.Value, context.RequestAborted))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Results.Problem(title: Ui.Api_TokenRevoked, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    // The same test as the scheme selector, so that every bearer-authenticated request is checked.
    private static bool IsBearer(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, ISystemDbContextFactory factory, IdentityOptions options, CancellationToken cancellationToken)
    {
        var id = principal.FindFirstValue(options.ClaimsIdentity.UserIdClaimType);
        var stamp = principal.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType);
        if (id is null || stamp is null)
        {
            return false;
        }

        await using var db = factory.CreateDbContext();
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new { u.SecurityStamp, u.DisabledAt })
            .FirstOrDefaultAsync(cancellationToken);
        return user is { DisabledAt: null } && string.Equals(user.SecurityStamp, stamp, StringComparison.Ordinal);
    }
}
