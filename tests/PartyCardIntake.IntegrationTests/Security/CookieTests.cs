using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Security;

/// <summary>Cookie names and flags over plain http (the demo on this machine) and over HTTPS (production).</summary>
public sealed class CookieTests
{
    [Collection(SqliteApp.Collection)]
    public sealed class OverHttp(SqliteApp app)
    {
        [Fact]
        public async Task The_demo_keeps_its_cookie_names_and_sends_no_hsts()
        {
            using var client = app.CreateBrowserClient();
            using var form = await client.GetAsync("/account/signin");
            form.Headers.Contains("Strict-Transport-Security").Should().BeFalse();
            var antiforgery = Cookies(form).Should().ContainSingle(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).Subject.ToLowerInvariant();
            antiforgery.Should().Contain("httponly").And.Contain("samesite=strict").And.NotContain("secure");

            var token = SignInClient.AntiforgeryToken(await form.Content.ReadAsStringAsync());
            using var signIn = await client.PostAsync("/account/signin", SignInForm(token));

            signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
            var session = Cookies(signIn).Should().ContainSingle(c => c.StartsWith("pci.session=", StringComparison.Ordinal)).Subject.ToLowerInvariant();
            session.Should().Contain("httponly").And.Contain("samesite=lax").And.NotContain("secure");
        }

        [Fact]
        public async Task The_two_factor_step_uses_a_cookie_of_the_apps_own_name()
        {
            var userName = await TwoFactorUserAsync(app.Factory);
            using var client = app.CreateBrowserClient();

            using var signIn = await SignInClient.PostSignInAsync(client, userName, PartyCardAppFactory.DemoPassword);

            var cookie = Cookies(signIn).Should().ContainSingle(c => c.StartsWith("pci.2fa=", StringComparison.Ordinal)).Subject.ToLowerInvariant();
            cookie.Should().Contain("httponly").And.Contain("samesite=lax").And.Contain("path=/;").And.NotContain("secure");
            Cookies(signIn).Should().NotContain(c => c.StartsWith("pci.session=", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Over_https_the_two_factor_cookie_is_a_secure_host_cookie_too()
    {
        await using var factory = new PartyCardAppFactory(DatabaseProvider.Sqlite);
        factory.Set("Security:RequireHttps", "true");
        factory.Set("https_port", "443");
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://partycard.example"),
            AllowAutoRedirect = false,
        });
        var userName = await TwoFactorUserAsync(factory);

        using var signIn = await SignInClient.PostSignInAsync(client, userName, PartyCardAppFactory.DemoPassword);

        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var cookie = Cookies(signIn).Should().ContainSingle(c => c.StartsWith("__Host-pci.2fa=", StringComparison.Ordinal)).Subject.ToLowerInvariant();
        cookie.Should().Contain("secure").And.Contain("path=/;").And.Contain("httponly").And.NotContain("domain=");
    }

    /// <summary>An administrator who turned on two-factor sign-in, made directly through Identity.</summary>
    private static async Task<string> TwoFactorUserAsync(PartyCardAppFactory factory)
    {
        int province;
        await using (var db = factory.Database.CreateContext(DataScope.System))
        {
            province = await db.Provinces.Select(p => p.Id).FirstAsync();
        }

        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = "tk.2fa." + Guid.NewGuid().ToString("N")[..8], DisplayName = "Thử hai bước", ProvinceId = province };
        (await users.CreateAsync(user, PartyCardAppFactory.DemoPassword)).Succeeded.Should().BeTrue();
        (await users.AddToRoleAsync(user, AppRoles.Admin)).Succeeded.Should().BeTrue();
        (await users.ResetAuthenticatorKeyAsync(user)).Succeeded.Should().BeTrue();
        (await users.SetTwoFactorEnabledAsync(user, true)).Succeeded.Should().BeTrue();
        return user.UserName;
    }

    [Fact]
    public async Task Over_https_the_cookies_are_secure_host_cookies_and_http_is_redirected()
    {
        await using var factory = new PartyCardAppFactory(DatabaseProvider.Sqlite);
        factory.Set("Security:RequireHttps", "true");
        factory.Set("https_port", "443");
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://partycard.example"),
            AllowAutoRedirect = false,
        });

        using var form = await client.GetAsync("/account/signin");
        form.StatusCode.Should().Be(HttpStatusCode.OK);
        form.Headers.GetValues("Strict-Transport-Security").Should().ContainSingle().Which.Should().StartWith("max-age=31536000");
        var antiforgery = Cookies(form).Should().ContainSingle(c => c.StartsWith("__Host-pci.antiforgery=", StringComparison.Ordinal)).Subject.ToLowerInvariant();
        antiforgery.Should().Contain("secure").And.Contain("path=/;").And.Contain("httponly").And.NotContain("domain=");

        var token = SignInClient.AntiforgeryToken(await form.Content.ReadAsStringAsync());
        using var signIn = await client.PostAsync("/account/signin", SignInForm(token));
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var session = Cookies(signIn).Should().ContainSingle(c => c.StartsWith("__Host-pci.session=", StringComparison.Ordinal)).Subject.ToLowerInvariant();
        session.Should().Contain("secure").And.Contain("path=/;").And.Contain("httponly").And.Contain("samesite=lax").And.NotContain("domain=");

        using var plain = await client.GetAsync(new Uri("http://partycard.example/account/signin"));
        plain.StatusCode.Should().Be(HttpStatusCode.TemporaryRedirect);
        plain.Headers.Location.Should().Be(new Uri("https://partycard.example/account/signin"));
    }

    private static FormUrlEncodedContent SignInForm(string token) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = token,
        ["_handler"] = "signin",
        ["Input.UserName"] = DemoAccounts.Province,
        ["Input.Password"] = PartyCardAppFactory.DemoPassword,
    });

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
}
