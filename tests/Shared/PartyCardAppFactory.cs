using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using PartyCardIntake.Core.Registry;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Infrastructure.Registry;
using PartyCardIntake.MockRegistry;
using PartyCardIntake.Web.Features.Desk;

namespace PartyCardIntake.Tests.Shared;

/// <summary>The whole web application with the demo campaign on its own database.</summary>
public class PartyCardAppFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "mat-khau-demo-cho-kiem-thu";

    private readonly Dictionary<string, string?> _settings = [];
    private readonly bool _realServer;

    public PartyCardAppFactory(DatabaseProvider provider, bool realServer = false)
    {
        Database = TestDatabase.Create(provider);
        _realServer = realServer;
        if (realServer)
        {
            UseKestrel(0);
        }

        Set("Database:Provider", provider.ToString());
        Set("Database:DataFolder", Database.Folder);
        Set("ConnectionStrings:PartyCard", Database.ConnectionString ?? string.Empty);
        Set("Demo:Enabled", "true");
        Set("Demo:Password", DemoPassword);

        // Tests drive re-checks themselves; the background round would race with their assertions.
        Set("Verification:Interval", "01:00:00");

        // Likewise the retention rule: tests run it by hand (MediaRetention.RunOnceAsync), so that its audit entry
        // and deletions never land in the middle of another test's checks.
        Set("Retention:Enabled", "false");

        // Test servers speak plain http, like the demo, also when a test turns demo mode off.
        Set("Security:RequireHttps", "false");

        // Every test client comes from one address; the limits have tests of their own with their own factory.
        Set("RateLimits:SignInPerMinute", "100000");
        Set("RateLimits:ApiPerMinute", "100000");

        // Field kits: Argon2id kept cheap so kits open fast, and a package limit a test can pass in memory.
        Set("Field:KdfMemoryKiB", "1024");
        Set("Field:KdfIterations", "1");
        Set("Field:MaxPackageBytes", (8 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public TestDatabase Database { get; }

    /// <summary>Every /api answer this application gave.</summary>
    public ApiResponseRecorder ApiResponses { get; } = new();

    /// <summary>
    /// Run on the recorded /api answers before the application stops (set by the integration tests, which check
    /// them against the OpenAPI document); a failure fails the test or fixture that owns the application.
    /// </summary>
    public static Func<PartyCardAppFactory, Task>? CheckApiResponses { get; set; }

    /// <summary>Address of the Kestrel server when the factory runs a real one.</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    public void Set(string key, string? value) => _settings[key] = value;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        if (CheckApiResponses is not null)
        {
            // Only where the answers are checked: browser and load tests would keep every body in memory for nothing.
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(ApiResponses));
        }
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (!_realServer)
        {
            // Without a real port the built-in registry is reached through the in-memory test server.
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<IRegistryAddressProvider>(new FixedRegistryAddress(new Uri("http://localhost/mock-registry/")));
                // The handler comes from the app's own container: asking the factory for its Server here,
                // while the host is still starting, would build a second host.
                services.AddHttpClient(nameof(IPopulationRegistry))
                    .ConfigurePrimaryHttpMessageHandler(sp => new InMemoryServerHandler(sp));
            });
        }
    }

    /// <summary>The mock registry's fault switches of this application.</summary>
    public FaultSwitch RegistryFaults => Services.GetRequiredService<FaultSwitch>();

    /// <summary>One round of the re-check worker, as the background service would run it.</summary>
    public Task<int> RunVerificationRoundAsync() =>
        Services.GetServices<IHostedService>().OfType<VerificationWorker>().Single().RunOnceAsync(CancellationToken.None);

    public override async ValueTask DisposeAsync()
    {
        try
        {
            if (CheckApiResponses is { } check && ApiResponses.Responses.Count > 0)
            {
                await check(this);
            }
        }
        finally
        {
            await base.DisposeAsync();
            await Database.DisposeAsync();
            GC.SuppressFinalize(this);
        }
    }
}

internal sealed class FixedRegistryAddress(Uri address) : IRegistryAddressProvider
{
    public Uri BaseAddress => address;
}

/// <summary>Sends to the application's own test server, found when the first request goes out (the server starts after the container).</summary>
internal sealed class InMemoryServerHandler(IServiceProvider services) : HttpMessageHandler
{
    private HttpMessageInvoker? _invoker;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _invoker ??= new HttpMessageInvoker(((TestServer)services.GetRequiredService<IServer>()).CreateHandler());
        return _invoker.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _invoker?.Dispose();
        }

        base.Dispose(disposing);
    }
}
