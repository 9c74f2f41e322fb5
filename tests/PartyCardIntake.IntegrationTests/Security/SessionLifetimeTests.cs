using System.Net;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.IntegrationTests.Web;

namespace PartyCardIntake.IntegrationTests.Security;

/// <summary>A sign-in ends after an hour without requests and after twelve hours in any case, decided on the server.</summary>
public abstract class SessionLifetimeTests(AppFixture app)
{
    [Fact]
    public async Task A_session_idle_for_more_than_an_hour_is_signed_out_and_removed()
    {
        var (client, session) = await SignInAsync();
        await ChangeAsync(session, idleFor: TimeSpan.FromMinutes(61));

        await AssertSignedOutAsync(client, session);
    }

    [Fact]
    public async Task A_session_older_than_twelve_hours_is_signed_out_even_when_in_use()
    {
        var (client, session) = await SignInAsync();
        await ChangeAsync(session, age: TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));

        await AssertSignedOutAsync(client, session);
    }

    [Fact]
    public async Task A_request_keeps_a_session_alive_and_records_when_it_was_last_seen()
    {
        var (client, session) = await SignInAsync();
        await ChangeAsync(session, idleFor: TimeSpan.FromMinutes(50));

        using var response = await client.GetAsync("/members");
        response.StatusCode.Should().Be(HttpStatusCode.OK);

        await using var db = app.SystemContext();
        (await db.UserSessions.SingleAsync(s => s.Id == session)).LastSeenAt.Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(1));
    }

    private async Task<(HttpClient Client, string Session)> SignInAsync()
    {
        await using var db = app.SystemContext();
        var before = await db.UserSessions.Select(s => s.Id).ToListAsync();
        var client = await app.SignedInClientAsync(DemoAccounts.Committee);
        await using var after = app.SystemContext();
        var session = await after.UserSessions.Where(s => !before.Contains(s.Id)).Select(s => s.Id).SingleAsync();
        return (client, session);
    }

    private async Task ChangeAsync(string session, TimeSpan? idleFor = null, TimeSpan? age = null)
    {
        await using var db = app.SystemContext();
        var row = await db.UserSessions.SingleAsync(s => s.Id == session);
        var now = DateTime.UtcNow;
        row.LastSeenAt = now - (idleFor ?? TimeSpan.Zero);
        row.CreatedAt = now - (age ?? idleFor ?? TimeSpan.Zero);
        await db.SaveChangesAsync();
    }

    private async Task AssertSignedOutAsync(HttpClient client, string session)
    {
        using var response = await client.GetAsync("/members");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/signin");
        await using var db = app.SystemContext();
        (await db.UserSessions.AnyAsync(s => s.Id == session)).Should().BeFalse();
        client.Dispose();
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : SessionLifetimeTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : SessionLifetimeTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : SessionLifetimeTests(app);
}
