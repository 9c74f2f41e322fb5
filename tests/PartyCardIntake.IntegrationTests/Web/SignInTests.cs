using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Web;

public abstract class SignInTests(AppFixture app)
{
    [Fact]
    public async Task Sign_in_page_is_vietnamese_utf8_without_html_entities()
    {
        using var client = app.CreateBrowserClient();
        using var response = await client.GetAsync("/account/signin");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.CharSet.Should().Be("utf-8");
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Đăng nhập").And.Contain("Mật khẩu").And.NotContain("&#x").And.NotContain("&#7");
    }

    [Fact]
    public async Task Anonymous_pages_redirect_to_sign_in_with_the_return_address()
    {
        using var client = app.CreateBrowserClient();
        using var response = await client.GetAsync("/members?q=nguyen");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/signin").And.Contain("ReturnUrl=%2Fmembers");
    }

    [Theory]
    [InlineData(DemoAccounts.Admin, "Tỉnh Phú Thọ", "Quản trị hệ thống")]
    [InlineData(DemoAccounts.Province, "Tỉnh Phú Thọ", "Lãnh đạo Công an tỉnh")]
    [InlineData(DemoAccounts.Committee, "Phường Kỳ Sơn", "Ban Xây dựng Đảng")]
    [InlineData(DemoAccounts.Lead, "Phường Kỳ Sơn", "Trưởng Công an xã/phường")]
    [InlineData(DemoAccounts.Officer, "Phường Kỳ Sơn", "Cán bộ tiếp nhận")]
    [InlineData(DemoAccounts.Officer2, "Xã Thanh Sơn", "Cán bộ tiếp nhận")]
    public async Task Every_demo_account_signs_in_and_sees_its_home(string userName, string heading, string role)
    {
        using var client = await app.SignedInClientAsync(userName);
        var html = await client.GetStringAsync("/");
        html.Should().MatchRegex($"data-testid=\"home-heading\"[^>]*>{heading}<").And.Contain(role);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        using var client = app.CreateBrowserClient();
        using var response = await SignInClient.PostSignInAsync(client, DemoAccounts.Lead, "mat-khau-sai-hoan-toan");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Tên đăng nhập hoặc mật khẩu không đúng.");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_password()
    {
        var userName = await CreateUserAsync();
        using var client = app.CreateBrowserClient();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await SignInClient.PostSignInAsync(client, userName, "mat-khau-sai-lan-" + i);
        }

        using var right = await SignInClient.PostSignInAsync(client, userName, PartyCardAppFactory.DemoPassword);
        right.StatusCode.Should().Be(HttpStatusCode.OK);
        (await right.Content.ReadAsStringAsync()).Should().Contain("Tài khoản đã bị tạm khóa");
    }

    [Fact]
    public async Task Signing_out_ends_the_session_even_for_a_copied_cookie()
    {
        var cookies = new CookieContainerHandler();
        using var client = app.Factory.CreateDefaultClient(cookies);
        await SignInClient.SignInAsync(client, DemoAccounts.Committee);
        // The account page is static and carries the sign-out form's token (interactive pages render it in the circuit).
        var home = await client.GetStringAsync("/account/password");
        var session = cookies.Container.GetCookies(client.BaseAddress!)["pci.session"];
        session.Should().NotBeNull();
        var copied = $"pci.session={session!.Value}";

        using var signOut = await client.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignInClient.AntiforgeryToken(home),
        }));
        signOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signOut.Headers.Location!.ToString().Should().Contain("/account/signin");

        // Someone who copied the cookie before sign-out gets nothing with it afterwards.
        using var stolen = app.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        stolen.DefaultRequestHeaders.Add("Cookie", copied);
        using var after = await stolen.GetAsync("/");
        after.StatusCode.Should().Be(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().Should().Contain("/account/signin");
    }

    [Fact]
    public async Task Sign_out_without_the_antiforgery_token_is_refused()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Lead);
        using var response = await client.PostAsync("/account/signout", new FormUrlEncodedContent([]));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Sign_in_does_not_redirect_to_another_site()
    {
        using var client = app.CreateBrowserClient();
        var form = await client.GetStringAsync("/account/signin?ReturnUrl=%2F%2Fevil.example");
        using var response = await client.PostAsync("/account/signin?ReturnUrl=%2F%2Fevil.example", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignInClient.AntiforgeryToken(form),
            ["_handler"] = "signin",
            ["Input.UserName"] = DemoAccounts.Officer,
            ["Input.Password"] = PartyCardAppFactory.DemoPassword,
        }));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().NotContain("evil");
    }

    private async Task<string> CreateUserAsync()
    {
        using var scope = app.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = "khoa." + Guid.NewGuid().ToString("N")[..8], CommuneId = app.CommuneOne, DisplayName = "Thử khóa" };
        (await users.CreateAsync(user, PartyCardAppFactory.DemoPassword)).Succeeded.Should().BeTrue();
        (await users.AddToRoleAsync(user, AppRoles.IntakeOfficer)).Succeeded.Should().BeTrue();
        return user.UserName!;
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : SignInTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : SignInTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : SignInTests(app);
}
