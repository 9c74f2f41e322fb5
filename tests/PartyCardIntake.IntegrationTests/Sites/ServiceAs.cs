using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.IntegrationTests.Sites;

/// <summary>
/// A service scope that stands for one user's circuit: the user's claims as sign-in makes them, set on the scope's
/// <see cref="CurrentUser"/> the way the circuit handler does. Feature services resolved from it act as that user.
/// </summary>
internal sealed class ServiceAs : IAsyncDisposable
{
    private readonly AsyncServiceScope scope;

    private ServiceAs(AsyncServiceScope scope) => this.scope = scope;

    public static async Task<ServiceAs> UserAsync(AppFixture app, string userName)
    {
        var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}.");
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetCircuitUser(principal);
        return new ServiceAs(scope);
    }

    public T Get<T>()
        where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
