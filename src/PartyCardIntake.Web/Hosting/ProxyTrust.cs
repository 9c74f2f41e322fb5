using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace PartyCardIntake.Web.Hosting;

/// <summary>
/// Section "ForwardedHeaders": the reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are
/// believed. Loopback is always trusted (nginx on the same machine); <c>KnownProxies</c> (addresses) and
/// <c>KnownNetworks</c> (CIDR, e.g. 10.0.0.0/24) add proxies on other machines. Headers from anyone else are
/// ignored, so a client cannot choose the address the audit trail and the rate limits see.
/// </summary>
internal sealed class ProxyTrust
{
    public const string Section = "ForwardedHeaders";

    public string[] KnownProxies { get; set; } = [];

    public string[] KnownNetworks { get; set; } = [];

    public static ProxyTrust From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<ProxyTrust>() ?? new ProxyTrust();

    public void ApplyTo(ForwardedHeadersOptions options)
    {
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        options.KnownIPNetworks.Add(new System.Net.IPNetwork(IPAddress.Loopback, 8));
        options.KnownProxies.Add(IPAddress.IPv6Loopback);
        foreach (var proxy in KnownProxies.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy.Trim(), out var address)
                ? address
                : throw new InvalidOperationException($"{Section}:KnownProxies: '{proxy}' is not an IP address."));
        }

        foreach (var network in KnownNetworks.Where(n => !string.IsNullOrWhiteSpace(n)))
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network.Trim(), out var parsed)
                ? parsed
                : throw new InvalidOperationException($"{Section}:KnownNetworks: '{network}' is not a network in CIDR notation (e.g. 10.0.0.0/24)."));
        }
    }
}
