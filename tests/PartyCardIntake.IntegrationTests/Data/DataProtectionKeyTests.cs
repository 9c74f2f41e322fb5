using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Data;

/// <summary>Cookies and tokens stay readable across a restart and on another node: the key ring lives in the database.</summary>
public abstract class DataProtectionKeyTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create(provider);

    public async Task InitializeAsync() => await _database.MigrateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task What_one_node_protects_another_node_on_the_same_database_can_read()
    {
        await using var first = Node();
        var ticket = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("session").Protect("demo.officer");

        await using (var db = _database.CreateContext(DataScope.System))
        {
            (await db.DataProtectionKeys.CountAsync()).Should().Be(1);
        }

        // A second process: nothing shared with the first but the database.
        await using var second = Node();
        second.GetRequiredService<IDataProtectionProvider>().CreateProtector("session").Unprotect(ticket).Should().Be("demo.officer");
    }

    [Fact]
    public async Task Another_application_name_cannot_read_the_tickets()
    {
        await using var first = Node();
        var ticket = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("session").Protect("demo.officer");

        await using var other = Node("AnotherApplication");
        var read = () => other.GetRequiredService<IDataProtectionProvider>().CreateProtector("session").Unprotect(ticket);
        read.Should().Throw<System.Security.Cryptography.CryptographicException>();
    }

    private ServiceProvider Node(string application = "PartyCardIntake")
    {
        var services = new ServiceCollection();
        services.AddScoped(_ => _database.CreateContext(DataScope.System));
        services.AddDataProtection().SetApplicationName(application).PersistKeysToDbContext<AppDbContext>();
        return services.BuildServiceProvider();
    }

    public sealed class OnSqlite() : DataProtectionKeyTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : DataProtectionKeyTests(DatabaseProvider.PostgreSql);

    public sealed class OnSqlServer() : DataProtectionKeyTests(DatabaseProvider.SqlServer);
}
