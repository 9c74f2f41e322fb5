using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Hosting;

/// <summary>
/// Behind nginx every request comes from the proxy; the client's address arrives in X-Forwarded-For. It is
/// believed only from loopback and from the configured proxies, so that nobody else can choose the address the
/// audit trail (and the sign-in rate limit) sees.
/// </summary>
public abstract class ProxyTrustTests(DatabaseProvider provider)
{
    private const string Client = "198.51.100.23";

    /// <summary>Test-only header: the address the request seems to come from (the test server has no sockets).</summary>
    private const string PeerHeader = "X-Test-Peer";

    [Fact]
    public async Task The_audit_records_the_forwarded_client_address_only_when_a_trusted_proxy_sends_it()
    {
        await using var app = new PartyCardAppFactory(provider);
        app.Set("ForwardedHeaders:KnownProxies:0", "10.9.8.7");
        app.Set("ForwardedHeaders:KnownNetworks:0", "192.168.50.0/24");
        app.Set("Node:Name", "node a!");
        app.Set("Node:SendNameHeader", "true");
        var peers = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddTransient<IStartupFilter, PeerFromHeader>()));
        using var client = peers.CreateClient();

        (await FailedSignInAddressAsync(client, app, "127.0.0.1")).Should().Be(Client, "nginx on the same machine is trusted");
        (await FailedSignInAddressAsync(client, app, "10.9.8.7")).Should().Be(Client, "a configured proxy is trusted");
        (await FailedSignInAddressAsync(client, app, "192.168.50.14")).Should().Be(Client, "a configured proxy network is trusted");
        (await FailedSignInAddressAsync(client, app, "203.0.113.50")).Should().Be("203.0.113.50", "anyone else's header is ignored");

        using var answer = await client.GetAsync("/health/live");
        answer.Headers.GetValues("X-Node").Should().Equal(["nodea"], "the node names itself when asked to, in header-safe characters");
    }

    [Fact]
    public async Task A_node_does_not_name_itself_unless_configured_to()
    {
        await using var app = new PartyCardAppFactory(provider);
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/health/live");
        response.Headers.Contains("X-Node").Should().BeFalse();
    }

    /// <summary>A token request for an unknown user from <paramref name="peer"/>, forwarding <see cref="Client"/>: the address its audit entry names.</summary>
    private static async Task<string?> FailedSignInAddressAsync(HttpClient client, PartyCardAppFactory app, string peer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
        {
            Content = JsonContent.Create(new { userName = "khong.co.ai", password = "sai-mat-khau-roi" }),
        };
        request.Headers.Add(PeerHeader, peer);
        request.Headers.Add("X-Forwarded-For", Client);
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await using var db = app.Database.CreateContext(DataScope.System);
        return await db.AuditEntries
            .Where(e => e.Action == AuditAction.SignInFailed)
            .OrderByDescending(e => e.Id)
            .Select(e => e.Address)
            .FirstAsync();
    }

    /// <summary>Sets the connection's remote address from <see cref="PeerHeader"/> before the application's own pipeline.</summary>
    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[PeerHeader], out var peer))
                {
                    context.Connection.RemoteIpAddress = peer;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }

    public sealed class OnSqlite() : ProxyTrustTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : ProxyTrustTests(DatabaseProvider.PostgreSql);

    public sealed class OnSqlServer() : ProxyTrustTests(DatabaseProvider.SqlServer);
}
