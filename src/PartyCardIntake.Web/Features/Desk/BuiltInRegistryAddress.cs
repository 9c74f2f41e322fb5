using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PartyCardIntake.Infrastructure.Registry;

namespace PartyCardIntake.Web.Features.Desk;

/// <summary>
/// In demo mode the mock registry is mapped into this application under <see cref="Prefix"/>; the
/// adapter still reaches it over HTTP, on this server's own loopback address.
/// </summary>
internal sealed class BuiltInRegistryAddress(IServer server) : IRegistryAddressProvider
{
    public const string Prefix = "/mock-registry";

    public Uri BaseAddress
    {
        get
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("The server has no listening address yet; the built-in registry cannot be reached.");
            var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
            if (uri.Host is "0.0.0.0" or "[::]" or "::" or "localhost")
            {
                uri.Host = "127.0.0.1";
            }

            uri.Path = Prefix + "/";
            return uri.Uri;
        }
    }
}
