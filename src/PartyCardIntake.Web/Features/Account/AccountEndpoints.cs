using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using PartyCardIntake.Core.Identity;

namespace PartyCardIntake.Web.Features.Account;

internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post with an antiforgery token, so that another site cannot sign a user out.
        app.MapPost("/account/signout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signIn) =>
            {
                await antiforgery.ValidateRequestAsync(context);
                await signIn.SignOutAsync();
                return Results.LocalRedirect("/account/signin?signedOut=true");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
    }
}
