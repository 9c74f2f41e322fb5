using System.Net;
using Npgsql;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.ReliabilityTests.Backup;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.ReliabilityTests.Deploy;

/// <summary>
/// deploy/postgresql/setup.sh on the test server: the schema owner migrates, the web node runs under a
/// login that can read and write rows and nothing else, so it cannot undo the audit table's guards.
/// </summary>
public sealed class PostgreSqlSetupTests
{
    [Fact]
    public async Task The_web_nodes_login_works_with_rows_but_cannot_change_the_schema_or_the_audit_trail()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var (database, owner, app) = ("pci_setup_" + suffix, "pci_owner_" + suffix, "pci_app_" + suffix);
        var server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)
            ?? throw new InvalidOperationException($"{TestDatabase.PostgresVariable} is not set."));
        var folder = Path.Combine(Path.GetTempPath(), "pci-tests", suffix);
        Directory.CreateDirectory(folder);
        var environment = Commands.LibpqEnvironment();
        environment["PARTYCARD_OWNER_PASSWORD"] = "owner-" + suffix;
        environment["PARTYCARD_APP_PASSWORD"] = "app-" + suffix;
        string Connection(string login) => new NpgsqlConnectionStringBuilder(server.ConnectionString)
        {
            Database = database, Username = login, Password = login == owner ? "owner-" + suffix : "app-" + suffix, Pooling = false,
        }.ConnectionString;

        try
        {
            var setup = await Commands.ScriptAsync("postgresql/setup.sh", ["--database", database, "--owner", owner, "--app", app], environment);
            setup.ExitCode.Should().Be(0, setup.ToString());
            setup.Output.Should().Contain("the schema is empty");

            var settings = new Dictionary<string, string?>
            {
                ["Database:Provider"] = "PostgreSql",
                ["Database:DataFolder"] = folder,
                ["Database:MigrateAtStartup"] = "false",
                ["ConnectionStrings:PartyCard"] = Connection(owner),
                ["Demo:Enabled"] = "true",
                ["Demo:Password"] = PartyCardAppFactory.DemoPassword,
                ["Security:RequireHttps"] = "false",
            };
            var migrate = await Commands.AppAsync(settings, "migrate");
            migrate.ExitCode.Should().Be(0, migrate.ToString());
            var again = await Commands.ScriptAsync("postgresql/setup.sh", ["--database", database, "--owner", owner, "--app", app], environment);
            again.ExitCode.Should().Be(0, again.ToString());
            again.Output.Should().NotContain("the schema is empty").And.NotContain("generated passwords");

            settings["ConnectionStrings:PartyCard"] = Connection(app);
            await using (var node = new AppProcess(settings))
            {
                await node.StartAsync();
                using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = node.Address };
                await SignInClient.SignInAsync(client, DemoAccounts.Officer);
                await DeskClient.ChooseStationAsync(client);
                var member = await FirstFreeMemberAsync(Connection(app));
                using var response = await DeskClient.SubmitAsync(client, member, Guid.NewGuid(), DeskWriter.Photo, DeskWriter.Signature, DeskWriter.Strokes);
                response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            }

            await using var connection = new NpgsqlConnection(Connection(app));
            await connection.OpenAsync();
            (await Scalar(connection, "SELECT count(*) FROM \"AuditEntries\"")).Should().NotBe(0L, "the node appended to the trail");
            foreach (var statement in new[]
            {
                "UPDATE \"AuditEntries\" SET \"Role\" = NULL",
                "DELETE FROM \"AuditEntries\"",
                "TRUNCATE \"AuditEntries\"",
                "ALTER TABLE \"AuditEntries\" DISABLE TRIGGER USER",
                "DROP TRIGGER \"AuditEntries_no_change\" ON \"AuditEntries\"",
                "CREATE TABLE \"Scratch\" (\"Id\" int)",
                "DROP TABLE \"Applications\"",
            })
            {
                var refused = await FluentActions.Awaiting(() => Execute(connection, statement)).Should().ThrowAsync<PostgresException>(statement);
                refused.Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege, statement);
            }
        }
        finally
        {
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
            await admin.OpenAsync();
            await Execute(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            await Execute(admin, $"DROP ROLE IF EXISTS \"{app}\"");
            await Execute(admin, $"DROP ROLE IF EXISTS \"{owner}\"");
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> FirstFreeMemberAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var code = DemoPopulationGenerator.DefaultShapes[0].Code;
        return (int)(await Scalar(connection, $"""
            SELECT m."Id" FROM "PartyMembers" m JOIN "Communes" c ON c."Id" = m."CommuneId"
            WHERE c."Code" = '{code}' AND m."Exemption" IS NULL AND NOT EXISTS (SELECT 1 FROM "Applications" a WHERE a."MemberId" = m."Id")
            ORDER BY m."Id" LIMIT 1
            """))!;
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
