using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Registry;
using PartyCardIntake.Infrastructure.Registry;

namespace PartyCardIntake.UnitTests.Registry;

/// <summary>The registry client as the application registers it, on fake time, talking to a stub.</summary>
public sealed class RegistryHarness : IDisposable
{
    public static readonly PersonalIdNumber Id = PersonalIdNumber.Create("025", Sex.Male, 1955, 123);

    public static readonly RegistryCitizen Citizen = new(
        Id.Value, "Nguyễn Văn An", "1955-03-07", "Nam", "Phú Thọ", "Số 12, Xã Thanh Sơn, Tỉnh Phú Thọ", "Kinh");

    public RegistryHarness(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        Registry = new StubRegistryHandler(Time);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Registry:BaseAddress"] = "http://registry.test/api" })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Time);
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services?.Invoke(collection);
        collection.AddPopulationRegistry(configuration).ConfigurePrimaryHttpMessageHandler(() => Registry);
        Services = collection.BuildServiceProvider();
    }

    public ManualTimeProvider Time { get; } = new();

    public StubRegistryHandler Registry { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public ServiceProvider Services { get; }

    /// <summary>A fresh typed client each time, as a scoped feature service would get it.</summary>
    public IPopulationRegistry Client => Services.GetRequiredService<IPopulationRegistry>();

    public Task<RegistryLookup> LookupAsync(PersonalIdNumber? id = null, CancellationToken cancellationToken = default) =>
        Time.RunAsync(() => Client.LookupAsync(id ?? Id, cancellationToken));

    public void Dispose() => Services.Dispose();
}
