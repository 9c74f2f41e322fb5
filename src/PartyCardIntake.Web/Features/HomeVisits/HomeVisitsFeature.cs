namespace PartyCardIntake.Web.Features.HomeVisits;

/// <summary>Home-visit appointments and the visiting officer's list (interactive pages; no endpoints of their own).</summary>
internal static class HomeVisitsFeature
{
    public static WebApplicationBuilder AddHomeVisits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HomeVisitOptions>().Bind(builder.Configuration.GetSection("HomeVisits"));
        builder.Services.AddScoped<HomeVisitQueries>();
        builder.Services.AddScoped<HomeVisitService>();
        return builder;
    }

#pragma warning disable IDE0060 // The host lists every module's Map; this one has nothing to map since its forms moved into the circuit.
    public static void MapHomeVisits(this IEndpointRouteBuilder app)
#pragma warning restore IDE0060
    {
    }
}
