using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Registry;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace PartyCardIntake.Infrastructure.Registry;

/// <summary>
/// The National Population Database over HTTP, as a typed HttpClient whose handler chain carries the
/// <see cref="RegistryResiliencePipeline"/>. Every fault ends as <see cref="LookupOutcome.Unavailable"/>
/// with a short reason from <see cref="RegistryFailureReasons"/>; nothing but a well-formed answer
/// about the very number asked becomes <see cref="LookupOutcome.Found"/>.
/// </summary>
public sealed class PopulationRegistryClient(
    HttpClient httpClient,
    IOptions<RegistryOptions> options,
    TimeProvider timeProvider,
    ILogger<PopulationRegistryClient> logger) : IPopulationRegistry
{
    public async Task<RegistryLookup> LookupAsync(PersonalIdNumber idNumber, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(idNumber);
        var started = timeProvider.GetTimestamp();
        string reason;
        try
        {
            var uri = new Uri(options.Value.CitizenPath + Uri.EscapeDataString(idNumber.Value), UriKind.Relative);
            using var response = await httpClient.GetAsync(uri, cancellationToken);
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    if (await ReadCitizenAsync(response, idNumber, cancellationToken) is { } citizen)
                    {
                        return RegistryLookup.Found(citizen, timeProvider.GetElapsedTime(started));
                    }

                    reason = RegistryFailureReasons.InvalidResponse;
                    break;
                case HttpStatusCode.NotFound:
                    return RegistryLookup.NotFound(timeProvider.GetElapsedTime(started));
                case HttpStatusCode.TooManyRequests:
                    reason = RegistryFailureReasons.Throttled;
                    break;
                default:
                    reason = RegistryFailureReasons.HttpStatus(response.StatusCode);
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up (the officer left the page, the host is stopping): not a registry fault.
            throw;
        }
        catch (BrokenCircuitException)
        {
            reason = RegistryFailureReasons.CircuitOpen;
        }
        catch (TimeoutRejectedException)
        {
            reason = RegistryFailureReasons.Timeout;
        }
        catch (OperationCanceledException)
        {
            reason = RegistryFailureReasons.Timeout;
        }
        catch (HttpRequestException)
        {
            reason = RegistryFailureReasons.Network;
        }
        catch (IOException)
        {
            reason = RegistryFailureReasons.Network;
        }

        var elapsed = timeProvider.GetElapsedTime(started);

        // The masked number only: the full number is personal data and must not reach the logs.
        logger.LogWarning(
            "Registry lookup for {IdNumber} unavailable ({Reason}) after {ElapsedMs} ms",
            idNumber.Masked,
            reason,
            (long)elapsed.TotalMilliseconds);
        return RegistryLookup.Unavailable(reason, elapsed);
    }

    private static async Task<RegistryCitizen?> ReadCitizenAsync(HttpResponseMessage response, PersonalIdNumber idNumber, CancellationToken cancellationToken)
    {
        RegistryCitizen? citizen;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            citizen = await JsonSerializer.DeserializeAsync<RegistryCitizen>(body, JsonSerializerOptions.Web, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }

        // A record about someone else (a proxy's cache, a mix-up upstream) must never pass for a match.
        return citizen is not null
            && string.Equals(citizen.IdNumber?.Trim(), idNumber.Value, StringComparison.Ordinal)
            && !string.IsNullOrWhiteSpace(citizen.FullName)
            && citizen.DateOfBirth is not null
            && citizen.Sex is not null
                ? citizen
                : null;
    }
}
