namespace PartyCardIntake.Web.Features.Sites;

/// <summary>Intake sites, devices and opening hours.</summary>
internal static class SitesFeature
{
    public static WebApplicationBuilder AddSites(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SiteService>();
        return builder;
    }

    /// <summary>Nothing to map besides the pages: they save through <see cref="SiteService"/> in their circuit.</summary>
    public static void MapSites(this IEndpointRouteBuilder app) => ArgumentNullException.ThrowIfNull(app);
}
