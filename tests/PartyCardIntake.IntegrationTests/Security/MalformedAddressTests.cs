using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.IntegrationTests.Web;
using Xunit.Abstractions;

namespace PartyCardIntake.IntegrationTests.Security;

/// <summary>
/// An edited, truncated or pasted address gets a page that says so (400) or "not found" (404), never a server error:
/// every page and download of <see cref="RouteTable"/>, opened by every role, with each route value and each query
/// value the page reads replaced by something malformed.
/// </summary>
[Collection(SqliteApp.Collection)]
public sealed partial class MalformedAddressTests(SqliteApp app, ITestOutputHelper output)
{
    private static readonly string[] RouteValues = ["abc", "-1", "0", "99999999999", "%E2%80%8B", "1.5"];

    private static readonly string[] QueryValues =
        ["x", "-1", "0", "0001-01-01", "9999-12-31", "99999999999999999999", "1e309", "%E2%80%8B", "%27%20OR%201%3D1", "2026-02-30", "true1"];

    [Fact]
    public async Task No_malformed_route_or_query_value_gives_a_server_error()
    {
        var ids = await SampleIds.ForCommuneAsync(app, app.CommuneOne);
        var queryNames = QueryParametersByRoute();
        var failures = new StringBuilder();
        var requests = 0;
        foreach (var who in Caller.All.Where(w => w != Who.Anonymous))
        {
            using var caller = await Caller.SignInAsync(app, who);
            foreach (var rule in RouteTable.Rules.Where(IsPageOrDownload))
            {
                var paths = new List<string>();
                if (RouteParameter().IsMatch(rule.Pattern))
                {
                    paths.AddRange(RouteValues.Select(v => RouteParameter().Replace(rule.Pattern, v)));
                }

                var sample = ids.Path(rule);
                foreach (var name in queryNames.GetValueOrDefault(rule.Pattern, []))
                {
                    var separator = sample.Contains('?', StringComparison.Ordinal) ? '&' : '?';
                    paths.AddRange(QueryValues.Select(v => $"{sample}{separator}{Uri.EscapeDataString(name)}={v}"));
                }

                foreach (var path in paths)
                {
                    using var response = await caller.SendAsync("GET", path);
                    requests++;
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.AppendLine($"{who}: GET {path} answered {(int)response.StatusCode}");
                    }
                }
            }
        }

        output.WriteLine($"{requests} requests.");
        requests.Should().BeGreaterThan(500, "the pages and their query parameters were found");
        failures.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task A_typed_query_value_that_does_not_parse_gets_the_bad_address_page()
    {
        using var caller = await Caller.SignInAsync(app, Who.Committee);
        using var response = await caller.SendAsync("GET", "/members/worklist?closed=maybe");
        ((int)response.StatusCode).Should().Be(400);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("data-testid=\"bad-address\"").And.Contain("Địa chỉ không hợp lệ");
    }

    private static bool IsPageOrDownload(RouteRule rule) =>
        rule.Method is "GET"
        && !rule.Pattern.StartsWith("/api/", StringComparison.Ordinal)
        && !rule.Pattern.StartsWith("/_", StringComparison.Ordinal)
        && !rule.Pattern.StartsWith("/mock-registry/", StringComparison.Ordinal)
        && !rule.Pattern.StartsWith("/openapi/", StringComparison.Ordinal)
        && !rule.Pattern.StartsWith("/health/", StringComparison.Ordinal)
        && !rule.Pattern.Contains("**", StringComparison.Ordinal)
        && rule.Pattern != "/account/signout";

    /// <summary>For every page, the names of the query values it reads ([SupplyParameterFromQuery]), by route pattern.</summary>
    private Dictionary<string, List<string>> QueryParametersByRoute() =>
        app.Factory.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .GroupBy(e => "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'))
            .ToDictionary(
                g => g.Key,
                g => g.First().Metadata.GetMetadata<ComponentTypeMetadata>()!.Type
                    .GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                    .Select(p => p.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is { } a ? a.Name ?? p.Name : null)
                    .OfType<string>()
                    .ToList());

    [GeneratedRegex(@"\{[^}*]+\}")]
    private static partial Regex RouteParameter();
}
