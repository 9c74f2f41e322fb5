using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Web;

/// <summary>Fresh accounts for tests that change an account, so that the demo accounts stay as every other test expects.</summary>
internal static class TestAccounts
{
    /// <summary>A user of the first demo commune (commune roles) or of its province, with the demo password.</summary>
    public static async Task<string> CreateAsync(AppFixture app, string role, bool mustChangePassword = false)
    {
        await using var db = app.SystemContext();
        var provinceId = await db.Communes.Where(c => c.Id == app.CommuneOne).Select(c => c.ProvinceId).SingleAsync();
        using var scope = app.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = "tk." + Guid.NewGuid().ToString("N")[..10],
            DisplayName = "Tài khoản thử",
            CommuneId = AppRoles.IsCommuneRole(role) ? app.CommuneOne : null,
            ProvinceId = provinceId,
            MustChangePassword = mustChangePassword,
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user, PartyCardAppFactory.DemoPassword);
        if (!created.Succeeded || !(await users.AddToRoleAsync(user, role)).Succeeded)
        {
            throw new InvalidOperationException("Could not create the test account: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        return user.UserName;
    }

    public static async Task<AppUser> FindAsync(AppFixture app, string userName)
    {
        await using var db = app.SystemContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
    }
}

internal static class Redirects
{
    /// <summary>Path and query a redirect leads to, whether the server wrote the address absolute or relative.</summary>
    public static string Target(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var location = response.Headers.Location ?? throw new InvalidOperationException($"No redirect: {(int)response.StatusCode}.");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }
}
