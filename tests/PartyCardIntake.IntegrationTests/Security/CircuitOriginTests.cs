using System.Net;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.IntegrationTests.Web;

namespace PartyCardIntake.IntegrationTests.Security;

/// <summary>A page of another site cannot open a circuit in a signed-in user's name; the site's own pages can.</summary>
[Collection(SqliteApp.Collection)]
public sealed class CircuitOriginTests(SqliteApp app)
{
    [Theory]
    [InlineData("http://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("http://localhost.evil.example", HttpStatusCode.Forbidden)]
    [InlineData("https://localhost", HttpStatusCode.Forbidden)]
    [InlineData("http://localhost", HttpStatusCode.OK)]
    public async Task The_circuit_endpoint_answers_only_its_own_origin(string origin, HttpStatusCode expected)
    {
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);

        using var response = await lead.SendAsync(request);

        response.StatusCode.Should().Be(expected);
    }

    [Fact]
    public async Task Nobody_signed_in_opens_no_circuit()
    {
        using var client = app.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", "http://localhost");

        using var response = await client.SendAsync(request);

        Outcomes.IsAuthRedirect(response).Should().BeTrue();
    }
}
