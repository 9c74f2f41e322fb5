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
        // Members visited at home and those in slots made by hand (other tests make some) are not planned again.
        var waiting = await db.PartyMembers.CountAsync(m => m.CommuneId == app.CommuneOne && m.Exemption == null && !m.NeedsHomeVisit
            && !db.Applications.Any(a => a.MemberId == m.Id && a.State != ApplicationState.Cancelled)
            && !db.SlotMembers.Any(e => e.MemberId == m.Id && e.ScheduleSlot!.IsManual && e.ScheduleSlot.End > VietnamClock.Now));
        var planned = await db.ScheduleSlots.Where(s => s.CommuneId == app.CommuneOne && !s.IsManual).SumAsync(s => s.Members);
        planned.Should().Be(waiting);

        // Planning again replaces the future plan instead of adding to it.
        await RunAsync(client);
        await using var again = app.SystemContext();
        (await again.ScheduleSlots.Where(s => s.CommuneId == app.CommuneOne && !s.IsManual).SumAsync(s => s.Members)).Should().Be(waiting);
        (await again.ScheduleSlots.AnyAsync(s => s.CommuneId == app.CommuneTwo)).Should().BeFalse();
    }

    [Fact]
    public async Task A_cell_gets_its_schedule_as_an_ics_file_and_other_communes_cells_are_not_found()
    {
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        await RunAsync(lead);
        await using var db = app.SystemContext();
        var cellId = await db.ScheduleSlots.Where(s => s.CommuneId == app.CommuneOne).Select(s => s.PartyCellId).FirstAsync();
        var cellName = await db.PartyCells.Where(c => c.Id == cellId).Select(c => c.Name).SingleAsync();
        var slots = await db.ScheduleSlots.CountAsync(s => s.PartyCellId == cellId);

        using var committee = await app.SignedInClientAsync(DemoAccounts.Committee);
        using var response = await committee.GetAsync($"/planning/cells/{cellId}.ics");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/calendar");
        var ics = await response.Content.ReadAsStringAsync();
        ics.Should().StartWith("BEGIN:VCALENDAR\r\n").And.Contain("TZID:Asia/Ho_Chi_Minh").And.EndWith("END:VCALENDAR\r\n");
        System.Text.RegularExpressions.Regex.Count(ics, "BEGIN:VEVENT").Should().Be(slots);
        ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal).Should().Contain(cellName);
        ics.Split("\r\n").Should().OnlyContain(line => System.Text.Encoding.UTF8.GetByteCount(line) <= 75);

        var foreign = await db.PartyCells.Where(c => c.CommuneId == app.CommuneTwo).Select(c => c.Id).FirstAsync();
        (await committee.GetAsync($"/planning/cells/{foreign}.ics")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_desk_shows_which_cell_is_expected_now()
    {
        await using (var db = app.SystemContext())
        {
            // Other tests may have added sites; the desk picks one of them, so every site gets the slot.
            var sites = await db.IntakeSites.Where(s => s.CommuneId == app.CommuneOne).Select(s => s.Id).ToListAsync();
            var cell = await db.PartyCells.Where(c => c.CommuneId == app.CommuneOne).OrderBy(c => c.Id).Skip(3).FirstAsync();
            var now = DateTime.UtcNow.AddHours(7);
            db.ScheduleSlots.AddRange(sites.Select(siteId => new ScheduleSlot
            {
                CommuneId = app.CommuneOne, IntakeSiteId = siteId, PartyCellId = cell.Id, Members = 12, IsManual = true,
                Start = now.AddMinutes(-30), End = now.AddMinutes(30), CreatedAt = DateTime.UtcNow,
            }));
            await db.SaveChangesAsync();
        }

        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        await DeskClient.ChooseStationAsync(officer);
        var page = await officer.GetStringAsync("/desk");
        page.Should().Contain("data-testid=\"desk-expected\"").And.Contain("data-now=\"true\"").And.Contain("đang đến");
    }

    [Fact]
    public async Task An_officer_sees_the_calendar_but_cannot_plan_or_change_it()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Officer);
        var page = await client.GetStringAsync("/planning");
        page.Should().Contain("Lịch tiếp nhận").And.NotContain("data-testid=\"plan-run\"").And.NotContain("slot-add-form").And.NotContain("schedule-pdf");

        var token = SignInClient.AntiforgeryToken(page);
        foreach (var path in new[] { "/planning/run", "/planning/slots/create", "/planning/slots/1/move", "/planning/slots/1/remove" })
        {
            using var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, path);
            response.Headers.Location!.ToString().Should().Contain("/account/denied", path);
        }
    }

    [Theory]
    [InlineData("51")]
    [InlineData("-1")]
    [InlineData("１０")]
    public async Task A_walk_in_reserve_outside_0_to_50_percent_is_refused(string reserve)
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Lead);
        var page = await SignInClient.PostFormAndFollowAsync(client, "/planning", "/planning/run", new() { ["reserve"] = reserve });
        page.Should().Contain("Phần dành cho người đến ngoài lịch phải là số nguyên từ 0 đến 50 (%).");
    }

    [Fact]
    public async Task The_walk_in_reserve_lengthens_the_slots_and_is_remembered()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Lead);
        try
        {
            await SignInClient.PostFormAndFollowAsync(client, "/planning", "/planning/run", new() { ["reserve"] = "20" });
            (await client.GetStringAsync("/planning")).Should().Contain("id=\"plan-reserve\" name=\"reserve\" min=\"0\" max=\"50\" value=\"20\"");

            await using var db = app.SystemContext();
            var tomorrow = VietnamClock.Now.Date.AddDays(1);
            var slot = await db.ScheduleSlots.Where(s => s.CommuneId == app.CommuneOne && !s.IsManual && s.Start >= tomorrow)
                .OrderBy(s => s.Start).Select(s => new { s.Start, s.End, s.Members, Devices = s.IntakeSite!.Devices.Count(d => d.IsActive), s.IntakeSite.MinutesPerMember })
                .FirstAsync();
            (slot.End - slot.Start).TotalMinutes.Should().Be(Math.Ceiling(slot.Members * slot.MinutesPerMember / (slot.Devices * 0.8)));
        }
        finally
        {
            await SignInClient.PostFormAndFollowAsync(client, "/planning", "/planning/run", new() { ["reserve"] = "0" });
        }
    }

    private static Task<string> RunAsync(HttpClient client) =>
        SignInClient.PostFormAndFollowAsync(client, "/planning", "/planning/run", []);

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : PlanningPageTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : PlanningPageTests(app);
}
