using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.IntegrationTests.Members;
using PartyCardIntake.Web.Features.Desk;

namespace PartyCardIntake.IntegrationTests.Desk;

/// <summary>
/// The desk's registry check of a member as the officer's circuit runs it (<see cref="DeskCheck"/>), and the
/// comparison the desk then shows (<see cref="DeskRegistryCompare"/>), rendered to HTML with the circuit's services.
/// </summary>
internal static class DeskCheckView
{
    public static async Task<(DeskCheckAnswer Answer, string Html)> CheckAsync(IServiceProvider services, int memberId, string userName = DemoAccounts.Officer)
    {
        await using var circuit = await CircuitScope.ForAsync(services, userName);
        var answer = await circuit.Get<DeskCheck>().CheckAsync(memberId) ?? throw new InvalidOperationException($"The desk found no member {memberId}.");
        return (answer, await RenderAsync(circuit.Services, answer));
    }

    /// <summary>The comparison's HTML, entities decoded so that Vietnamese text reads as it is shown.</summary>
    public static async Task<string> RenderAsync(IServiceProvider services, DeskCheckAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<DeskRegistryCompare>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(DeskRegistryCompare.Check)] = answer.Check,
                [nameof(DeskRegistryCompare.Decision)] = answer.Decision,
            }));
            return output.ToHtmlString();
        });
        return WebUtility.HtmlDecode(html);
    }
}
