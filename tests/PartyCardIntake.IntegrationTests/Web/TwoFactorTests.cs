using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.IntegrationTests.Security;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Web;

/// <summary>Administrators and province viewers add a code from an authenticator app to their sign-in.</summary>
public abstract partial class TwoFactorTests(AppFixture app)
{
    [Fact]
    public async Task An_administrator_enrols_and_then_signs_in_with_a_code_computed_from_the_shared_key()
    {
        var (userName, key, recoveryCodes) = await EnrolledAsync(AppRoles.Admin);
        recoveryCodes.Should().HaveCount(10).And.OnlyHaveUniqueItems().And.OnlyContain(c => RecoveryCodePattern().IsMatch(c));

        using var client = app.CreateBrowserClient();
        using var password = await SignInClient.PostSignInAsync(client, userName, PartyCardAppFactory.DemoPassword);
        password.StatusCode.Should().Be(HttpStatusCode.Redirect);
        password.Target().Should().Be("/account/signin/code");
        (await client.GetAsync("/")).Target().Should().Contain("/account/signin?ReturnUrl", "the password alone signs nobody in");

        using var code = await PostCodeAsync(client, Totp.Code(key));

        code.StatusCode.Should().Be(HttpStatusCode.Redirect);
        code.Target().Should().Be("/");
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
        var audit = await LastSignInEntriesAsync(userName);
        audit.Should().StartWith((AuditAction.SignIn, "POST /account/signin/code"));
    }

    [Fact]
    public async Task A_province_viewer_may_enrol_and_commune_users_are_not_offered_it()
    {
        var (userName, key, _) = await EnrolledAsync(AppRoles.ProvinceViewer);
        using var client = app.CreateBrowserClient();
        await SignInClient.PostSignInAsync(client, userName, PartyCardAppFactory.DemoPassword);
        (await PostCodeAsync(client, Totp.Code(key))).Target().Should().Be("/");

        using var officer = await app.SignedInClientAsync(Core.Demo.DemoAccounts.Officer);
        // The account menu offers the page by the same role list (UserMenu); the page itself refuses others.
        PartyCardIntake.Web.Features.Account.TwoFactorSetup.Roles.Should().BeEquivalentTo([AppRoles.Admin, AppRoles.ProvinceViewer]);
        (await officer.GetAsync("/account/two-factor")).Target().Should().Contain("/account/denied");
    }

    [Fact]
    public async Task A_wrong_code_is_refused_in_vietnamese_and_counts_toward_the_lockout()
    {
        var (userName, key, _) = await EnrolledAsync(AppRoles.Admin);
        using var client = app.CreateBrowserClient();
        await SignInClient.PostSignInAsync(client, userName, PartyCardAppFactory.DemoPassword);
        var wrong = Totp.Code(key) == "000000" ? "111111" : "000000";

        using var response = await PostCodeAsync(client, wrong);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Mã xác thực không đúng");
        (await TestAccounts.FindAsync(app, userName)).AccessFailedCount.Should().Be(1);
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await LastSignInEntriesAsync(userName)).Should().StartWith((AuditAction.SignInFailed, "POST /account/signin/code"));

        for (var i = 0; i < 4; i++)
        {
            using var again = await PostCodeAsync(client, wrong);
        }

        using var locked = await PostCodeAsync(client, Totp.Code(key));
        (await locked.Content.ReadAsStringAsync()).Should().Contain("Tài khoản đã bị tạm khóa");
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_only()
    {
        var (userName, _, recoveryCodes) = await EnrolledAsync(AppRoles.Admin);

        using (var first = app.CreateBrowserClient())
        {
            await SignInClient.PostSignInAsync(first, userName, PartyCardAppFactory.DemoPassword);
            using var used = await PostCodeAsync(first, recoveryCodes[0].ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
            used.Target().Should().Be("/");
            (await first.GetStringAsync("/account/two-factor")).Should().Contain("Còn 9 mã khôi phục");
        }

        using var second = app.CreateBrowserClient();
        await SignInClient.PostSignInAsync(second, userName, PartyCardAppFactory.DemoPassword);
        using var reused = await PostCodeAsync(second, recoveryCodes[0]);
        reused.StatusCode.Should().Be(HttpStatusCode.OK);
        (await reused.Content.ReadAsStringAsync()).Should().Contain("Mã xác thực không đúng");
        using var other = await PostCodeAsync(second, recoveryCodes[1]);
        other.Target().Should().Be("/");
    }

    [Fact]
    public async Task The_token_endpoint_asks_a_two_factor_user_for_the_code()
    {
        var (userName, key, _) = await EnrolledAsync(AppRoles.Admin);
        using var client = app.Factory.CreateClient();

        using var without = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = PartyCardAppFactory.DemoPassword });
        without.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await without.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Be("Cần mã xác thực hai bước đúng.");

        var wrongCode = Totp.Code(key) == "123456" ? "654321" : "123456";
        using var wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = PartyCardAppFactory.DemoPassword, twoFactorCode = wrongCode });
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await TestAccounts.FindAsync(app, userName)).AccessFailedCount.Should().Be(1);

        using var right = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = PartyCardAppFactory.DemoPassword, twoFactorCode = Totp.Code(key) });
        right.StatusCode.Should().Be(HttpStatusCode.OK);
        (await right.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString().Should().NotBeNullOrEmpty();

        // A right code with a wrong password gets nothing.
        using var badPassword = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = "khong-dung-mat-khau", twoFactorCode = Totp.Code(key) });
        badPassword.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_setup_page_shows_the_key_in_groups_and_an_inline_qr_code_within_the_policy()
    {
        var userName = await TestAccounts.CreateAsync(app, AppRoles.Admin);
        using var client = await app.SignedInClientAsync(userName);
        (await client.GetStringAsync("/account/two-factor")).Should().Contain("Xác thực hai bước đang tắt.");

        using var start = await SignInClient.PostPageFormAsync(client, "/account/two-factor", "two-factor-start", []);
        var html = await start.Content.ReadAsStringAsync();

        start.StatusCode.Should().Be(HttpStatusCode.OK);
        KeyPattern().Match(html).Groups[1].Value.Should().MatchRegex("^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$");
        var qr = QrPattern().Match(html);
        qr.Success.Should().BeTrue();
        qr.Value.Should().Contain("<svg").And.Contain("<path").And.NotContain("style=").And.NotContain("data:");
        HtmlInline.Violations(html, start.Headers.GetValues("Content-Security-Policy").Single()).Should().BeEmpty();

        // A wrong code keeps two-factor off and shows the same key again.
        var key = KeyPattern().Match(html).Groups[1].Value;
        using var wrong = await SignInClient.PostPageFormAsync(client, "/account/two-factor", "two-factor-confirm", new() { ["Confirm.Code"] = Totp.Code(key) == "000000" ? "111111" : "000000" });
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        wrongHtml.Should().Contain("Mã không đúng.");
        KeyPattern().Match(wrongHtml).Groups[1].Value.Should().Be(key);
        (await TestAccounts.FindAsync(app, userName)).TwoFactorEnabled.Should().BeFalse();
    }

    [Fact]
    public async Task Turning_two_factor_off_needs_a_right_code_and_then_the_password_alone_signs_in()
    {
        var (userName, key, _) = await EnrolledAsync(AppRoles.Admin);
        using var client = app.CreateBrowserClient();
        await SignInClient.PostSignInAsync(client, userName, PartyCardAppFactory.DemoPassword);
        await PostCodeAsync(client, Totp.Code(key));

        using var wrong = await SignInClient.PostPageFormAsync(client, "/account/two-factor", "two-factor-disable", new() { ["Disable.Code"] = "12" });
        (await wrong.Content.ReadAsStringAsync()).Should().Contain("Mã không đúng.");
        (await TestAccounts.FindAsync(app, userName)).TwoFactorEnabled.Should().BeTrue();

        using var off = await SignInClient.PostPageFormAsync(client, "/account/two-factor", "two-factor-disable", new() { ["Disable.Code"] = Totp.Code(key) });
        (await off.Content.ReadAsStringAsync()).Should().Contain("Đã tắt xác thực hai bước");
        (await TestAccounts.FindAsync(app, userName)).TwoFactorEnabled.Should().BeFalse();
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK, "turning it off keeps this browser signed in");

        using var again = app.CreateBrowserClient();
        using var signIn = await SignInClient.PostSignInAsync(again, userName, PartyCardAppFactory.DemoPassword);
        signIn.Target().Should().Be("/");
    }

    [Fact]
    public async Task An_administrator_turns_off_the_two_factor_sign_in_of_a_user_who_lost_their_phone()
    {
        var (userName, key, recoveryCodes) = await EnrolledAsync(AppRoles.ProvinceViewer);
        using var user = app.CreateBrowserClient();
        await SignInClient.PostSignInAsync(user, userName, PartyCardAppFactory.DemoPassword);
        (await PostCodeAsync(user, Totp.Code(key))).Target().Should().Be("/");
        var id = (await TestAccounts.FindAsync(app, userName)).Id;
        await using var admin = await Users.AsUser.CreateAsync(app, Core.Demo.DemoAccounts.Admin);
        (await admin.Get<global::PartyCardIntake.Web.Features.Users.UserQueries>().FindAsync(id))!.TwoFactorEnabled.Should().BeTrue();

        (await admin.Get<global::PartyCardIntake.Web.Features.Users.UserAdmin>().TurnOffTwoFactorAsync(id)).Succeeded.Should().BeTrue();

        var after = await TestAccounts.FindAsync(app, userName);
        after.TwoFactorEnabled.Should().BeFalse();
        (await Users.UserAdminClient.SessionCountAsync(app, id)).Should().Be(0, "whoever holds the lost phone may be signed in");
        (await user.GetAsync("/")).Target().Should().Contain("/account/signin");
        (await admin.Get<global::PartyCardIntake.Web.Features.Users.UserQueries>().FindAsync(id))!.TwoFactorEnabled.Should().BeFalse();

        // The password alone signs in now; the old key and recovery codes are worth nothing if it is turned on again.
        using var again = app.CreateBrowserClient();
        (await SignInClient.PostSignInAsync(again, userName, PartyCardAppFactory.DemoPassword)).Target().Should().Be("/");
        (await again.GetStringAsync("/account/two-factor")).Should().Contain("Xác thực hai bước đang tắt.");
        await using (var db = app.SystemContext())
        {
            var tokens = await db.UserTokens.Where(t => t.UserId == id).ToDictionaryAsync(t => t.Name, t => t.Value);
            tokens.Should().NotContainValue(Base32Key(key));
            tokens.GetValueOrDefault("RecoveryCodes").Should().BeNullOrEmpty();
            recoveryCodes.Should().NotBeEmpty();
            var entry = await db.AuditEntries.Where(e => e.Action == AuditAction.Admin).OrderByDescending(e => e.Id).FirstAsync();
            entry.Target.Should().Contain($"user={id} two-factor-off");
        }
    }

    [Fact]
    public async Task An_administrator_cannot_turn_off_their_own_two_factor_sign_in_from_the_users_page()
    {
        var (userName, key, _) = await EnrolledAsync(AppRoles.Admin);
        using var browser = app.CreateBrowserClient();
        await SignInClient.PostSignInAsync(browser, userName, PartyCardAppFactory.DemoPassword);
        (await PostCodeAsync(browser, Totp.Code(key))).Target().Should().Be("/");
        var id = (await TestAccounts.FindAsync(app, userName)).Id;
        await using var admin = await Users.AsUser.CreateAsync(app, userName);

        var off = await admin.Get<global::PartyCardIntake.Web.Features.Users.UserAdmin>().TurnOffTwoFactorAsync(id);

        off.Error.Should().Be(global::PartyCardIntake.Web.Features.Users.UserError.Self);
        (await TestAccounts.FindAsync(app, userName)).TwoFactorEnabled.Should().BeTrue();
    }

    private static string Base32Key(string grouped) => grouped.Replace(" ", string.Empty, StringComparison.Ordinal);

    [Fact]
    public async Task The_code_page_without_a_right_password_first_goes_back_to_sign_in()
    {
        using var client = app.CreateBrowserClient();

        using var response = await client.GetAsync("/account/signin/code");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Target().Should().Be("/account/signin");
    }

    /// <summary>A fresh user of <paramref name="role"/> who turned two-factor sign-in on through the page, as a person would.</summary>
    private async Task<(string UserName, string Key, IReadOnlyList<string> RecoveryCodes)> EnrolledAsync(string role)
    {
        var userName = await TestAccounts.CreateAsync(app, role);
        using var client = await app.SignedInClientAsync(userName);
        using var start = await SignInClient.PostPageFormAsync(client, "/account/two-factor", "two-factor-start", []);
        var key = KeyPattern().Match(await start.Content.ReadAsStringAsync()).Groups[1].Value;
        key.Should().NotBeEmpty();

        using var confirm = await SignInClient.PostPageFormAsync(client, "/account/two-factor", "two-factor-confirm", new() { ["Confirm.Code"] = Totp.Code(key) });
        var html = await confirm.Content.ReadAsStringAsync();
        html.Should().Contain("Đã bật xác thực hai bước.");
        var codes = RecoveryCodeItem().Matches(html).Select(m => m.Groups[1].Value).ToList();

        // Enrolling re-issued this browser's sign-in: it stays usable.
        (await client.GetAsync("/account/two-factor")).StatusCode.Should().Be(HttpStatusCode.OK);
        return (userName, key, codes);
    }

    private static Task<HttpResponseMessage> PostCodeAsync(HttpClient client, string code) =>
        SignInClient.PostPageFormAsync(client, "/account/signin/code", "signin-code", new() { ["Input.Code"] = code });

    private async Task<List<(AuditAction, string)>> LastSignInEntriesAsync(string userName)
    {
        await using var db = app.SystemContext();
        var entries = await db.AuditEntries.Where(e => e.UserName == userName && (e.Action == AuditAction.SignIn || e.Action == AuditAction.SignInFailed))
            .OrderByDescending(e => e.Id).Select(e => new { e.Action, e.Target }).Take(3).ToListAsync();
        return entries.Select(e => (e.Action, e.Target ?? string.Empty)).ToList();
    }

    [GeneratedRegex("data-testid=\"two-factor-key\"[^>]*>([A-Z2-7 ]+)<")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("data-testid=\"two-factor-qr\">(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex QrPattern();

    [GeneratedRegex("<li[^>]*>([A-Z0-9]{5}-[A-Z0-9]{5})</li>")]
    private static partial Regex RecoveryCodeItem();

    [GeneratedRegex("^[2-9A-Z]{5}-[2-9A-Z]{5}$")]
    private static partial Regex RecoveryCodePattern();

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : TwoFactorTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : TwoFactorTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : TwoFactorTests(app);
}
