using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Registry;
using PartyCardIntake.Infrastructure.Registry;
using PartyCardIntake.MockRegistry;

namespace PartyCardIntake.Benchmarks;

/// <summary>
/// What the adapter (typed client, resilience pipeline, JSON, result mapping) adds to the registry's
/// own latency: the mock registry on a real loopback port with a fixed delay, called alternately by a
/// bare HttpClient and through <see cref="IPopulationRegistry"/>.
/// </summary>
internal static class RegistryOverheadBenchmark
{
    public static async Task<IReadOnlyList<Measurement>> RunAsync(int latencyMs, int samples)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["MockRegistry:Faults:LatencyMilliseconds"] = latencyMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Services.AddMockRegistry(builder.Configuration);
        await using var mock = builder.Build();
        mock.MapMockRegistry();
        await mock.StartAsync();
        var address = new Uri(mock.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        var ids = mock.Services.GetRequiredService<SyntheticPopulation>().IdsWith(Discrepancy.None).Take(samples).ToList();

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Registry:BaseAddress"] = address.ToString() })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPopulationRegistry(configuration);
        await using var provider = services.BuildServiceProvider();
        var registry = provider.GetRequiredService<IPopulationRegistry>();
        using var raw = new HttpClient { BaseAddress = address };

        var bare = new Measurement($"registry's own latency (bare HttpClient, mock delay {latencyMs} ms)");
        var adapter = new Measurement("through the adapter (IPopulationRegistry)");
        var overhead = new Measurement("adapter overhead per lookup (paired difference)");
        for (var i = -30; i < ids.Count; i++)
        {
            var id = ids[Math.Max(i, 0)];
            var watch = Stopwatch.StartNew();
            using (var response = await raw.GetAsync($"v1/citizens/{id}"))
            {
                _ = await response.Content.ReadAsByteArrayAsync();
            }

            var bareTime = watch.Elapsed;
            watch.Restart();
            var lookup = await registry.LookupAsync(PersonalIdNumber.Parse(id));
            var adapterTime = watch.Elapsed;
            if (lookup.Outcome != LookupOutcome.Found)
            {
                throw new InvalidOperationException($"Lookup failed: {lookup.FailureReason}");
            }

            if (i >= 0)
            {
                bare.Add(bareTime);
                adapter.Add(adapterTime);
                overhead.Add(adapterTime - bareTime);
            }
        }

        await mock.StopAsync();
        return [bare, adapter, overhead];
    }
}
