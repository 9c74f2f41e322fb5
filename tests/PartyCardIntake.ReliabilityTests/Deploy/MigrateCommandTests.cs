using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.ReliabilityTests.Backup;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.ReliabilityTests.Deploy;

/// <summary>Database:MigrateAtStartup=false and the migrate command, as a province server uses them.</summary>
public sealed class MigrateCommandTests
{
    [Fact]
    public async Task A_node_that_may_not_migrate_refuses_an_old_schema_until_the_migrate_command_has_run()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        var settings = AppProcess.DemoSettings(database);
        settings["Database:MigrateAtStartup"] = "false";
        await using var node = new AppProcess(settings);

        var refused = await FluentActions.Awaiting(() => node.StartAsync(TimeSpan.FromSeconds(60))).Should().ThrowAsync<InvalidOperationException>();
        refused.Which.Message.Should().Contain("Database:MigrateAtStartup is false").And.Contain("'migrate' command");

        var migrate = await Commands.AppAsync(settings, "migrate");
        migrate.ExitCode.Should().Be(0, migrate.ToString());
        migrate.Output.Should().MatchRegex("up to date: [0-9]+ migration\\(s\\) applied");
        var again = await Commands.AppAsync(settings, "migrate");
        again.ExitCode.Should().Be(0, again.ToString());
        again.Output.Should().Contain("no migration was pending");

        await node.StartAsync();
        node.IsRunning.Should().BeTrue();
    }
}
