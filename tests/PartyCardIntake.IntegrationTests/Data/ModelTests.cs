using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Data;

public abstract class ModelTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create(provider);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public void The_model_has_no_pending_changes_against_the_migrations()
    {
        using var db = _database.CreateContext(DataScope.System);
        db.Database.HasPendingModelChanges().Should().BeFalse("a model change needs a migration for this provider");
    }

    [Fact]
    public async Task Migrations_build_the_schema_on_an_empty_database()
    {
        await _database.MigrateAsync();
        await using var db = _database.CreateContext(DataScope.System);
        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).Should().Equal(db.Database.GetMigrations());
        (await db.PartyMembers.CountAsync()).Should().Be(0);
    }

    public sealed class OnSqlite() : ModelTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : ModelTests(DatabaseProvider.PostgreSql);

    public sealed class OnSqlServer() : ModelTests(DatabaseProvider.SqlServer);
}
