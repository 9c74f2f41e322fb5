using System.Net;
using System.Text;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;
using Xunit.Abstractions;

namespace PartyCardIntake.IntegrationTests.Security;

/// <summary>
/// Each commune role of the first demo commune against every id of the second: every read and write must answer
/// "not found" or "no access", and nothing of the second commune may change.
/// </summary>
public abstract class TenantIsolationTests(AppFixture app, ITestOutputHelper output)
{
    private static readonly Who[] CommuneRoles = [Who.Officer, Who.Lead, Who.Committee];

    [Fact]
    public async Task No_commune_role_reads_or_changes_another_communes_data()
    {
        var foreign = await ForeignData.LoadAsync(app, app.CommuneTwo);
        var operations = ForeignOperations.For(foreign).ToList();
        var before = await ForeignData.FingerprintAsync(app, app.CommuneTwo);
        var failures = new StringBuilder();
        var cases = 0;

        foreach (var who in CommuneRoles)
        {
            using var caller = await Caller.SignInAsync(app, who);
            if (Who.Desk.HasFlag(who))
            {
                // Without a station the desk sends the officer to choose one before any member is looked up.
                await DeskClient.ChooseStationAsync(caller.Client);
            }

            foreach (var operation in operations)
            {
                using var response = await caller.SendAsync(operation.Method, operation.Path, operation.Form);
                cases++;
                if (!Refused(response, operation))
                {
                    failures.AppendLine($"{who}: {operation.Name}: {operation.Method} {operation.Path} answered {Outcomes.Describe(response)}");
                }
            }
        }

        output.WriteLine($"{cases} (role × operation × foreign id) cases: {CommuneRoles.Length} roles × {operations.Count} operations "
            + $"over {operations.Select(o => o.Name).Distinct().Count()} kinds and {foreign.Members.Count} members of the other commune.");
        failures.ToString().Should().BeEmpty();
        (await ForeignData.FingerprintAsync(app, app.CommuneTwo)).Should().Be(before, "no write may reach another commune's rows");
    }

    /// <summary>Not found, or no access: the only answers another commune's id may get.</summary>
    private static bool Refused(HttpResponseMessage response, ForeignOperation operation) =>
        response.StatusCode == HttpStatusCode.NotFound
        || Outcomes.Of(response) == Outcome.Denied
        || (operation.RefusedAt is { } refusal && response.Headers.Location?.OriginalString == refusal);

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app, ITestOutputHelper output) : TenantIsolationTests(app, output);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app, ITestOutputHelper output) : TenantIsolationTests(app, output);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app, ITestOutputHelper output) : TenantIsolationTests(app, output);
}
