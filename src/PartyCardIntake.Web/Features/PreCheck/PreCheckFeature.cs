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
        // No endpoints: the panel (PreCheckPanel, in the circuits of the import, cells and worklist pages) calls
        // PreCheckService directly, and the worker runs in the background.
    }
}
