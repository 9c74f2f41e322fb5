using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Security;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Web.Features.HomeVisits;
using PartyCardIntake.Web.Features.Members;

namespace PartyCardIntake.IntegrationTests.Members;

/// <summary>
/// Every service method the member list and the member page call, by each commune role of the first demo commune,
/// with the second commune's ids: nothing found, nothing listed, nothing changed. The pages' circuits reach the data
/// only through these methods, so a crafted circuit message gets no further.
/// </summary>
public abstract class MemberIsolationTests(AppFixture app)
{
    private static readonly string[] CommuneAccounts = [DemoAccounts.Officer, DemoAccounts.Lead, DemoAccounts.Committee];

    [Fact]
    public async Task Another_communes_member_is_not_found_by_any_method_of_the_member_pages()
    {
        var foreign = await ForeignData.LoadAsync(app, app.CommuneTwo);
        var members = foreign.Members.Take(5).ToList();
        List<(string IdNumber, string FullName)> identities;
        await using (var db = app.SystemContext())
        {
            identities = (await db.PartyMembers.Where(m => members.Contains(m.Id)).Select(m => new { m.IdNumber, m.FullName }).ToListAsync())
                .Select(m => (m.IdNumber.Value, m.FullName)).ToList();
        }

        var before = await ForeignData.FingerprintAsync(app, app.CommuneTwo);
        foreach (var account in CommuneAccounts)
        {
            await using var circuit = await CircuitScope.ForAsync(app, account);
            var queries = circuit.Get<MemberQueries>();
            var history = circuit.Get<MemberHistory>();
            var visits = circuit.Get<HomeVisitQueries>();
            var admin = circuit.Get<MemberAdmin>();

            (await queries.CellsAsync()).Select(c => c.Id).Should().NotIntersectWith(foreign.Cells, account);
            foreach (var cell in foreign.Cells)
            {
                var page = await queries.ListAsync(new MemberListQuery(CellId: cell));
                (page.Total, page.Rows.Count).Should().Be((0, 0), $"{account}: cell {cell} is another commune's");
            }

            foreach (var (idNumber, fullName) in identities)
            {
                (await queries.ListAsync(new MemberListQuery(Text: idNumber))).Total.Should().Be(0, $"{account}: ID number of another commune");
                (await queries.ListAsync(new MemberListQuery(Text: fullName, PageSize: 100))).Rows.Select(r => r.Id).Should().NotIntersectWith(members, account);
            }

            foreach (var id in members)
            {
                (await queries.FindAsync(id)).Should().BeNull($"{account}: FindAsync({id})");
                (await queries.OpenAsync(id, recordView: true)).Should().BeNull($"{account}: OpenAsync({id})");
                (await history.ForAsync(id)).Should().BeNull($"{account}: MemberHistory.ForAsync({id})");
                (await visits.ForMemberAsync(id)).Should().BeEmpty($"{account}: HomeVisitQueries.ForMemberAsync({id})");

                var expected = account == DemoAccounts.Committee ? MemberChangeOutcome.NotFound : MemberChangeOutcome.Denied;
                var outcomes = new[]
                {
                    await admin.ExemptAsync(id, ExemptionReason.Abroad, "x", new DateOnly(2025, 8, 1)),
                    await admin.LiftExemptionAsync(id),
                    await admin.SetHomeVisitAsync(id, true),
                    await admin.CorrectAsync(id, new CorrectionInput("Nguyễn Văn X", "1950", Sex.Male, null, "x")),
                    await admin.RequestRegistryUpdateAsync(id, "x"),
                    await admin.AcceptAsync(id, "x"),
                    await admin.RecheckAsync(id),
                }.Select(r => r.Outcome);
                outcomes.Should().AllBeEquivalentTo(expected, $"{account}: MemberAdmin on member {id}");
            }
        }

        (await ForeignData.FingerprintAsync(app, app.CommuneTwo)).Should().Be(before, "no change may reach another commune's rows");
    }

    [Fact]
    public async Task A_province_viewer_gets_nothing_from_the_member_services()
    {
        int own;
        await using (var db = app.SystemContext())
        {
            own = await db.PartyMembers.Where(m => m.CommuneId == app.CommuneOne).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        }

        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Province);
        var queries = circuit.Get<MemberQueries>();
        (await queries.ListAsync(new MemberListQuery())).Total.Should().Be(0);
        (await queries.CellsAsync()).Should().BeEmpty();
        (await queries.FindAsync(own)).Should().BeNull();
        (await circuit.Get<MemberHistory>().ForAsync(own)).Should().BeNull();
        (await circuit.Get<MemberAdmin>().SetHomeVisitAsync(own, true)).Outcome.Should().Be(MemberChangeOutcome.Denied);
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : MemberIsolationTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : MemberIsolationTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : MemberIsolationTests(app);
}
