using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Registry;
using PartyCardIntake.Infrastructure.Registry;

namespace PartyCardIntake.UnitTests.Registry;

public class RegistryRegistrationTests
{
    private sealed class FixedAddress(Uri address) : IRegistryAddressProvider
    {
        public Uri BaseAddress => address;
    }

    [Fact]
    public void Defaults_suit_a_commune_desk()
    {
        var options = new RegistryOptions();

        options.BaseAddress.Should().BeNull();
        options.CitizenPath.Should().Be("v1/citizens/");
        options.TotalTimeout.Should().Be(TimeSpan.FromSeconds(8));
        options.AttemptTimeout.Should().Be(TimeSpan.FromSeconds(3));
        options.MaxRetryAttempts.Should().Be(3);
        options.RetryBaseDelay.Should().Be(TimeSpan.FromMilliseconds(250));
        options.MaxRetryAfter.Should().Be(TimeSpan.FromSeconds(5));
        options.BreakerFailureRatio.Should().Be(0.5);
        options.BreakerBreakDuration.Should().Be(TimeSpan.FromSeconds(30));

        // Two failing lookups (1 + retries attempts each) must reach the minimum throughput…
        (2 * (1 + options.MaxRetryAttempts)).Should().BeGreaterThanOrEqualTo(options.BreakerMinimumThroughput);

        // …and one desk's consecutive lookups, two minutes apart, must fit in the window (it rolls in tenths).
        (options.BreakerSamplingDuration * 0.9).Should().BeGreaterThan(TimeSpan.FromMinutes(2) + options.TotalTimeout);
    }

    [Fact]
    public void Options_are_bound_from_the_registry_section()
    {
        using var services = new ServiceCollection()
            .AddPopulationRegistryFrom(new Dictionary<string, string?>
            {
                ["Registry:BaseAddress"] = "https://registry.example/api/",
                ["Registry:TotalTimeout"] = "00:00:12",
                ["Registry:MaxRetryAttempts"] = "2",
                ["Registry:BreakerMinimumThroughput"] = "4",
            })
            .BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<RegistryOptions>>().Value;

        options.BaseAddress.Should().Be(new Uri("https://registry.example/api/"));
        options.TotalTimeout.Should().Be(TimeSpan.FromSeconds(12));
        options.MaxRetryAttempts.Should().Be(2);
        options.BreakerMinimumThroughput.Should().Be(4);
        options.AttemptTimeout.Should().Be(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Missing_base_address_is_reported_clearly()
    {
        using var services = new ServiceCollection().AddPopulationRegistryFrom([]).BuildServiceProvider();

        var resolve = () => services.GetRequiredService<IPopulationRegistry>();

        resolve.Should().Throw<InvalidOperationException>().WithMessage("*Registry:BaseAddress*");
    }

    [Fact]
    public void Address_provider_registered_by_the_host_wins_over_the_configured_one()
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<IRegistryAddressProvider>(new FixedAddress(new Uri("http://127.0.0.1:5080/mock-registry")));
        using var services = collection.AddPopulationRegistryFrom([]).BuildServiceProvider();

        services.GetRequiredService<IRegistryAddressProvider>().Should().BeOfType<FixedAddress>();
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(IPopulationRegistry));

        client.BaseAddress.Should().Be(new Uri("http://127.0.0.1:5080/mock-registry/"));
        client.Timeout.Should().Be(Timeout.InfiniteTimeSpan);
    }

    [Fact]
    public void Time_provider_registered_by_the_host_is_kept()
    {
        var time = new ManualTimeProvider();
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(time);
        using var services = collection.AddPopulationRegistryFrom([]).BuildServiceProvider();

        services.GetRequiredService<TimeProvider>().Should().BeSameAs(time);
    }

    [Fact]
    public void Pipeline_is_one_instance_for_the_whole_application()
    {
        using var services = new ServiceCollection()
            .AddPopulationRegistryFrom(new Dictionary<string, string?> { ["Registry:BaseAddress"] = "http://registry.test/" })
            .BuildServiceProvider();

        services.GetRequiredService<RegistryResiliencePipeline>()
            .Should().BeSameAs(services.GetRequiredService<RegistryResiliencePipeline>());
        services.GetRequiredService<RegistryResilienceHandler>()
            .Should().NotBeSameAs(services.GetRequiredService<RegistryResilienceHandler>());
    }

    [Fact]
    public void Attempt_timeout_longer_than_the_total_is_refused()
    {
        using var services = new ServiceCollection()
            .AddPopulationRegistryFrom(new Dictionary<string, string?> { ["Registry:AttemptTimeout"] = "00:00:10" })
            .BuildServiceProvider();

        var read = () => services.GetRequiredService<IOptions<RegistryOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().WithMessage("*AttemptTimeout*");
    }
}

internal static class RegistryRegistrationTestExtensions
{
    public static IServiceCollection AddPopulationRegistryFrom(this IServiceCollection services, Dictionary<string, string?> settings)
    {
        services.AddPopulationRegistry(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services;
    }
}
