namespace PartyCardIntake.Web.Features.HomeVisits;

/// <summary>Home-visit appointments and the visiting officer's list.</summary>
internal static class HomeVisitsFeature
{
    public static WebApplicationBuilder AddHomeVisits(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<HomeVisitQueries>();
        builder.Services.AddScoped<HomeVisitService>();
        return builder;
    }

    public static void MapHomeVisits(this IEndpointRouteBuilder app)
    {
        app.MapHomeVisitEndpoints();
    }
}
