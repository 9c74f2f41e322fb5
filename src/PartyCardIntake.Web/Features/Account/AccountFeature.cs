namespace PartyCardIntake.Web.Features.Account;

/// <summary>Sign-in, two-factor, password change, sign-out and API tokens.</summary>
internal static class AccountFeature
{
    public static WebApplicationBuilder AddAccount(this WebApplicationBuilder builder)
    {
        builder.AddAccountSecurity();
        return builder;
    }

    public static void MapAccount(this IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        app.MapAccountEndpoints();
        api.MapTokenEndpoints();
    }
}
