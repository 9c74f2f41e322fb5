using System.Net;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.ReliabilityTests.Hosting;

/// <summary>The real-process host the other reliability tests stand on.</summary>
public sealed class AppProcessTests
{
    [Fact]
    public async Task A_node_killed_with_sigkill_starts_again_on_its_data_and_keeps_the_sign_in()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        await using var node = new AppProcess(AppProcess.DemoSettings(database));
        await node.StartAsync();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = node.Address };
        await SignInClient.SignInAsync(client, DemoAccounts.Officer);

        await node.KillAsync();
        node.IsRunning.Should().BeFalse();
        await node.StartAsync();

        using var response = await client.GetAsync("/members");
        response.StatusCode.Should().Be(HttpStatusCode.OK, "the session lives in the database and the keys too");
    }
}
