using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Web;

/// <summary>A user whose password an Admin set must choose a new one before anything else; the rules a new one must meet.</summary>
public abstract class PasswordChangeTests(AppFixture app)
{
    private const string GoodPassword = "trâu già gặm cỏ non 1975";

    [Fact]
    public async Task A_user_who_must_change_the_password_is_sent_to_the_change_page_from_every_page()
    {
        var userName = await TestAccounts.CreateAsync(app, AppRoles.StationLead, mustChangePassword: true);
        using var client = app.CreateBrowserClient();

        using var signIn = await SignInClient.PostSignInAsync(client, userName, PartyCardAppFactory.DemoPassword);
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signIn.Target().Should().Be("/account/password");

        foreach (var path in new[] { "/", "/members", "/review", "/planning", "/account/two-factor" })
        {
            using var page = await client.GetAsync(path);
            page.StatusCode.Should().Be(HttpStatusCode.Redirect, path);
            page.Target().Should().Be("/account/password", path);
        }

        using var api = await client.GetAsync("/api/v1/me");
        api.StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var form = await client.GetStringAsync("/account/password");
        form.Should().Contain("data-testid=\"password-forced\"").And.Contain("Mật khẩu hiện tại");
        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/css/notice.css")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_common_password_is_refused_with_a_vietnamese_message()
    {
        var (client, userName) = await FlaggedUserSignedInAsync();

        var html = await ChangeAsync(client, PartyCardAppFactory.DemoPassword, "password1234");

        html.Should().Contain("data-testid=\"password-errors\"").And.Contain("Mật khẩu này quá phổ biến");
        (await TestAccounts.FindAsync(app, userName)).MustChangePassword.Should().BeTrue();
        (await client.GetAsync("/")).Target().Should().Be("/account/password");
        client.Dispose();
    }

    [Fact]
    public async Task A_password_containing_the_user_name_is_refused()
    {
        var (client, userName) = await FlaggedUserSignedInAsync();

        var html = await ChangeAsync(client, PartyCardAppFactory.DemoPassword, $"toi la {userName} o phu tho");

        html.Should().Contain("Mật khẩu không được chứa tên đăng nhập");
        (await TestAccounts.FindAsync(app, userName)).MustChangePassword.Should().BeTrue();
        client.Dispose();
    }

    [Fact]
    public async Task Short_wrong_and_mismatched_entries_are_refused_in_vietnamese()
    {
        var (client, _) = await FlaggedUserSignedInAsync();

        (await ChangeAsync(client, PartyCardAppFactory.DemoPassword, "ngắn quá")).Should().Contain("Mật khẩu phải dài ít nhất 12 ký tự.");
        (await ChangeAsync(client, "khong-phai-mat-khau-nay", GoodPassword)).Should().Contain("Mật khẩu hiện tại không đúng.");
        (await ChangeAsync(client, PartyCardAppFactory.DemoPassword, GoodPassword, repeat: GoodPassword + "x")).Should().Contain("Hai lần nhập mật khẩu mới không khớp nhau.");
        (await ChangeAsync(client, PartyCardAppFactory.DemoPassword, PartyCardAppFactory.DemoPassword)).Should().Contain("Mật khẩu mới phải khác mật khẩu hiện tại.");
        client.Dispose();
    }

    [Fact]
    public async Task A_good_password_clears_the_flag_and_the_pages_open()
    {
        var (client, userName) = await FlaggedUserSignedInAsync();

        using var response = await PostChangeAsync(client, PartyCardAppFactory.DemoPassword, GoodPassword);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Target().Should().Be("/account/password?changed=true");
        (await client.GetStringAsync("/account/password?changed=true")).Should().Contain("Đã đổi mật khẩu.").And.NotContain("password-forced");
        (await TestAccounts.FindAsync(app, userName)).MustChangePassword.Should().BeFalse();
        using (var home = await client.GetAsync("/"))
        {
            home.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await client.GetAsync("/members")).StatusCode.Should().Be(HttpStatusCode.OK);

        // The new password is the one that signs in now.
        using var again = app.CreateBrowserClient();
        (await SignInClient.PostSignInAsync(again, userName, PartyCardAppFactory.DemoPassword)).StatusCode.Should().Be(HttpStatusCode.OK);
        using var signIn = await SignInClient.PostSignInAsync(again, userName, GoodPassword);
        signIn.Target().Should().Be("/");
        client.Dispose();
    }

    [Fact]
    public async Task Changing_the_password_ends_the_users_other_sessions_but_not_this_one()
    {
        var userName = await TestAccounts.CreateAsync(app, AppRoles.WardCommittee);
        using var other = await app.SignedInClientAsync(userName);
        using var here = await app.SignedInClientAsync(userName);
        using var someoneElse = await app.SignedInClientAsync(Core.Demo.DemoAccounts.Committee);
        var userId = (await TestAccounts.FindAsync(app, userName)).Id;
        await using (var db = app.SystemContext())
        {
            (await db.UserSessions.CountAsync(s => s.UserId == userId)).Should().Be(2);
        }

        using var response = await PostChangeAsync(here, PartyCardAppFactory.DemoPassword, GoodPassword);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);

        using var otherPage = await other.GetAsync("/members");
        otherPage.StatusCode.Should().Be(HttpStatusCode.Redirect);
        otherPage.Target().Should().Contain("/account/signin");
        (await here.GetAsync("/members")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await someoneElse.GetAsync("/members")).StatusCode.Should().Be(HttpStatusCode.OK);
        await using (var db = app.SystemContext())
        {
            (await db.UserSessions.CountAsync(s => s.UserId == userId)).Should().Be(1);
        }
    }

    [Fact]
    public async Task Signing_in_as_someone_else_in_the_same_browser_moves_the_session_to_them()
    {
        var first = await TestAccounts.CreateAsync(app, AppRoles.WardCommittee);
        var second = await TestAccounts.CreateAsync(app, AppRoles.WardCommittee);
        using var client = await app.SignedInClientAsync(first);

        await SignInClient.SignInAsync(client, second);

        var (firstId, secondId) = ((await TestAccounts.FindAsync(app, first)).Id, (await TestAccounts.FindAsync(app, second)).Id);
        await using var db = app.SystemContext();
        (await db.UserSessions.CountAsync(s => s.UserId == firstId)).Should().Be(0);
        (await db.UserSessions.CountAsync(s => s.UserId == secondId)).Should().Be(1);
    }

    [Fact]
    public async Task The_token_endpoint_refuses_a_user_who_must_change_the_password()
    {
        var userName = await TestAccounts.CreateAsync(app, AppRoles.StationLead, mustChangePassword: true);
        using var client = app.Factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = PartyCardAppFactory.DemoPassword });

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("title").GetString().Should().Be("Bạn phải đổi mật khẩu trước khi dùng API.");
        problem.GetProperty("detail").GetString().Should().Contain("đăng nhập trên trang web");

        // A wrong password still reads as a wrong password: the flag is not told to someone who does not know it.
        using var wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = "khong-dung-mat-khau" });
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Identity_refuses_a_common_password_when_an_account_is_created()
    {
        using var scope = app.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        var result = await users.CreateAsync(new AppUser { UserName = "tk.phobien." + Guid.NewGuid().ToString("N")[..6], CommuneId = app.CommuneOne }, "matkhau123456");

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Description.Should().StartWith("Mật khẩu này quá phổ biến");
    }

    private async Task<(HttpClient Client, string UserName)> FlaggedUserSignedInAsync()
    {
        var userName = await TestAccounts.CreateAsync(app, AppRoles.IntakeOfficer, mustChangePassword: true);
        var client = app.CreateBrowserClient();
        await SignInClient.SignInAsync(client, userName);
        return (client, userName);
    }

    private static Task<HttpResponseMessage> PostChangeAsync(HttpClient client, string current, string next, string? repeat = null) =>
        SignInClient.PostPageFormAsync(client, "/account/password", "password", new Dictionary<string, string>
        {
            ["Input.Current"] = current,
            ["Input.New"] = next,
            ["Input.Repeat"] = repeat ?? next,
        });

    private static async Task<string> ChangeAsync(HttpClient client, string current, string next, string? repeat = null)
    {
        using var response = await PostChangeAsync(client, current, next, repeat);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : PasswordChangeTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : PasswordChangeTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : PasswordChangeTests(app);
}
