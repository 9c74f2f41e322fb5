using Microsoft.Extensions.DependencyInjection.Extensions;
using PartyCardIntake.Core.Verification;
using PartyCardIntake.Web.Features.PreCheck;

// In the container's own namespace, like ASP.NET Core's Add* extensions: the host adds one call and no using.
namespace Microsoft.Extensions.DependencyInjection;

internal static class PreCheckServiceCollectionExtensions
{
    /// <summary>The pre-check: options (section "PreCheck"), the committee's service and the background worker.</summary>
    public static IServiceCollection AddPreCheck(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PreCheckOptions>()
            .Bind(configuration.GetSection(PreCheckOptions.Section))
            .Validate(o => o.IsValid, "PreCheck:RatePerSecond, PreCheck:RetryDelay and PreCheck:Interval must be positive.")
            .ValidateOnStart();
        services.TryAddTransient<RegistryCheckService>();
        services.AddScoped<PreCheckService>();
        services.AddSingleton<PreCheckProgressFeed>();
        services.AddSingleton<PreCheckStopSignals>();
        services.AddSingleton<PreCheckWorker>();
        if (!PartyCardIntake.Web.Features.FieldMode.FieldModeSwitch.IsOn(configuration))
        {
            // A laptop in the field has no registry: its pre-check would only wait.
            services.AddHostedService(sp => sp.GetRequiredService<PreCheckWorker>());
        }
        return services;
    }
}
