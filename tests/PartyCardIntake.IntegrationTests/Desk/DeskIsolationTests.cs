using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Members;
using PartyCardIntake.IntegrationTests.Security;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Web.Features.Desk;

namespace PartyCardIntake.IntegrationTests.Desk;

/// <summary>
/// Every service method the desk's circuit calls, by each desk role of the first demo commune, with the second
/// commune's ids: nothing found, nothing listed, nothing changed. The desk reaches the data only through these
/// methods (the save through DeskSubmission, which TenantIsolationTests tries over its HTTP route).
/// </summary>
public abstract class DeskIsolationTests(AppFixture app)
{
    private static readonly string[] DeskAccounts = [DemoAccounts.Officer, DemoAccounts.Lead];

    [Fact]
    public async Task Another_communes_ids_are_not_found_by_any_method_of_the_desk()
    {
        var foreign = await ForeignData.LoadAsync(app, app.CommuneTwo);
        var members = foreign.Members.Take(5).ToList();
        var (slot, device, site) = await ForeignTodayAsync(members);
        try
        {
            await TryEveryMethodAsync(foreign, members, slot, device, site);
        }
        finally
        {
            // Other tests of the collection expect the second commune without a schedule of its own.
            await using var db = app.SystemContext();
            await db.CaptureDrafts.Where(d => d.DeviceId == device && d.MemberId == members[0]).ExecuteDeleteAsync();
            await db.SlotMembers.Where(e => e.ScheduleSlotId == slot).ExecuteDeleteAsync();
            await db.ScheduleSlots.Where(s => s.Id == slot).ExecuteDeleteAsync();
        }
    }

    private async Task TryEveryMethodAsync(ForeignData foreign, List<int> members, int slot, int device, int site)
    {
        List<(string IdNumber, string FullName)> identities;
        await using (var db = app.SystemContext())
        {
            identities = (await db.PartyMembers.Where(m => members.Contains(m.Id)).Select(m => new { m.IdNumber, m.FullName }).ToListAsync())
                .Select(m => (m.IdNumber.Value, m.FullName)).ToList();
        }

        var before = await ForeignData.FingerprintAsync(app, app.CommuneTwo);
        var drafts = await DraftCountAsync();
        foreach (var account in DeskAccounts)
        {
            await using var circuit = await CircuitScope.ForAsync(app, account);
            var queries = circuit.Get<DeskQueries>();
            var checks = circuit.Get<DeskCheck>();
            var arrivals = circuit.Get<ArrivalService>();
            var session = circuit.Get<DeskSession>();
            var captures = circuit.Get<CaptureDrafts>();

            foreach (var (idNumber, fullName) in identities)
            {
                (await queries.SearchAsync(idNumber)).Rows.Should().BeEmpty($"{account}: ID number of another commune");
                (await queries.SearchAsync(fullName)).Rows.Select(r => r.Id).Should().NotIntersectWith(members, account);
            }

            foreach (var id in members)
            {
                (await queries.MemberAsync(id)).Should().BeNull($"{account}: DeskQueries.MemberAsync({id})");
                (await queries.LastCheckAsync(id)).Should().BeNull($"{account}: DeskQueries.LastCheckAsync({id})");
                (await checks.CheckAsync(id)).Should().BeNull($"{account}: DeskCheck.CheckAsync({id})");
                (await arrivals.CheckInAsync(slot, id, account)).Should().BeFalse($"{account}: ArrivalService.CheckInAsync({slot}, {id})");
                (await captures.FindAsync(device, id)).Should().BeNull($"{account}: CaptureDrafts.FindAsync({device}, {id})");
                await captures.DeleteAsync(device, id);
            }

            foreach (var foreignSite in foreign.Sites)
            {
                (await arrivals.TodayAsync(foreignSite)).Should().BeEmpty($"{account}: ArrivalService.TodayAsync({foreignSite})");
                (await queries.TodayAsync(foreignSite)).Should().BeEmpty($"{account}: DeskQueries.TodayAsync({foreignSite})");
            }

            (await session.FindAsync(site, device)).Should().BeNull($"{account}: DeskSession.FindAsync({site}, {device})");
            (await session.ChoicesAsync()).Select(c => c.SiteId).Should().NotIntersectWith(foreign.Sites, account);
            var station = new DeskStation(site, "x", device, "x");
            var keep = () => captures.SavePhotoAsync(station, members[0], "x", Guid.NewGuid(), [1, 2, 3]);
            await keep.Should().ThrowAsync<InvalidOperationException>($"{account}: a draft on another commune's device");
        }

        (await ForeignData.FingerprintAsync(app, app.CommuneTwo)).Should().Be(before, "no write may reach another commune's rows");
        (await DraftCountAsync()).Should().Be(drafts, "another commune's draft is neither removed nor added to");
        await using var after = app.SystemContext();
        var checkedIn = await after.SlotMembers.Where(e => e.ScheduleSlotId == slot).Select(e => e.CheckedInAt).ToListAsync();
        checkedIn.Should().NotBeEmpty("the foreign slot has its members").And.OnlyContain(at => at == null, "no check-in reaches another commune's slot");
    }

    /// <summary>
    /// A slot of the second commune running now with its members expected, and a draft of one of them at one of its
    /// devices: what a desk of that commune would find, so that finding nothing here means the scope kept it out.
    /// </summary>
    private async Task<(int Slot, int Device, int Site)> ForeignTodayAsync(List<int> members)
    {
        await using var db = app.SystemContext();
        var device = await db.Devices.Where(d => d.CommuneId == app.CommuneTwo && d.IsActive).OrderBy(d => d.Id).Select(d => new { d.Id, d.IntakeSiteId }).FirstAsync();
        var cell = await db.PartyMembers.Where(m => m.Id == members[0]).Select(m => m.PartyCellId).SingleAsync();
        var now = DateTime.UtcNow.AddHours(7);
        var slot = new ScheduleSlot
        {
            CommuneId = app.CommuneTwo, IntakeSiteId = device.IntakeSiteId, PartyCellId = cell, IsManual = true, Members = members.Count,
            Start = now.AddMinutes(-20), End = now.AddMinutes(40), CreatedAt = DateTime.UtcNow,
        };
        slot.Expected.AddRange(members.Select(id => new SlotMember { MemberId = id, CommuneId = app.CommuneTwo }));
        db.ScheduleSlots.Add(slot);
        db.CaptureDrafts.Add(new CaptureDraft
        {
            CommuneId = app.CommuneTwo, DeviceId = device.Id, MemberId = members[0], UserId = "x", IdempotencyKey = Guid.NewGuid(),
            Photo = [1, 2, 3], UpdatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        return (slot.Id, device.Id, device.IntakeSiteId);
    }

    private async Task<int> DraftCountAsync()
    {
        await using var db = app.SystemContext();
        return await db.CaptureDrafts.CountAsync(d => d.CommuneId == app.CommuneTwo);
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : DeskIsolationTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : DeskIsolationTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : DeskIsolationTests(app);
}
