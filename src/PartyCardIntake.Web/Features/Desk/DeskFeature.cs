using PartyCardIntake.Core.Verification;
using PartyCardIntake.Infrastructure.Registry;
using PartyCardIntake.MockRegistry;
using PartyCardIntake.Web.Hosting;

namespace PartyCardIntake.Web.Features.Desk;

/// <summary>The desk: today's queue, the member screen, submission, and the re-check of pending records.</summary>
internal static class DeskFeature
{
    public static WebApplicationBuilder AddDesk(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<VerificationOptions>(builder.Configuration.GetSection(VerificationOptions.Section));
        services.Configure<MediaOptions>(builder.Configuration.GetSection(MediaOptions.Section));
        services.AddScoped<DeskSession>();
        services.AddScoped<DeskQueries>();
        services.AddScoped<ArrivalService>();
        services.AddScoped<DeskSubmission>();
        services.AddScoped<DeskCheck>();
        services.AddScoped<CaptureDrafts>();
        services.AddSingleton<DeskActivityFeed>();
        services.AddHostedService<DeskActivityRelay>();
        services.AddTransient<RegistryCheckService>();
        if (FieldMode.FieldModeSwitch.IsOn(builder.Configuration))
        {
            // A laptop in the field has no registry to re-check against (FieldModeFeature adds an offline one).
            return builder;
        }

        services.AddHostedService<VerificationWorker>();
        services.AddPopulationRegistry(builder.Configuration);
        if (WebServiceCollectionExtensions.UsesBuiltInRegistry(builder.Configuration))
        {
            services.AddMockRegistry(builder.Configuration);
            services.AddSingleton<IRegistryAddressProvider, BuiltInRegistryAddress>();
        }
        else if (string.IsNullOrWhiteSpace(builder.Configuration["Registry:BaseAddress"]))
        {
            // Checking members against invented data would be worse than not starting.
            throw new InvalidOperationException("Registry:BaseAddress is required outside demo mode (or set Registry:UseBuiltInMock=true for a test installation).");
        }

        return builder;
    }

    public static void MapDesk(this WebApplication app)
    {
        app.MapDeskEndpoints();
        if (WebServiceCollectionExtensions.UsesBuiltInRegistry(app.Configuration))
        {
            app.MapMockRegistry(BuiltInRegistryAddress.Prefix).AllowAnonymous();
            app.MapMockRegistryAdmin(BuiltInRegistryAddress.Prefix).RequireAuthorization(Security.Policies.Admin);
        }
    }
}
