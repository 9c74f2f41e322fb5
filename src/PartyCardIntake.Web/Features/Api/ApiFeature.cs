namespace PartyCardIntake.Web.Features.Api;

/// <summary>The caller's own identity under /api/v1/me.</summary>
internal static class ApiFeature
{
    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        // Shared API pieces are registered by the features that own them.
        return builder;
    }

    public static void MapApi(this IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        api.MapMeEndpoints();
    }
}
