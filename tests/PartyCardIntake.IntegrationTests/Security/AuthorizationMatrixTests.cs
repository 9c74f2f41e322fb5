using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.IntegrationTests.Web;
using Xunit.Abstractions;

namespace PartyCardIntake.IntegrationTests.Security;

/// <summary>Every route the app maps, tried by every role and by nobody, against <see cref="RouteTable"/>.</summary>
public abstract partial class AuthorizationMatrixTests(AppFixture app, ITestOutputHelper output)
{
    [Fact]
    public void The_table_lists_exactly_the_routes_the_app_maps()
    {
        var mapped = MappedRoutes();
        var listed = RouteTable.Rules.Select(r => r.Key).ToList();

        listed.Should().OnlyHaveUniqueItems();
        mapped.Except(listed).Should().BeEmpty("every mapped route needs a line in RouteTable saying who may use it");
        listed.Except(mapped).Should().BeEmpty("RouteTable should not list routes the app no longer maps");
    }

    [Fact]
    public async Task Every_role_and_nobody_get_exactly_the_access_the_table_gives()
    {
        var ids = await SampleIds.ForCommuneAsync(app, app.CommuneOne);
        var failures = new StringBuilder();
        var cases = 0;
        foreach (var who in Caller.All)
        {
            using var caller = await Caller.SignInAsync(app, who);

            // Signing out ends this caller's session, so it goes last.
            foreach (var rule in RouteTable.Rules.OrderBy(r => r.Pattern == "/account/signout"))
            {
                var path = ids.Path(rule);
                using var response = await caller.SendAsync(rule.Method, path, rule.Form);
                var expected = rule.Allowed.HasFlag(who) ? Outcome.Allowed : Outcome.Denied;
                var actual = Outcomes.Of(response);
                cases++;
                if (actual != expected)
                {
                    failures.AppendLine($"{who}: {rule.Method} {path} expected {expected}, got {actual} ({Outcomes.Describe(response)})");
                }
            }
        }

        output.WriteLine($"{cases} (caller × route) cases: {Caller.All.Count} callers × {RouteTable.Rules.Count} routes.");
        failures.ToString().Should().BeEmpty();
    }

    /// <summary>"METHOD pattern" of every routed endpoint: pages, minimal APIs, health checks, framework files.</summary>
    private List<string> MappedRoutes() =>
        app.Factory.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => !IsStaticAsset(e))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [RouteRule.AnyMethod])
                .Select(method => $"{method} {Normalise(e.RoutePattern.RawText)}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Files of the build's asset manifest (MapStaticAssets: the framework's and MudBlazor's scripts and styles, wwwroot):
    /// public by design, with names that change with every build; <see cref="Static_assets_are_public_files_only"/> covers them.
    /// </summary>
    private static bool IsStaticAsset(Microsoft.AspNetCore.Http.Endpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().Namespace == "Microsoft.AspNetCore.StaticAssets");

    [Fact]
    public void Static_assets_are_public_files_only()
    {
        var assets = app.Factory.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(IsStaticAsset)
            .Select(e => Normalise(e.RoutePattern.RawText))
            .ToList();

        assets.Should().NotBeEmpty().And.Contain("/_framework/blazor.web.js").And.Contain("/_content/MudBlazor/MudBlazor.min.js");
        assets.Should().OnlyContain(
            p => p.StartsWith("/_framework/", StringComparison.Ordinal) || p.StartsWith("/_content/", StringComparison.Ordinal)
                || p.StartsWith("/css/", StringComparison.Ordinal) || p.StartsWith("/js/", StringComparison.Ordinal)
                || p.StartsWith("/lib/", StringComparison.Ordinal) || p.StartsWith("/favicon", StringComparison.Ordinal)
                || (p.StartsWith("/Features/", StringComparison.Ordinal) && ComponentScript().IsMatch(p)),
            "nothing but the site's own files (a component's own script module beside it included) and the packages' assets is served without sign-in");
    }

    /// <summary>A component's JS module beside its .razor file (and its fingerprinted and compressed copies).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^/Features/[A-Za-z]+/[A-Za-z]+(\.[a-z0-9]+)?\.razor\.js(\.gz)?$")]
    private static partial System.Text.RegularExpressions.Regex ComponentScript();

    // Groups and pages may write a pattern with or without its leading slash.
    private static string Normalise(string? pattern) => "/" + (pattern ?? string.Empty).TrimStart('/');

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app, ITestOutputHelper output) : AuthorizationMatrixTests(app, output);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app, ITestOutputHelper output) : AuthorizationMatrixTests(app, output);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app, ITestOutputHelper output) : AuthorizationMatrixTests(app, output);
}
