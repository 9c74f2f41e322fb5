using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Security;

/// <summary>Sign-in and API limits, each on an application of its own so that no other test is locked out.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task The_eleventh_sign_in_attempt_within_a_minute_is_refused_on_the_page_and_the_token_endpoint()
    {
        await using var factory = Factory(signInPerMinute: 10, apiPerMinute: 1000);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        for (var i = 0; i < 10; i++)
        {
            using var attempt = await SignInClient.PostSignInAsync(client, "khong.co.ai", "sai-mat-khau-" + i);
            attempt.StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests, $"attempt {i + 1} is within the limit");
        }

        using var page = await SignInClient.PostSignInAsync(client, DemoAccounts.Lead, PartyCardAppFactory.DemoPassword);
        page.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        RetryAfter(page).Should().BeInRange(1, 60);
        (await page.Content.ReadAsStringAsync()).Should().Contain("Quá nhiều yêu cầu");

        using var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = DemoAccounts.Lead, password = PartyCardAppFactory.DemoPassword });
        token.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        token.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        RetryAfter(token).Should().BeInRange(1, 60);

        // Reading the sign-in page is not an attempt.
        using var form = await client.GetAsync("/account/signin");
        form.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_api_limit_counts_per_user()
    {
        await using var factory = Factory(signInPerMinute: 100, apiPerMinute: 5);
        using var officer = await BearerClientAsync(factory, DemoAccounts.Officer);
        using var other = await BearerClientAsync(factory, DemoAccounts.Officer2);

        for (var i = 0; i < 5; i++)
        {
            using var allowed = await officer.GetAsync("/api/v1/me");
            allowed.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var refused = await officer.GetAsync("/api/v1/me");
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Quá nhiều yêu cầu");
        RetryAfter(refused).Should().BeInRange(1, 60);

        using var otherUser = await other.GetAsync("/api/v1/me");
        otherUser.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static PartyCardAppFactory Factory(int signInPerMinute, int apiPerMinute)
    {
        var factory = new PartyCardAppFactory(DatabaseProvider.Sqlite);
        factory.Set("RateLimits:SignInPerMinute", signInPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        factory.Set("RateLimits:ApiPerMinute", apiPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return factory;
    }

    private static async Task<HttpClient> BearerClientAsync(PartyCardAppFactory factory, string userName)
    {
        var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = PartyCardAppFactory.DemoPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static int RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta is { } delta ? (int)delta.TotalSeconds : -1;
}
