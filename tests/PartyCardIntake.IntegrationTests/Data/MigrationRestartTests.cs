using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Data;

/// <summary>
/// A node stopped dead while it migrates (SIGKILL, power cut) starts again and completes the migrations. On SQLite the
/// crash harness found one that waited for ever on the migration lock its previous life had left, and schemas left
/// half-migrated between the steps of a table rebuild; PostgreSQL migrates each migration in a transaction.
/// </summary>
public sealed class SqliteMigrationRestartTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.Sqlite);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_migration_lock_left_by_a_killed_process_does_not_stop_the_next_start()
    {
        // What EF Core leaves when its process dies between taking the lock and releasing it.
        await using (var db = _database.CreateContext(DataScope.System))
        {
            await db.Database.ExecuteSqlRawAsync("""CREATE TABLE "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL)""");
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "__EFMigrationsLock" VALUES (1, '2026-11-22 14:13:13.1560859+00:00')""");
        }

        await Initializer(null).InitializeAsync().WaitAsync(TimeSpan.FromMinutes(1));

        await using var check = _database.CreateContext(DataScope.System);
        (await check.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        (await check.Database.SqlQueryRaw<long>("""SELECT count(*) AS "Value" FROM "__EFMigrationsLock" """).SingleAsync()).Should().Be(0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Migrations_stopped_between_the_steps_of_a_table_rebuild_are_completed_by_the_next_start(int stopAt)
    {
        // SQLite rebuilds a table in steps that cannot share one transaction (foreign keys are switched off between
        // them); a process that dies between two steps has committed the first ones. The shipped Initial rebuilds
        // nothing, so two synthetic migrations after it do (SyntheticMigrations).
        var stop = new StopAtCommand("PRAGMA foreign_keys", stopAt);
        var first = () => MigrationCrash.Initializer(_database, stop, synthetic: true).InitializeAsync();
        await first.Should().ThrowAsync<SimulatedCrash>();

        await MigrationCrash.Initializer(_database, null, synthetic: true).InitializeAsync().WaitAsync(TimeSpan.FromMinutes(1));

        await using var check = _database.CreateContext(DataScope.System);
        (await check.Database.GetAppliedMigrationsAsync()).Should().HaveCount(check.Database.GetMigrations().Count() + SyntheticMigrations.Ids.Count()).And.EndWith(SyntheticMigrations.Ids);
        (await check.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync()).Should().Equal("ok");
        (await check.PartyMembers.CountAsync()).Should().Be(0, "the schema is complete and usable");
        (await check.ApplicationCaptures.CountAsync()).Should().Be(0);
    }

    private DatabaseInitializer Initializer(IInterceptor? interceptor) => MigrationCrash.Initializer(_database, interceptor);
}

/// <summary>The same on PostgreSQL, stopped before some of the index creations of the Initial migration.</summary>
public sealed class PostgreSqlMigrationRestartTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.PostgreSql);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData(3)]
    [InlineData(25)]
    [InlineData(40)]
    public async Task Migrations_stopped_half_way_are_completed_by_the_next_start(int stopAt)
    {
        var first = () => MigrationCrash.Initializer(_database, new StopAtCommand("CREATE INDEX", stopAt)).InitializeAsync();
        await first.Should().ThrowAsync<SimulatedCrash>();

        await MigrationCrash.Initializer(_database, null).InitializeAsync().WaitAsync(TimeSpan.FromMinutes(1));

        await using var check = _database.CreateContext(DataScope.System);
        (await check.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        (await check.PartyMembers.CountAsync()).Should().Be(0, "the schema is complete and usable");
        (await check.WorkerLeases.CountAsync()).Should().Be(0);
    }
}

/// <summary>The start-up's migration step on a test database.</summary>
internal static class MigrationCrash
{
    public static DatabaseInitializer Initializer(TestDatabase database, IInterceptor? interceptor, bool synthetic = false) =>
        new(new Contexts(database, interceptor, synthetic), database.Options, NullLogger<DatabaseInitializer>.Instance);
}

internal sealed class SimulatedCrash() : Exception("The process stops here.");

/// <summary>Fails the <paramref name="occurrence"/>th command that contains <paramref name="text"/>, before it runs.</summary>
internal sealed class StopAtCommand(string text, int occurrence) : DbCommandInterceptor
{
    private int _seen;

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains(text, StringComparison.Ordinal) && ++_seen == occurrence)
        {
            throw new SimulatedCrash();
        }

        return ValueTask.FromResult(result);
    }
}

/// <summary>System contexts on the test database, with an interceptor when given.</summary>
internal sealed class Contexts(TestDatabase database, IInterceptor? interceptor, bool synthetic = false) : ISystemDbContextFactory
{
    public AppDbContext CreateDbContext()
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, database.Options);
        if (interceptor is not null)
        {
            builder.AddInterceptors(interceptor);
        }

        if (synthetic)
        {
            WithSyntheticMigration.Use(builder);
        }

        return new AppDbContext(builder.Options, DataScope.System);
    }
}

/// <summary>Nodes of a province server started together on a new database race to create the roles.</summary>
public sealed class PostgreSqlRoleSeedingRaceTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.PostgreSql);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_node_whose_role_insert_loses_the_race_to_another_node_still_starts()
    {
        await MigrationCrash.Initializer(_database, null).InitializeAsync();
        await using (var db = _database.CreateContext(DataScope.System))
        {
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "AspNetRoles" """);
        }

        // The other node commits the same roles just before this node's insert reaches the database.
        var otherNode = new BeforeCommand("INSERT INTO \"AspNetRoles\"", () => MigrationCrash.Initializer(_database, null).InitializeAsync());
        await MigrationCrash.Initializer(_database, otherNode).InitializeAsync().WaitAsync(TimeSpan.FromMinutes(1));

        otherNode.Ran.Should().BeTrue("the race must have happened for the test to mean anything");
        await using var check = _database.CreateContext(DataScope.System);
        (await check.Roles.Select(r => r.Name!).ToListAsync()).Should().BeEquivalentTo(PartyCardIntake.Core.Identity.AppRoles.All);
    }
}

/// <summary>Runs <paramref name="action"/> once, before the first command that contains <paramref name="text"/>.</summary>
internal sealed class BeforeCommand(string text, Func<Task> action) : DbCommandInterceptor
{
    public bool Ran { get; private set; }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await RunOnceAsync(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await RunOnceAsync(command);
        return result;
    }

    private async Task RunOnceAsync(DbCommand command)
    {
        if (!Ran && command.CommandText.Contains(text, StringComparison.Ordinal))
        {
            Ran = true;
            await action();
        }
    }
}
