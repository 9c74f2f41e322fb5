using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Web;

public abstract class ApiTests(AppFixture app)
{
    [Fact]
    public async Task Token_endpoint_returns_a_bearer_token_that_carries_role_and_scope()
    {
        using var client = app.Factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = DemoAccounts.Officer2, password = PartyCardAppFactory.DemoPassword });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("accessToken").GetString();
        token.Should().NotBeNullOrEmpty();
        body.GetProperty("expiresIn").GetInt64().Should().Be(3600);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        me.GetProperty("userName").GetString().Should().Be(DemoAccounts.Officer2);
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal(AppRoles.IntakeOfficer);
        me.GetProperty("communeId").GetInt32().Should().Be(app.CommuneTwo);
    }

    [Fact]
    public async Task Token_endpoint_refuses_a_wrong_password_with_a_problem_response()
    {
        using var client = app.Factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = DemoAccounts.Admin, password = "khong-dung-mat-khau" });
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("Sai tên đăng nhập hoặc mật khẩu.");
    }

    [Fact]
    public async Task Failed_token_requests_count_toward_lockout()
    {
        var userName = await CreateUserAsync();
        using var client = app.Factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = "sai-mat-khau-" + i });
            // The fifth failure is the one that locks the account.
            wrong.StatusCode.Should().Be(i < 4 ? HttpStatusCode.Unauthorized : HttpStatusCode.Locked);
        }

        using var right = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = PartyCardAppFactory.DemoPassword });
        right.StatusCode.Should().Be(HttpStatusCode.Locked);
    }

    [Fact]
    public async Task The_api_answers_401_not_a_redirect_without_credentials()
    {
        using var client = app.CreateBrowserClient();
        (await client.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        (await client.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_member_of_another_commune_is_not_found_through_the_api()
    {
        await using var db = app.SystemContext();
        var own = await db.PartyMembers.Where(m => m.CommuneId == app.CommuneTwo).Select(m => m.Id).FirstAsync();
        var foreign = await db.PartyMembers.Where(m => m.CommuneId == app.CommuneOne).Select(m => m.Id).FirstAsync();

        using var client = await BearerClientAsync(DemoAccounts.Officer2);
        (await client.GetAsync($"/api/v1/members/{own}")).StatusCode.Should().Be(HttpStatusCode.OK);
        using var response = await client.GetAsync($"/api/v1/members/{foreign}");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("fullName");
    }

    [Fact]
    public async Task A_province_viewer_gets_no_member_level_data()
    {
        await using var db = app.SystemContext();
        var member = await db.PartyMembers.Select(m => m.Id).FirstAsync();
        using var client = await BearerClientAsync(DemoAccounts.Province);
        (await client.GetAsync($"/api/v1/members/{member}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Health_endpoints_answer_without_sign_in()
    {
        using var client = app.Factory.CreateClient();
        (await client.GetStringAsync("/health/live")).Should().Be("Healthy");
        (await client.GetStringAsync("/health/ready")).Should().Be("Healthy");
    }

    [Fact]
    public async Task The_api_is_described_by_an_openapi_document()
    {
        using var client = app.Factory.CreateClient();
        var document = await client.GetStringAsync("/openapi/v1.json");
        document.Should().Contain("/api/v1/auth/token").And.Contain("/api/v1/members/{id}");
    }

    private async Task<HttpClient> BearerClientAsync(string userName)
    {
        var client = app.Factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = PartyCardAppFactory.DemoPassword });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        return client;
    }

    private async Task<string> CreateUserAsync()
    {
        using var scope = app.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = "api." + Guid.NewGuid().ToString("N")[..8], CommuneId = app.CommuneOne, DisplayName = "Thử API" };
        (await users.CreateAsync(user, PartyCardAppFactory.DemoPassword)).Succeeded.Should().BeTrue();
        return user.UserName!;
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : ApiTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : ApiTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : ApiTests(app);
}
