using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Account;

internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post with an antiforgery token, so that another site cannot sign a user out.
        app.MapPost("/account/signout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signIn) =>
            {
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    return Results.Problem(title: Ui.Form_Expired, statusCode: StatusCodes.Status400BadRequest);
                }

                await signIn.SignOutAsync();
                return Results.LocalRedirect("/account/signin?signedOut=true");
            })
            .AllowAnonymous()
            .ExcludeFromDescription()
            .WithMetadata(new AuditedAttribute(AuditAction.SignOut));
    }
}
