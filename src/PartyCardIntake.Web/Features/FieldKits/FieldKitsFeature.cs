using PartyCardIntake.Core.Field;

namespace PartyCardIntake.Web.Features.FieldKits;

/// <summary>The station's side of field kits: making kits for visiting officers and taking their capture packages back.</summary>
internal static class FieldKitsFeature
{
    public static WebApplicationBuilder AddFieldKits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FieldOptions>().Bind(builder.Configuration.GetSection(FieldOptions.Section));
        builder.Services.AddSingleton<FieldStationKeys>();
        builder.Services.AddScoped<FieldKitMaker>();
        builder.Services.AddScoped<FieldPackageImporter>();
        builder.Services.AddScoped<FieldPackageQueries>();
        return builder;
    }

    #pragma warning disable IDE0060 // The host passes every module the app and the API group; the pages need no endpoint.
    public static void MapFieldKits(this IEndpointRouteBuilder app, RouteGroupBuilder api) => FieldPackageEndpoint.Map(api);
#pragma warning restore IDE0060
}
