using System.Net;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Security;

/// <summary>Browser protections and caching rules on pages, API answers and static files; pages free of inline script and style.</summary>
[Collection(SqliteApp.Collection)]
public sealed class SecurityHeaderTests(SqliteApp app)
{
    // Scripts only from the site; style elements and attributes inline allowed for MudBlazor (docs/operations.md).
    private const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; style-src-elem 'self' 'unsafe-inline'; style-src-attr 'unsafe-inline'; "
        + "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; font-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    [Theory]
    [InlineData("/account/signin")]
    [InlineData("/api/v1/me")]
    [InlineData("/health/live")]
    [InlineData("/not-a-page")]
    public async Task Pages_and_endpoints_carry_the_protections_and_are_never_stored(string path)
    {
        using var client = app.CreateBrowserClient();

        using var response = await client.GetAsync(path);

        ShouldProtect(response);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task A_signed_in_page_is_never_stored()
    {
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);

        using var response = await lead.GetAsync("/review");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ShouldProtect(response);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Theory]
    [InlineData("/css/notice.css")]
    [InlineData("/js/start.js")]
    [InlineData("/lib/signature_pad/signature_pad.umd.min.js")]
    public async Task Static_files_carry_the_protections_and_may_be_cached(string path)
    {
        using var client = app.CreateBrowserClient();

        using var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ShouldProtect(response);
        // Files of the build's asset manifest are revalidated by their ETag (or kept for good under a fingerprinted
        // name); the copied browser libraries for an hour. Never private, never no-store: they hold no personal data.
        response.Headers.CacheControl!.NoStore.Should().BeFalse();
        response.Headers.CacheControl.Private.Should().BeFalse();
        (response.Headers.CacheControl.NoCache || response.Headers.CacheControl.MaxAge > TimeSpan.Zero).Should().BeTrue();
    }

    [Fact]
    public async Task The_sign_in_page_has_no_inline_script_or_style()
    {
        using var client = app.CreateBrowserClient();

        using var response = await client.GetAsync("/account/signin");
        var html = await response.Content.ReadAsStringAsync();

        HtmlInline.Violations(html, Header(response, "Content-Security-Policy")).Should().BeEmpty();
    }

    [Theory]
    [InlineData(DemoAccounts.Officer, "/")]
    [InlineData(DemoAccounts.Officer, "/desk")]
    [InlineData(DemoAccounts.Officer, "/desk/members/{member}")]
    [InlineData(DemoAccounts.Officer, "/home-visits/mine")]
    [InlineData(DemoAccounts.Lead, "/")]
    [InlineData(DemoAccounts.Lead, "/planning")]
    [InlineData(DemoAccounts.Lead, "/planning/missed")]
    [InlineData(DemoAccounts.Lead, "/review")]
    [InlineData(DemoAccounts.Lead, "/sites")]
    [InlineData(DemoAccounts.Lead, "/home-visits")]
    [InlineData(DemoAccounts.Lead, "/reports/daily")]
    [InlineData(DemoAccounts.Lead, "/transmission")]
    [InlineData(DemoAccounts.Committee, "/members")]
    [InlineData(DemoAccounts.Committee, "/members/{member}")]
    [InlineData(DemoAccounts.Committee, "/members/worklist")]
    [InlineData(DemoAccounts.Committee, "/members/import")]
    [InlineData(DemoAccounts.Committee, "/cells")]
    [InlineData(DemoAccounts.Province, "/province")]
    [InlineData(DemoAccounts.Admin, "/campaign")]
    [InlineData(DemoAccounts.Officer, "/account/password")]
    [InlineData(DemoAccounts.Admin, "/account/two-factor")]
    [InlineData(DemoAccounts.Admin, "/admin/users")]
    [InlineData(DemoAccounts.Admin, "/admin/users/new")]
    public async Task The_main_pages_of_each_role_have_no_inline_script_or_style(string user, string path)
    {
        if (path.Contains("{member}", StringComparison.Ordinal))
        {
            await using var db = app.SystemContext();
            var member = await db.PartyMembers.Where(m => m.CommuneId == app.CommuneOne).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
            path = path.Replace("{member}", member.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        using var client = await app.SignedInClientAsync(user);
        if (path == "/desk" || path.StartsWith("/desk/", StringComparison.Ordinal))
        {
            await DeskClient.ChooseStationAsync(client);
        }

        using var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        HtmlInline.Violations(html, Header(response, "Content-Security-Policy")).Should().BeEmpty();
    }

    [Fact]
    public void The_inline_check_finds_what_the_policy_would_block()
    {
        HtmlInline.Violations("""<p style="color:red">x</p>""").Should().ContainSingle();
        HtmlInline.Violations("""<button onclick="go()">x</button>""").Should().ContainSingle();
        HtmlInline.Violations("<script>alert(1)</script>").Should().ContainSingle();
        HtmlInline.Violations("<style>p{}</style>").Should().ContainSingle();
        HtmlInline.Violations("<style>p{}</style>", "style-src-elem 'self' 'unsafe-inline'").Should().BeEmpty();
        HtmlInline.Violations("<script>alert(1)</script>", Policy).Should().ContainSingle("no policy of this site allows inline script");
        HtmlInline.Violations("""<p style="top:1px">x</p>""", "style-src-attr 'unsafe-inline'").Should().BeEmpty();
        HtmlInline.Violations("""<script src="js/desk.js"></script><script type="application/json" id="t">{}</script><p data-style="x" class="one">""")
            .Should().BeEmpty();
    }

    private static void ShouldProtect(HttpResponseMessage response)
    {
        Header(response, "Content-Security-Policy").Should().Be(Policy);
        Header(response, "X-Content-Type-Options").Should().Be("nosniff");
        Header(response, "Referrer-Policy").Should().Be("no-referrer");
        Header(response, "X-Frame-Options").Should().Be("DENY");
        Header(response, "Permissions-Policy").Should().Be("camera=(self), microphone=(), geolocation=()");
        Header(response, "Cross-Origin-Opener-Policy").Should().Be("same-origin");
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
