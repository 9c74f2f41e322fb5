using Microsoft.Extensions.DependencyInjection.Extensions;
using PartyCardIntake.Core.Field;
using PartyCardIntake.Core.Registry;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Web.Features.Desk;
using PartyCardIntake.Web.Hosting;

namespace PartyCardIntake.Web.Features.FieldMode;

/// <summary>
/// The visiting laptop (<c>Field:Enabled=true</c>): kit import, offline sign-in, the desk for the kit's members only,
/// media encrypted at rest, and the package and receipt that bring the captures back. On a station only the no-op
/// hooks the desk and sign-in call are added.
/// </summary>
internal static class FieldModeFeature
{
    /// <summary>Added after the desk, so that the offline registry replaces the HTTP client.</summary>
    public static WebApplicationBuilder AddFieldMode(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<FieldOptions>(builder.Configuration.GetSection(FieldOptions.Section));
        services.AddSingleton<FieldSecrets>();
        services.AddSingleton<FieldModeState>();
        services.AddSingleton<FieldCaptureGate>();
        services.AddSingleton<CaptureMediaProtector>();
        services.AddScoped<FieldUnlock>();
        services.AddScoped<FieldReturnService>();
        services.AddScoped<FieldKitImport>();
        if (!FieldModeSwitch.IsOn(builder.Configuration))
        {
            return builder;
        }

        services.RemoveAll<IPopulationRegistry>();
        services.AddSingleton<IPopulationRegistry, OfflineRegistry>();

        // The laptop holds the kit's members and nothing invented beside them.
        services.PostConfigure<DemoOptions>(o => o.Enabled = false);
        services.AddOptions<MediaOptions>().PostConfigure<ISystemDbContextFactory, ILoggerFactory>(
            (o, factory, logs) => FieldCaptureRules.Apply(o, factory, logs.CreateLogger(nameof(FieldCaptureRules))));
        return builder;
    }

    /// <summary>After authentication: the gate needs to know whether the officer is signed in.</summary>
    public static void UseFieldMode(this WebApplication app)
    {
        if (FieldModeSwitch.IsOn(app.Configuration))
        {
            app.UseMiddleware<FieldSetupGate>();

            // The operator's next step, printed once the laptop listens.
            app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
                "Field mode: no registry, no demo. Open {Setup} to import the kit (file, passphrase, officer's password), then sign in as the officer",
                FieldSetupGate.SetupPath));
        }
    }
}
