namespace PartyCardIntake.Web.Features.PreCheck;

/// <summary>The committee's pre-check of its list against the registry.</summary>
internal static class PreCheckFeature
{
    public static WebApplicationBuilder AddPreCheck(this WebApplicationBuilder builder)
    {
        builder.Services.AddPreCheck(builder.Configuration);
        return builder;
    }

    public static void MapPreCheck(this IEndpointRouteBuilder app)
    {
        PreCheckEndpoints.Map(app);
    }
}
