namespace PartyCardIntake.Web.Features.Transmissions;

/// <summary>Transmission packages of approved records.</summary>
internal static class TransmissionsFeature
{
    public static WebApplicationBuilder AddTransmissions(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<TransmissionService>();
        builder.Services.AddScoped<TransmissionQueries>();
        return builder;
    }

    public static void MapTransmissions(this IEndpointRouteBuilder app)
    {
        app.MapTransmissionEndpoints();
    }
}
