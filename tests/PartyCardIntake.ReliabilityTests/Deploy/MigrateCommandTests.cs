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

    [Fact]
    public async Task The_command_wrapper_runs_with_the_installation_settings_file_and_environment_files_as_the_service_does()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        var etc = Directory.CreateDirectory(Path.Combine(database.Folder, "etc")).FullName;
        var home = Directory.CreateDirectory(Path.Combine(database.Folder, "home")).FullName;
        var fromFile = Path.Combine(database.Folder, "from-settings-file");
        var databaseFile = Path.Combine(database.Folder, "from-environment-file.db");
        await File.WriteAllTextAsync(Path.Combine(etc, "appsettings.Production.json"), $$"""
            // As deploy/config: comments are allowed.
            { "Database": { "DataFolder": "{{fromFile}}" }, "Registry": { "UseBuiltInMock": true } }
            """);
        await File.WriteAllTextAsync(Path.Combine(etc, "environment"), $"""
            # systemd's format: a connection string holds ';', which a shell would cut.
            ConnectionStrings__PartyCard="Data Source={databaseFile};Default Timeout=30"
            """);

        var result = await Commands.RunAsync(
            "bash",
            [Path.Combine(Commands.DeployFolder, "bin", "partycardintake"), "migrate"],
            new Dictionary<string, string?>
            {
                ["PARTYCARD_APP"] = Path.GetDirectoryName(AppProcess.WebAssembly),
                ["PARTYCARD_ETC"] = etc,
                ["PARTYCARD_HOME"] = home,
                ["PARTYCARD_USER"] = Environment.UserName,
            },
            TimeSpan.FromMinutes(2));

        result.ExitCode.Should().Be(0, result.ToString());
        File.Exists(databaseFile).Should().BeTrue("the environment file's connection string names the database");
        Directory.Exists(Path.Combine(fromFile, "logs")).Should().BeTrue("the settings file's data folder holds the logs");
    }
}
