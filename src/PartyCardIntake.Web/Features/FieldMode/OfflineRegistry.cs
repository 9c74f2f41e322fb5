using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Registry;

namespace PartyCardIntake.Web.Features.FieldMode;

/// <summary>
/// The registry as a laptop in the field sees it: never reachable. Answering at once keeps the desk from waiting on
/// timeouts, and "unavailable" is never a verdict, so every capture stays pending until the station re-checks it.
/// </summary>
internal sealed class OfflineRegistry : IPopulationRegistry
{
    public const string Reason = "field-mode";

    public Task<RegistryLookup> LookupAsync(PersonalIdNumber idNumber, CancellationToken cancellationToken = default) =>
        Task.FromResult(RegistryLookup.Unavailable(Reason, TimeSpan.Zero));
}
