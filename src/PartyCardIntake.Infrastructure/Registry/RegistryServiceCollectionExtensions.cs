using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartyCardIntake.Core.Registry;

namespace PartyCardIntake.Infrastructure.Registry;

public static class RegistryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPopulationRegistry"/> as a typed HttpClient behind the registry's
    /// resilience pipeline. Returns the client's builder so that the host or a test can set the
    /// primary handler. Register another <see cref="IRegistryAddressProvider"/> (before or after) to
    /// point it somewhere other than <see cref="RegistryOptions.BaseAddress"/>.
    /// </summary>
    public static IHttpClientBuilder AddPopulationRegistry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<RegistryOptions>()
            .Bind(configuration.GetSection(RegistryOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.CitizenPath), "Registry:CitizenPath must not be empty.")
            .Validate(o => o.AttemptTimeout <= o.TotalTimeout, "Registry:AttemptTimeout must not exceed Registry:TotalTimeout.")
            .Validate(o => o.MaxRetryAttempts >= 0, "Registry:MaxRetryAttempts must not be negative.");

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRegistryAddressProvider, ConfiguredRegistryAddressProvider>();
        services.TryAddSingleton<RegistryResiliencePipeline>();
        services.TryAddTransient<RegistryResilienceHandler>();

        return services
            .AddHttpClient<IPopulationRegistry, PopulationRegistryClient>((sp, client) =>
            {
                client.BaseAddress = WithTrailingSlash(sp.GetRequiredService<IRegistryAddressProvider>().BaseAddress);

                // The pipeline owns every timeout; HttpClient's own would cut across its retries.
                client.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler<RegistryResilienceHandler>()

            // The factory's default loggers write each request's URI, and the URI holds the full ID number.
            .RemoveAllLoggers();
    }

    // Without it, "https://host/api" + "v1/citizens/…" resolves to "https://host/v1/citizens/…".
    private static Uri WithTrailingSlash(Uri address) =>
        address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
}
