using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.MockRegistry;

namespace PartyCardIntake.IntegrationTests.MockRegistry;

public sealed class CitizenEndpointTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddMockRegistry();
        _app = builder.Build();
        _app.MapMockRegistry("/registry");
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_demo_member_is_a_citizen_of_the_registry()
    {
        var member = DemoPopulationGenerator.Generate().Communes[0].Cells[3].Members[2];
        var citizen = await _client.GetFromJsonAsync<CitizenRecord>($"/registry/v1/citizens/{member.IdNumber.Value}");
        citizen!.FullName.Should().Be(member.FullName);
        citizen.DateOfBirth.Should().Be(member.BirthDate?.ToString("yyyy-MM-dd") ?? member.BirthYear.ToString());
    }

    [Fact]
    public async Task An_unknown_number_is_not_found()
    {
        using var response = await _client.GetAsync("/registry/v1/citizens/025055999999");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
