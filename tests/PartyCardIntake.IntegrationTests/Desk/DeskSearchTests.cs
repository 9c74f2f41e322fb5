using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Members;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Web.Features.Desk;

namespace PartyCardIntake.IntegrationTests.Desk;

/// <summary>The desk's member search lists its matches in Vietnamese order.</summary>
public abstract class DeskSearchTests(AppFixture app)
{
    [Fact]
    public async Task Results_are_ordered_by_given_name_with_d_before_dd()
    {
        // A family name of its own, so that the search finds these members only.
        string[] names = ["Ngạc Văn Đức", "Ngạc Thị Dung", "Ngạc Văn Đào", "Ngạc Thị Em", "Ngạc Thị Dương", "Ngạc Văn Dũng", "Ngạc Văn Cường"];
        await using (var db = app.SystemContext())
        {
            var cell = await db.PartyCells.Where(c => c.CommuneId == app.CommuneOne).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            var now = DateTime.UtcNow;
            db.PartyMembers.AddRange(names.Select((name, i) =>
                PartyMember.Create(app.CommuneOne, cell, PersonalIdNumber.Create("096", Sex.Male, 1950 + i, 987_650 + i), name, Sex.Male, 1950 + i, null, now)));
            await db.SaveChangesAsync();
        }

        // What the desk's search box asks as the officer types (the browser test DeskCycleFlowTests shows the list).
        await using var officer = await CircuitScope.ForAsync(app, DemoAccounts.Officer);
        var result = await officer.Get<DeskQueries>().SearchAsync("ngac");

        result.Rows.Select(r => r.FullName).Should().Equal(
            "Ngạc Văn Cường", "Ngạc Thị Dung", "Ngạc Văn Dũng", "Ngạc Thị Dương", "Ngạc Văn Đào", "Ngạc Văn Đức", "Ngạc Thị Em");
        result.Total.Should().Be(names.Length);
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : DeskSearchTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : DeskSearchTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : DeskSearchTests(app);
}
