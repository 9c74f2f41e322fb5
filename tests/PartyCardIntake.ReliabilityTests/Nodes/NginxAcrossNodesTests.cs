using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.ReliabilityTests.Nodes;

/// <summary>
/// nginx with the deploy/ site (TLS with a self-signed certificate) in front of two web nodes on one PostgreSQL,
/// as a province server runs it: a browser kept on one node by its session cookie (its circuits live there),
/// HTTPS cookies and HSTS, the client's address in the audit trail, and the browser's node killed and started
/// again under a signed-in user.
/// </summary>
public sealed class NginxAcrossNodesTests(NginxAcrossNodesTests.Site site) : IClassFixture<NginxAcrossNodesTests.Site>
{
    /// <summary>The "client machine": another loopback address than nginx's own, so that forwarding shows.</summary>
    private static readonly IPAddress ClientAddress = IPAddress.Parse("127.0.0.5");

    [Fact]
    public async Task A_session_works_on_both_nodes_in_turn_and_survives_one_node_being_killed_and_restarted()
    {
        var (client, cookies) = Client();
        using (client)
        {
            await SignInClient.SignInAsync(client, DemoAccounts.Officer);
            var jar = cookies.GetAllCookies();
            jar.Should().Contain(c => c.Name == "__Host-pci.session" && c.Secure && c.HttpOnly, "behind TLS the session cookie is a __Host- cookie");
            jar.Should().Contain(c => c.Name == "__Host-pci.antiforgery" && c.Secure);
            (await LastSignInAddressAsync()).Should().Be(ClientAddress.ToString(), "the audit names the client, not the proxy");

            var nodes = await PagesAsync(client, 10);
            nodes.Distinct().Should().ContainSingle("a browser stays on one node, where its circuits live: {0}", string.Join(",", nodes));
            var home = nodes[0];
            var mine = home == "a" ? site.Pair.A : site.Pair.B;
            var otherName = home == "a" ? "b" : "a";

            await mine.KillAsync();
            (await PagesAsync(client, 10)).Should().OnlyContain(n => n == otherName, "nginx passes the browser of the dead node to the other one, still signed in");

            await mine.StartAsync();
            var deadline = DateTime.UtcNow.AddSeconds(40);
            var after = new List<string>();
            while (!after.Contains(home) && DateTime.UtcNow < deadline)
            {
                // The killed node is tried again once nginx's fail_timeout (10 s) has passed; consistent hashing
                // then gives the browser back to it.
                after.AddRange(await PagesAsync(client, 2));
                await Task.Delay(500);
            }

            after.Should().Contain(home, "the restarted node serves the same session again");
        }
    }

    [Fact]
    public async Task An_open_page_whose_node_dies_comes_back_on_the_other_node_still_signed_in()
    {
        using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PARTYCARD_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", "--no-first-run", $"--host-resolver-rules=MAP {NginxSite.HostName} 127.0.0.1",
            ],
        });
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = $"https://{NginxSite.HostName}:{site.Nginx.TlsPort}/",
            IgnoreHTTPSErrors = true,
            Locale = "vi-VN",
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, m) => console.Add(m.Type + ": " + m.Text);
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("Tên đăng nhập").FillAsync(DemoAccounts.Lead);
        await page.GetByLabel("Mật khẩu").FillAsync(PartyCardAppFactory.DemoPassword);
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        try
        {
            await Microsoft.Playwright.Assertions.Expect(page.Locator("main[data-interactive='true']")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        }
        catch (Microsoft.Playwright.PlaywrightException e)
        {
            throw new InvalidOperationException($"No circuit at {page.Url}: {string.Join(" | ", console)}", e);
        }

        var home = await page.EvaluateAsync<string>("fetch('/').then(r => r.headers.get('X-Node'))");
        await page.EvaluateAsync("window.beforeTheNodeDied = true");
        var mine = home == "a" ? site.Pair.A : site.Pair.B;
        await mine.KillAsync();

        // The circuit is gone with its node; the other node refuses to resume it, and the page loads itself again there.
        await page.WaitForFunctionAsync("() => window.beforeTheNodeDied === undefined", null, new() { Timeout = 60_000 });
        await Microsoft.Playwright.Assertions.Expect(page.Locator("main[data-interactive='true']")).ToBeVisibleAsync();
        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("home-heading")).ToBeVisibleAsync();
        page.Url.Should().NotContain("/account/signin", "the session lives in the database, not in the dead node");
        (await page.EvaluateAsync<string>("fetch('/').then(r => r.headers.get('X-Node'))")).Should().NotBe(home);

        await mine.StartAsync();
        await context.CloseAsync();
    }

    [Fact]
    public async Task Plain_http_is_sent_to_https_and_answers_over_https_carry_hsts()
    {
        using var plain = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{site.Nginx.PlainPort}/members?page=2");
        request.Headers.Host = NginxSite.HostName;
        using (var redirect = await plain.SendAsync(request))
        {
            redirect.StatusCode.Should().Be(HttpStatusCode.MovedPermanently);
            redirect.Headers.Location.Should().Be(new Uri($"https://{NginxSite.HostName}/members?page=2"));
        }

        var (client, _) = Client();
        using (client)
        {
            using var page = await client.GetAsync("/account/signin");
            page.StatusCode.Should().Be(HttpStatusCode.OK);
            page.Headers.GetValues("Strict-Transport-Security").Single().Should().Contain("max-age=31536000");
            page.Headers.CacheControl!.NoStore.Should().BeTrue();
        }
    }

    /// <summary>GETs the home page <paramref name="count"/> times; each must succeed. Returns the answering nodes.</summary>
    private static async Task<List<string>> PagesAsync(HttpClient client, int count)
    {
        var nodes = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync("/");
            response.StatusCode.Should().Be(HttpStatusCode.OK, "request {0} of {1}", i + 1, count);
            nodes.Add(response.Headers.GetValues("X-Node").Single());
        }

        return nodes;
    }

    private async Task<string?> LastSignInAddressAsync()
    {
        await using var db = site.Pair.Database.CreateContext(DataScope.System);
        return await db.AuditEntries
            .Where(e => e.Action == AuditAction.SignIn && e.UserName == DemoAccounts.Officer)
            .OrderByDescending(e => e.Id)
            .Select(e => e.Address)
            .FirstAsync();
    }

    /// <summary>
    /// A browser on <see cref="ClientAddress"/> that reaches https://intake.test (nginx on loopback) and trusts
    /// the site's own certificate and no other.
    /// </summary>
    private (HttpClient Client, CookieContainer Cookies) Client()
    {
        var cookies = new CookieContainer();
        var expected = site.Nginx.Certificate.GetCertHashString();
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = cookies,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(ClientAddress, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == expected,
            },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri($"https://{NginxSite.HostName}:{site.Nginx.TlsPort}/") };
        return (client, cookies);
    }

    /// <summary>Two nodes with HTTPS required (as in production) behind nginx.</summary>
    public sealed class Site : IAsyncLifetime
    {
        public NodePair Pair { get; private set; } = null!;

        public NginxSite Nginx { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Pair = await NodePair.StartAsync(new Dictionary<string, string?> { ["Security:RequireHttps"] = "true" });
            Nginx = await NginxSite.StartAsync([Pair.A.Port, Pair.B.Port]);
        }

        public async Task DisposeAsync()
        {
            if (Nginx is not null)
            {
                await Nginx.DisposeAsync();
            }

            if (Pair is not null)
            {
                await Pair.DisposeAsync();
            }
        }
    }
}
