namespace PartyCardIntake.Web.Features.Import;

/// <summary>Member list import from CSV and XLSX, in the background.</summary>
internal static class ImportFeature
{
    public static WebApplicationBuilder AddImport(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<PartyCardIntake.Infrastructure.Import.ImportLimits>(builder.Configuration.GetSection(PartyCardIntake.Infrastructure.Import.ImportLimits.Section));
        services.AddScoped<ImportService>();
        services.AddSingleton<ImportProgressFeed>();
        services.AddSingleton<ImportWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportWorker>());
        return builder;
    }

    public static void MapImport(this IEndpointRouteBuilder app)
    {
        app.MapImportEndpoints();
    }
}
