using System.Runtime.CompilerServices;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Api;

internal static class ApiContractHook
{
    /// <summary>Every application these tests start has its /api answers checked when it stops.</summary>
    [ModuleInitializer]
    internal static void Install() => PartyCardAppFactory.CheckApiResponses = ApiContract.VerifyAsync;
}
