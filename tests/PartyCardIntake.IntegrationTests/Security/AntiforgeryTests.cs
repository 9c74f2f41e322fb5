using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Security;

/// <summary>Every endpoint that changes something refuses a request without the antiforgery token, whoever sends it.</summary>
[Collection(SqliteApp.Collection)]
public sealed partial class AntiforgeryTests(SqliteApp app)
{
    private const string FormExpired = "Biểu mẫu đã hết hạn hoặc không hợp lệ.";

    private static readonly string[] Changing = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch];

    [Fact]
    public async Task Every_changing_endpoint_refuses_a_request_without_the_token()
    {
        var endpoints = ChangingEndpoints();
        endpoints.Should().Contain(e => e.Path == "/desk/members/1/submit").And.Contain(e => e.Path == "/account/signin");

        var clients = new List<(string User, HttpClient Client)> { ("anonymous", app.CreateBrowserClient()) };
        foreach (var user in new[] { DemoAccounts.Officer, DemoAccounts.Lead, DemoAccounts.Committee, DemoAccounts.Province, DemoAccounts.Admin })
        {
            clients.Add((user, await app.SignedInClientAsync(user)));
        }

        // The desk's endpoints answer only once a station is chosen.
        await DeskClient.ChooseStationAsync(clients[1].Client);
        await DeskClient.ChooseStationAsync(clients[2].Client);

        // The browser of a signed-in user holds the antiforgery cookie; a forged request from another site would carry it.
        _ = await clients[0].Client.GetStringAsync("/account/signin");
        var problems = new List<string>();
        foreach (var (method, path) in endpoints)
        {
            var refusedByToken = false;
            foreach (var (user, client) in clients)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path)
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "x", ["note"] = "x" }),
                };
                HttpResponseMessage response;
                try
                {
                    response = await client.SendAsync(request);
                }
                catch (InvalidOperationException e)
                {
                    problems.Add($"{method} {path} as {user}: {e.Message}");
                    continue;
                }

                using var _ = response;
                var status = (int)response.StatusCode;
                var location = response.Headers.Location?.OriginalString ?? string.Empty;
                // A page may answer 200 with the "form expired" message in place of the change.
                var expiredShown = status is >= 200 and < 300 && (await response.Content.ReadAsStringAsync()).Contains(FormExpired, StringComparison.Ordinal);
                if ((status is >= 200 and < 300 && !expiredShown) || location.Contains("done=", StringComparison.Ordinal) || location.Contains("saved=", StringComparison.Ordinal))
                {
                    problems.Add($"{method} {path} as {user}: {status} {location}");
                }

                // Refused for the token: a 400, or the form's page again with the "form expired" error.
                refusedByToken |= response.StatusCode == HttpStatusCode.BadRequest || location.Contains("error=form", StringComparison.Ordinal) || expiredShown;
            }

            if (!refusedByToken)
            {
                problems.Add($"{method} {path}: no user reached the antiforgery check");
            }
        }

        foreach (var (_, client) in clients)
        {
            client.Dispose();
        }

        problems.Should().BeEmpty();
    }

    private List<(string Method, string Path)> ChangingEndpoints()
    {
        var sources = app.Factory.Services.GetServices<EndpointDataSource>();
        return sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Intersect(Changing, StringComparer.OrdinalIgnoreCase)
                .Select(m => (Method: m, Path: Concrete("/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/')))))
            // Bearer-token API for scripts, and the mock registry's JSON switches: neither is reachable by a cross-site form.
            .Where(e => !e.Path.StartsWith("/api/v1", StringComparison.OrdinalIgnoreCase) && !e.Path.StartsWith("/mock-registry", StringComparison.OrdinalIgnoreCase))
            .Distinct()
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ToList();
    }

    private static string Concrete(string template) =>
        Parameter().Replace(template, m => m.Value.Contains(":guid", StringComparison.OrdinalIgnoreCase) ? Guid.NewGuid().ToString() : "1");

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
