using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Web;

public sealed class DemoModeTests
{
    [Fact]
    public async Task Demo_accounts_exist_only_while_demo_mode_is_on()
    {
        await using var demo = new PartyCardAppFactory(DatabaseProvider.Sqlite);
        _ = demo.Server;
        await using (var db = demo.Database.CreateContext(Core.Data.DataScope.System))
        {
            (await db.Users.Select(u => u.UserName).ToListAsync()).Should().Contain(DemoAccounts.All.Select(a => a.UserName));
        }

        await using var production = new PartyCardAppFactory(DatabaseProvider.Sqlite);
        production.Set("Database:DataFolder", demo.Database.Folder);
        production.Set("Demo:Enabled", "false");
        production.Set("Registry:BaseAddress", "http://registry.invalid/");
        using var client = production.CreateClient(new() { AllowAutoRedirect = false });
        using var signIn = await SignInClient.PostSignInAsync(client, DemoAccounts.Officer, PartyCardAppFactory.DemoPassword);
        signIn.StatusCode.Should().Be(HttpStatusCode.OK, "the sign-in page shows an error instead of redirecting");

        await using var after = demo.Database.CreateContext(Core.Data.DataScope.System);
        (await after.Users.AnyAsync(u => u.IsDemo)).Should().BeFalse();
        (await after.PartyMembers.CountAsync()).Should().Be(3744, "the campaign data itself is kept");
    }

    [Fact]
    public void Outside_demo_mode_the_application_refuses_to_start_without_a_registry_address()
    {
        using var app = new PartyCardAppFactory(DatabaseProvider.Sqlite);
        app.Set("Demo:Enabled", "false");
        var start = () => app.Server;
        start.Should().Throw<InvalidOperationException>().WithMessage("*Registry:BaseAddress*");
    }

    [Fact]
    public async Task Passwords_need_twelve_characters_and_no_composition_rules()
    {
        await using var app = new PartyCardAppFactory(DatabaseProvider.Sqlite);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        (await users.CreateAsync(new AppUser { UserName = "ngan" }, "mật khẩu 11")).Succeeded.Should().BeFalse();
        (await users.CreateAsync(new AppUser { UserName = "dai" }, "cay bang truoc san")).Succeeded.Should().BeTrue();
    }
}
