using System.Net;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Planning;

public abstract class PlanningPageTests(AppFixture app)
{
    [Fact]
    public async Task The_station_lead_plans_the_commune_and_every_waiting_member_gets_a_slot_once()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Lead);
        var page = await RunAsync(client);
        page.Should().Contain("data-testid=\"plan-summary\"").And.Contain("Dự kiến hoàn thành ngày").And.Contain("data-testid=\"plan-day\"");

        await using var db = app.SystemContext();
        var waiting = await db.PartyMembers.CountAsync(m => m.CommuneId == app.CommuneOne && m.Exemption == null
            && !db.Applications.Any(a => a.MemberId == m.Id && a.State != ApplicationState.Cancelled));
        var planned = await db.ScheduleSlots.Where(s => s.CommuneId == app.CommuneOne).SumAsync(s => s.Members);
        planned.Should().Be(waiting);

        // Planning again replaces the future plan instead of adding to it.
        await RunAsync(client);
        await using var again = app.SystemContext();
        (await again.ScheduleSlots.Where(s => s.CommuneId == app.CommuneOne).SumAsync(s => s.Members)).Should().Be(waiting);
        (await again.ScheduleSlots.AnyAsync(s => s.CommuneId == app.CommuneTwo)).Should().BeFalse();
    }

    [Fact]
    public async Task An_officer_cannot_plan()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Officer);
        using var response = await client.GetAsync("/planning");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/denied");
    }

    private static async Task<string> RunAsync(HttpClient client)
    {
        var token = SignInClient.AntiforgeryToken(await client.GetStringAsync("/planning"));
        using var response = await client.PostAsync("/planning/run", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return await client.GetStringAsync(response.Headers.Location);
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : PlanningPageTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : PlanningPageTests(app);
}
