using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Desk;

/// <summary>Today's queue at the desk: members checked in on arrival, and those who did not come listed for re-scheduling.</summary>
public abstract partial class ArrivalTests(AppFixture app)
{
    [Fact]
    public async Task An_officer_checks_in_an_expected_member_and_the_queue_shows_who_has_arrived()
    {
        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        var (slotId, members) = await SlotAsync(await DeskSiteAsync(officer), minutesAgo: 20, minutesAhead: 40, count: 3);
        var desk = await officer.GetStringAsync("/desk");
        desk.Should().Contain("data-testid=\"desk-expected\"").And.Contain("đang đến");
        var slot = SlotOnPage(desk, members[0]);

        var fragment = await CheckInAsync(officer, desk, $"{slot}:{members[0]}");

        fragment.Should().StartWith("<section id=\"desk-queue\"");
        fragment.Should().MatchRegex($"data-member-id=\"{members[0]}\" data-status=\"Arrived\"");
        fragment.Should().MatchRegex($"data-member-id=\"{members[1]}\" data-status=\"Expected\"");
        await using var db = app.SystemContext();
        var entry = await db.SlotMembers.SingleAsync(e => e.ScheduleSlotId == slot && e.MemberId == members[0]);
        entry.CheckedInAt.Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(1));
        entry.CheckedInBy.Should().Be(DemoAccounts.Officer);
        slot.Should().Be(slotId);
    }

    [Fact]
    public async Task Checking_in_a_member_who_is_not_expected_today_is_refused_with_a_message()
    {
        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        var (slot, members) = await SlotAsync(await DeskSiteAsync(officer), minutesAgo: -60 * 24 * 2, minutesAhead: 60 * 24 * 2 + 60, count: 1);
        var desk = await officer.GetStringAsync("/desk");

        (await CheckInAsync(officer, desk, $"{slot}:{members[0]}")).Should().Contain("Đảng viên không có trong lịch hôm nay của điểm này.");
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

        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        var page = await lead.GetStringAsync("/planning/missed");
        page.Should().MatchRegex($"data-member-id=\"{members[0]}\" data-status=\"NoShow\"");
        page.Should().MatchRegex($"data-member-id=\"{members[1]}\" data-status=\"Arrived\"");

        await SignInClient.PostFormAndFollowAsync(lead, "/planning/missed", "/planning/run", []);
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

    /// <summary>The site at which the officer's desk stands, as the desk page names it.</summary>
    private async Task<int> DeskSiteAsync(HttpClient officer)
    {
        await DeskClient.ChooseStationAsync(officer);
        var page = await officer.GetStringAsync("/desk");
        var name = System.Net.WebUtility.HtmlDecode(StationPattern().Match(page).Groups[1].Value).Trim();
        await using var db = app.SystemContext();
        return await db.IntakeSites.Where(s => s.CommuneId == app.CommuneOne && s.Name == name).Select(s => s.Id).SingleAsync();
    }

    [GeneratedRegex("data-testid=\"desk-station\">.*?</i>(.*?) — <strong>", RegexOptions.Singleline)]
    private static partial Regex StationPattern();

    /// <summary>Clicks "arrived" as htmx does: the queue fragment comes back.</summary>
    private static async Task<string> CheckInAsync(HttpClient officer, string deskPage, string entry)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/desk/queue/check-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = SignInClient.AntiforgeryToken(deskPage),
                ["entry"] = entry,
            }),
        };
        request.Headers.Add("HX-Request", "true");
        using var response = await officer.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

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
}
