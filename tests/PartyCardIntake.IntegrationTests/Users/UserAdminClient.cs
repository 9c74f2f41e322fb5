using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Users;

/// <summary>Users made directly for the tests that need one, and what their browsers and tokens are still allowed.</summary>
internal static class UserAdminClient
{
    /// <summary>An officer of the demo province with the demo password, for tests that change an account.</summary>
    public static async Task<(string Id, string UserName)> SeedUserAsync(AppFixture app, string role, int? communeId)
    {
        int province;
        await using (var db = app.SystemContext())
        {
            province = await db.Provinces.Select(p => p.Id).FirstAsync();
        }

        using var scope = app.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = "thu." + Guid.NewGuid().ToString("N")[..10],
            DisplayName = "Người dùng thử",
            ProvinceId = province,
            CommuneId = communeId,
            LockoutEnabled = true,
        };
        (await users.CreateAsync(user, PartyCardAppFactory.DemoPassword)).Succeeded.Should().BeTrue();
        (await users.AddToRoleAsync(user, role)).Succeeded.Should().BeTrue();
        return (user.Id, user.UserName);
    }

    public static async Task<HttpResponseMessage> RequestTokenAsync(AppFixture app, string userName, string password)
    {
        using var client = app.Factory.CreateClient();
        return await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
    }

    public static async Task<string> TokenAsync(AppFixture app, string userName, string password = PartyCardAppFactory.DemoPassword)
    {
        using var response = await RequestTokenAsync(app, userName, password);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public static async Task<HttpResponseMessage> MeAsync(AppFixture app, string token)
    {
        using var client = app.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/api/v1/me");
    }

    public static async Task<AppUser> ReadAsync(AppFixture app, string id)
    {
        await using var db = app.SystemContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    public static async Task<int> SessionCountAsync(AppFixture app, string id)
    {
        await using var db = app.SystemContext();
        return await db.UserSessions.CountAsync(s => s.UserId == id);
    }

    /// <summary>Where a browser with this cookie ends up on the home page: "" when it is served, else where it is sent.</summary>
    public static async Task<string> HomeRedirectAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/");
        return response.StatusCode == HttpStatusCode.OK ? string.Empty : response.Headers.Location?.ToString() ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
