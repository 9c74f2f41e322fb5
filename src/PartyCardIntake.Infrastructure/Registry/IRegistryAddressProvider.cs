using Microsoft.Extensions.Options;

namespace PartyCardIntake.Infrastructure.Registry;

/// <summary>
/// Where the registry is. A port of its own because the built-in mock registry's address is only
/// known to the web application once it listens.
/// </summary>
public interface IRegistryAddressProvider
{
    Uri BaseAddress { get; }
}

/// <summary>The address configured in <see cref="RegistryOptions.BaseAddress"/>.</summary>
public sealed class ConfiguredRegistryAddressProvider(IOptions<RegistryOptions> options) : IRegistryAddressProvider
{
    public Uri BaseAddress =>
        options.Value.BaseAddress
        ?? throw new InvalidOperationException(
            $"{RegistryOptions.Section}:{nameof(RegistryOptions.BaseAddress)} is not set, and no other {nameof(IRegistryAddressProvider)} "
            + "(such as the built-in mock registry) is registered.");
}
