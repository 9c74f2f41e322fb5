namespace PartyCardIntake.Web.Features.Sites;

/// <summary>Intake sites, devices and opening hours.</summary>
internal static class SitesFeature
{
    public static WebApplicationBuilder AddSites(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SiteService>();
        return builder;
    }

    public static void MapSites(this IEndpointRouteBuilder app)
    {
        app.MapSiteEndpoints();
    }
}
