using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.IntegrationTests.Members;

/// <summary>
/// The web app's services as one signed-in user's circuit gets them: a scope of its own whose CurrentUser is
/// set from the user's claims, as CircuitUserHandler sets it, so that the query filters, role checks and audit
/// entries are those of an interactive page.
/// </summary>
public sealed class CircuitScope : IAsyncDisposable
{
    private readonly AsyncServiceScope scope;

    private CircuitScope(AsyncServiceScope scope) => this.scope = scope;

    public static Task<CircuitScope> ForAsync(AppFixture app, string userName, string address = "127.0.0.1")
    {
        ArgumentNullException.ThrowIfNull(app);
        return ForAsync(app.Factory.Services, userName, address);
    }

    /// <summary>The same for an application that is not an <see cref="AppFixture"/> (one with a fixture of its own).</summary>
    public static async Task<CircuitScope> ForAsync(IServiceProvider services, string userName, string address = "127.0.0.1")
    {
        ArgumentNullException.ThrowIfNull(services);
        var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}.");
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
        return Start(scope, principal, address);
    }

    /// <summary>A made-up committee member of <paramref name="communeId"/>, for data that no demo account owns.</summary>
    public static CircuitScope ForCommittee(AppFixture app, int communeId, int provinceId)
    {
        ArgumentNullException.ThrowIfNull(app);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, "test-committee-" + communeId.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, "test.committee"),
                new Claim(ClaimTypes.Role, AppRoles.WardCommittee),
                new Claim(ScopeClaims.Commune, communeId.ToString(CultureInfo.InvariantCulture)),
                new Claim(ScopeClaims.Province, provinceId.ToString(CultureInfo.InvariantCulture)),
            ],
            IdentityConstants.ApplicationScheme);
        return Start(app.Factory.Services.CreateAsyncScope(), new ClaimsPrincipal(identity), "127.0.0.1");
    }

    private static CircuitScope Start(AsyncServiceScope scope, ClaimsPrincipal principal, string address)
    {
        var current = scope.ServiceProvider.GetRequiredService<CurrentUser>();
        current.SetCircuitUser(principal);
        current.SetCircuitAddress(address);
        return new CircuitScope(scope);
    }

    /// <summary>The circuit's services, for rendering a component as its circuit would.</summary>
    public IServiceProvider Services => scope.ServiceProvider;

    public T Get<T>()
        where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
