using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.Tests.Shared;

/// <summary>The whole web application with the demo campaign on its own database.</summary>
public class PartyCardAppFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "mat-khau-demo-cho-kiem-thu";

    private readonly Dictionary<string, string?> _settings = [];

    public PartyCardAppFactory(DatabaseProvider provider, bool realServer = false)
    {
        Database = TestDatabase.Create(provider);
        if (realServer)
        {
            UseKestrel(0);
        }

        Set("Database:Provider", provider.ToString());
        Set("Database:DataFolder", Database.Folder);
        Set("ConnectionStrings:PartyCard", Database.ConnectionString ?? string.Empty);
        Set("Demo:Enabled", "true");
        Set("Demo:Password", DemoPassword);
    }

    public TestDatabase Database { get; }

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
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
