using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Api;

internal static class ApiClients
{
    public static async Task<HttpClient> BearerAsync(PartyCardAppFactory factory, string userName)
    {
        var client = factory.CreateClient();
        using var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = PartyCardAppFactory.DemoPassword });
        var body = await token.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>The answer's problem, after checking that it is one with this status.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(status, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", text);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        problem.GetProperty("status").GetInt32().Should().Be(status);
        problem.GetProperty("title").GetString().Should().NotBeNullOrWhiteSpace();
        return problem;
    }

    /// <summary>The messages of one field of a 400 validation problem.</summary>
    public static async Task<IReadOnlyList<string>> FieldErrorsAsync(HttpResponseMessage response, string field, int status = 400)
    {
        var problem = await ProblemAsync(response, status);
        problem.TryGetProperty("errors", out var errors).Should().BeTrue(problem.ToString());
        errors.TryGetProperty(field, out var messages).Should().BeTrue($"errors should name {field}: {problem}");
        return messages.EnumerateArray().Select(m => m.GetString()!).ToList();
    }
}
