using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.IntegrationTests.Users;

/// <summary>
/// The services an interactive page of the given user would use: a scope whose <see cref="CurrentUser"/> holds that
/// user as a circuit's authentication state does, so the feature services run their own role and scope checks.
/// </summary>
internal sealed class AsUser : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;

    private AsUser(AsyncServiceScope scope) => _scope = scope;

    public static async Task<AsUser> CreateAsync(AppFixture app, string userName)
    {
        System.Security.Claims.ClaimsPrincipal principal;
        await using (var lookup = app.Factory.Services.CreateAsyncScope())
        {
            var users = lookup.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}.");
            principal = await lookup.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
        }

        var scope = app.Factory.Services.CreateAsyncScope();
        var current = scope.ServiceProvider.GetRequiredService<CurrentUser>();
        current.SetCircuitUser(principal);
        current.SetCircuitAddress("10.9.8.7");
        return new AsUser(scope);
    }

    public T Get<T>()
        where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _scope.DisposeAsync();
}
