using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Campaign;

/// <summary>
/// A demo node killed during its first start-up comes back whole: the next start completes the campaign, the
/// accounts and the history instead of running on a half-written demo (the crash harness found one without its
/// third commune and without any history).
/// </summary>
public abstract class DemoSeedingRestartTests(DatabaseProvider provider)
{
    public enum Stop
    {
        /// <summary>While the second commune's members are saved.</summary>
        InTheCampaign,

        /// <summary>While the third day of the history is saved.</summary>
        InTheHistory,
    }

    [Theory]
    [InlineData(Stop.InTheCampaign)]
    [InlineData(Stop.InTheHistory)]
    public async Task Seeding_stopped_half_way_is_completed_by_the_next_start(Stop stop)
    {
        await using var factory = EmptyApplication();
        var population = DemoPopulationGenerator.Generate();

        await using (var crashing = Context(factory.Database, new CrashingSave(stop)))
        {
            var first = () => SeedAsync(factory, crashing, population);
            await first.Should().ThrowAsync<SimulatedCrash>();
        }

        await using (var db = factory.Database.CreateContext(DataScope.System))
        {
            await SeedAsync(factory, db, population);
        }

        await using var check = factory.Database.CreateContext(DataScope.System);
        foreach (var expected in population.Communes)
        {
            var commune = await check.Communes.SingleAsync(c => c.Code == expected.Code);
            var members = expected.Cells.Sum(c => c.Members.Count);
            (await check.PartyMembers.CountAsync(m => m.CommuneId == commune.Id)).Should().Be(members, $"{expected.Name} is written whole");
            (commune.EligibleMembers + commune.ExcusedMembers).Should().Be(members);
            (await check.Applications.CountAsync(a => a.CommuneId == commune.Id)).Should().BePositive($"{expected.Name} has its history");
        }

        (await check.Provinces.CountAsync(p => p.Code == population.ProvinceCode)).Should().Be(1);
        (await ApplicationCounts.StoredAsync(check, null)).Should().BeEquivalentTo(await ApplicationCounts.FromRecordsAsync(check, null));
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var (userName, role, _, _) in DemoAccounts.All)
        {
            var user = await users.FindByNameAsync(userName);
            user.Should().NotBeNull();
            (await users.IsInRoleAsync(user!, role)).Should().BeTrue();
        }
    }

    [Fact]
    public async Task A_demo_account_left_without_its_role_gets_it_back_on_the_next_start()
    {
        await using var factory = EmptyApplication();
        var population = DemoPopulationGenerator.Generate();
        await using (var db = factory.Database.CreateContext(DataScope.System))
        {
            await SeedAsync(factory, db, population);
        }

        // As a start killed between creating the account and giving it its role leaves it.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var officer = await users.FindByNameAsync(DemoAccounts.Officer);
            (await users.RemoveFromRoleAsync(officer!, AppRoles.IntakeOfficer)).Succeeded.Should().BeTrue();
        }

        await using (var db = factory.Database.CreateContext(DataScope.System))
        {
            await SeedAsync(factory, db, population);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            (await users.IsInRoleAsync((await users.FindByNameAsync(DemoAccounts.Officer))!, AppRoles.IntakeOfficer)).Should().BeTrue();
        }
    }

    /// <summary>The application on a migrated database without the demo: the tests seed it themselves.</summary>
    private PartyCardAppFactory EmptyApplication()
    {
        var factory = new PartyCardAppFactory(provider);
        factory.Set("Demo:Enabled", "false");
        factory.Set("Registry:UseBuiltInMock", "true");
        _ = factory.Services;
        return factory;
    }

    /// <summary>Seeds as the start-up does: the given system context, the accounts through the application's user manager.</summary>
    private static async Task SeedAsync(PartyCardAppFactory factory, AppDbContext db, DemoPopulation population)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider, db);
        await seeder.SeedAsync(population, PartyCardAppFactory.DemoPassword);
    }

    private static AppDbContext Context(TestDatabase database, IInterceptor interceptor)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, database.Options);
        builder.AddInterceptors(interceptor);
        return new AppDbContext(builder.Options, DataScope.System);
    }

    private sealed class SimulatedCrash() : Exception("The process stops here.");

    /// <summary>Fails one save as a kill would cut it, before anything of it reaches the database.</summary>
    private sealed class CrashingSave(Stop stop) : SaveChangesInterceptor
    {
        private int _seen;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var tracker = eventData.Context!.ChangeTracker;
            var matches = stop == Stop.InTheCampaign
                ? tracker.Entries<PartyMember>().Any(e => e.State == EntityState.Added)
                : tracker.Entries<Application>().Any(e => e.State == EntityState.Added);
            if (matches && ++_seen == (stop == Stop.InTheCampaign ? 2 : 3))
            {
                throw new SimulatedCrash();
            }

            return ValueTask.FromResult(result);
        }
    }

    public sealed class OnSqlite() : DemoSeedingRestartTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : DemoSeedingRestartTests(DatabaseProvider.PostgreSql);

    public sealed class OnSqlServer() : DemoSeedingRestartTests(DatabaseProvider.SqlServer);
}
