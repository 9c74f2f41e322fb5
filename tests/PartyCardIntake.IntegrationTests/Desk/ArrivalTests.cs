using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Members;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Web.Features.Desk;
using PartyCardIntake.Web.Features.Planning;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Desk;

/// <summary>Today's queue at the desk: members checked in on arrival, and those who did not come listed for re-scheduling.</summary>
public abstract partial class ArrivalTests(AppFixture app)
{
    [Fact]
    public async Task An_officer_checks_in_an_expected_member_and_the_queue_shows_who_has_arrived()
    {
        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        var site = await DeskSiteAsync(officer);
        var (slot, members) = await SlotAsync(site, minutesAgo: 20, minutesAhead: 40, count: 3);
        var desk = await officer.GetStringAsync("/desk");
        desk.Should().Contain("data-testid=\"desk-expected\"").And.Contain("đang đến");
        SlotOnPage(desk, members[0]).Should().Be(slot);

        // The desk's "arrived" button, in its circuit.
        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Officer);
        var arrivals = circuit.Get<ArrivalService>();
        (await arrivals.CheckInAsync(slot, members[0], DemoAccounts.Officer)).Should().BeTrue();

        var queue = (await arrivals.TodayAsync(site)).Single(s => s.Id == slot);
        queue.Members.Single(m => m.Id == members[0]).Status.Should().Be(ExpectedStatus.Arrived);
        queue.Members.Single(m => m.Id == members[1]).Status.Should().Be(ExpectedStatus.Expected);
        queue.Arrived.Should().Be(1);
        (await officer.GetStringAsync("/desk")).Should().MatchRegex($"data-member-id=\"{members[0]}\" data-status=\"Arrived\"");
        await using var db = app.SystemContext();
        var entry = await db.SlotMembers.SingleAsync(e => e.ScheduleSlotId == slot && e.MemberId == members[0]);
        entry.CheckedInAt.Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(1));
        entry.CheckedInBy.Should().Be(DemoAccounts.Officer);

        // A second press keeps the first time.
        (await arrivals.CheckInAsync(slot, members[0], DemoAccounts.Lead)).Should().BeTrue();
        await using var again = app.SystemContext();
        (await again.SlotMembers.SingleAsync(e => e.ScheduleSlotId == slot && e.MemberId == members[0])).CheckedInBy.Should().Be(DemoAccounts.Officer);
    }

    [Fact]
    public async Task Checking_in_a_member_who_is_not_expected_today_is_refused()
    {
        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        var (slot, members) = await SlotAsync(await DeskSiteAsync(officer), minutesAgo: -60 * 24 * 2, minutesAhead: 60 * 24 * 2 + 60, count: 1);

        // The desk shows Desk_CheckInUnknown for this answer.
        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Officer);
        (await circuit.Get<ArrivalService>().CheckInAsync(slot, members[0], DemoAccounts.Officer)).Should().BeFalse();
        await using var db = app.SystemContext();
        (await db.SlotMembers.Where(e => members.Contains(e.MemberId)).AllAsync(e => e.CheckedInAt == null)).Should().BeTrue();
    }

    [Fact]
    public async Task Members_of_a_finished_slot_who_did_not_come_are_listed_for_re_scheduling_and_replanning_gives_them_a_new_slot()
    {
        int site;
        await using (var sites = app.SystemContext())
        {
            site = await sites.IntakeSites.Where(s => s.CommuneId == app.CommuneOne).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        }

        var (_, members) = await SlotAsync(site, minutesAgo: 90, minutesAhead: -30, count: 2);
        await using (var db = app.SystemContext())
        {
            var entry = await db.SlotMembers.FirstAsync(e => e.MemberId == members[1]);
            entry.CheckedInAt = DateTime.UtcNow.AddMinutes(-80);
            await db.SaveChangesAsync();
        }

        // The slot's own day: in the first 90 minutes after midnight in Vietnam it began the day before.
        var slotDay = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7).AddMinutes(-90)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        var page = await lead.GetStringAsync($"/planning/missed?date={slotDay}");
        page.Should().MatchRegex($"data-member-id=\"{members[0]}\" data-status=\"NoShow\"");
        page.Should().MatchRegex($"data-member-id=\"{members[1]}\" data-status=\"Arrived\"");

        // "Re-plan for those who did not come" on the no-show page: the planning service, as its button calls it.
        await using (var scope = await Members.CircuitScope.ForAsync(app, DemoAccounts.Lead))
        {
            (await scope.Get<PartyCardIntake.Web.Features.Planning.PlanningService>().PlanAsync()).Succeeded.Should().BeTrue();
        }

        await using var check = app.SystemContext();
        var tomorrow = VietnamClock.Now.Date.AddDays(1);
        (await check.SlotMembers.CountAsync(e => members.Contains(e.MemberId) && e.ScheduleSlot!.Start >= tomorrow)).Should().Be(2);
    }

    /// <summary>A slot of a cell at a site, relative to now in Vietnam, for members nobody else uses.</summary>
    private async Task<(int Slot, List<int> Members)> SlotAsync(int siteId, int minutesAgo, int minutesAhead, int count)
    {
        await using var db = app.SystemContext();
        var taken = app.TakenMembers.ToList();
        var members = await db.PartyMembers.Where(m => m.CommuneId == app.CommuneOne && m.Exemption == null && !m.NeedsHomeVisit && !taken.Contains(m.Id)
                && !db.Applications.Any(a => a.MemberId == m.Id) && !db.SlotMembers.Any(e => e.MemberId == m.Id && e.ScheduleSlot!.IsManual))
            .OrderByDescending(m => m.Id).Take(count).Select(m => new { m.Id, m.PartyCellId }).ToListAsync();
        app.TakenMembers.UnionWith(members.Select(m => m.Id));
        var ids = members.Select(m => m.Id).ToList();
        await db.SlotMembers.Where(e => ids.Contains(e.MemberId)).ExecuteDeleteAsync();
        var now = DateTime.UtcNow.AddHours(7);
        var slot = new ScheduleSlot
        {
            CommuneId = app.CommuneOne, IntakeSiteId = siteId, PartyCellId = members[0].PartyCellId, IsManual = true, Members = count,
            Start = now.AddMinutes(-minutesAgo), End = now.AddMinutes(minutesAhead), CreatedAt = DateTime.UtcNow,
        };
        slot.Expected.AddRange(ids.Select(id => new SlotMember { MemberId = id, CommuneId = app.CommuneOne }));
        db.ScheduleSlots.Add(slot);
        await db.SaveChangesAsync();
        return (slot.Id, ids);
    }

    /// <summary>The site of the station the officer's desk chooses (the first offered), chosen.</summary>
    private static async Task<int> DeskSiteAsync(HttpClient officer)
    {
        var page = await officer.GetStringAsync("/desk/station");
        var site = int.Parse(StationOption().Match(page).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await DeskClient.ChooseStationAsync(officer);
        return site;
    }

    [GeneratedRegex("<option value=\"([0-9]+):[0-9]+\"")]
    private static partial Regex StationOption();

    private static int SlotOnPage(string page, int memberId)
    {
        var at = page.IndexOf($"data-member-id=\"{memberId}\"", StringComparison.Ordinal);
        var slot = SlotPattern().Matches(page[..at]).Last();
        return int.Parse(slot.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("data-testid=\"queue-slot\" data-slot-id=\"(\\d+)\"")]
    private static partial Regex SlotPattern();

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : ArrivalTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : ArrivalTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : ArrivalTests(app);
}
