using System.Net;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Members;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.Planning;

namespace PartyCardIntake.IntegrationTests.Planning;

public abstract class PlanningPageTests(AppFixture app)
{
    [Fact]
    public async Task The_station_lead_plans_the_commune_and_every_waiting_member_gets_a_slot_once()
    {
        var result = await PlanAsync(DemoAccounts.Lead);
        result.Outcome.Should().Be(PlanRunOutcome.Done);
        result.Plan!.FinishDate.Should().NotBeNull();
        result.Plan.Waits.MeanMinutes.Should().BeGreaterThan(0, "members come at random within their slot, so some wait");
        using var client = await app.SignedInClientAsync(DemoAccounts.Lead);
        (await client.GetStringAsync("/planning")).Should().Contain("data-testid=\"plan-day\"").And.Contain("data-testid=\"slot\"");

        await using var db = app.SystemContext();
        // Members visited at home and those in slots made by hand (other tests make some) are not planned again.
        var waiting = await db.PartyMembers.CountAsync(m => m.CommuneId == app.CommuneOne && m.Exemption == null && !m.NeedsHomeVisit
            && !db.Applications.Any(a => a.MemberId == m.Id && a.State != ApplicationState.Cancelled)
            && !db.SlotMembers.Any(e => e.MemberId == m.Id && e.ScheduleSlot!.IsManual && e.ScheduleSlot.End > VietnamClock.Now));
        var planned = await db.ScheduleSlots.Where(s => s.CommuneId == app.CommuneOne && !s.IsManual).SumAsync(s => s.Members);
        planned.Should().Be(waiting);

        // Planning again replaces the future plan instead of adding to it.
        await PlanAsync(DemoAccounts.Lead);
        await using var again = app.SystemContext();
        (await again.ScheduleSlots.Where(s => s.CommuneId == app.CommuneOne && !s.IsManual).SumAsync(s => s.Members)).Should().Be(waiting);
        (await again.ScheduleSlots.AnyAsync(s => s.CommuneId == app.CommuneTwo)).Should().BeFalse();
    }

    [Fact]
    public async Task A_cell_gets_its_schedule_as_an_ics_file_and_other_communes_cells_are_not_found()
    {
        await PlanAsync(DemoAccounts.Lead);
        await using var db = app.SystemContext();
        var cellId = await db.ScheduleSlots.Where(s => s.CommuneId == app.CommuneOne).Select(s => s.PartyCellId).FirstAsync();
        var cellName = await db.PartyCells.Where(c => c.Id == cellId).Select(c => c.Name).SingleAsync();
        // The calendar lists the cell's slots from today on (Vietnamese time); another test's slot may have ended yesterday.
        var today = VietnamClock.Now.Date;
        var slots = await db.ScheduleSlots.CountAsync(s => s.PartyCellId == cellId && s.Start >= today);

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

        // The services refuse the officer whatever the page shows.
        int slotId;
        await using (var db = app.SystemContext())
        {
            slotId = await db.ScheduleSlots.Where(s => s.CommuneId == app.CommuneOne).OrderByDescending(s => s.End).Select(s => s.Id).FirstAsync();
        }

        await using var officer = await CircuitScope.ForAsync(app, DemoAccounts.Officer);
        (await officer.Get<PlanningService>().PlanAsync()).Outcome.Should().Be(PlanRunOutcome.NotFound);
        var editor = officer.Get<ScheduleEditor>();
        editor.CanEdit.Should().BeFalse();
        (await editor.MoveAsync(slotId, new SlotForm { SiteId = 1, Date = DateTime.Today.AddDays(2), From = new TimeSpan(8, 0, 0), To = new TimeSpan(9, 0, 0) })).Outcome.Should().Be(SlotOutcome.NotFound);
        (await editor.SplitAsync(slotId, new SplitForm { FirstPart = 1 })).Outcome.Should().Be(SlotOutcome.NotFound);
        (await editor.RemoveAsync(slotId)).Outcome.Should().Be(SlotOutcome.NotFound);
        (await editor.AddAsync(new SlotForm { CellId = 1, SiteId = 1, Date = DateTime.Today.AddDays(2), From = new TimeSpan(8, 0, 0), To = new TimeSpan(9, 0, 0), Members = 1 })).Outcome.Should().Be(SlotOutcome.NotFound);
        (await officer.Get<ScheduleCalendar>().MissedAsync(DateOnly.FromDateTime(DateTime.Today))).Should().BeEmpty();
        (await officer.Get<ScheduleCalendar>().SlotAsync(slotId)).Should().NotBeNull("officers read the calendar");
        await using var check = app.SystemContext();
        (await check.ScheduleSlots.AnyAsync(s => s.Id == slotId)).Should().BeTrue();
    }

    [Theory]
    [InlineData(51)]
    [InlineData(-1)]
    public async Task A_walk_in_reserve_outside_0_to_50_percent_is_refused(int reserve)
    {
        var result = await PlanAsync(DemoAccounts.Lead, reserve);

        result.Outcome.Should().Be(PlanRunOutcome.ReserveInvalid);
        result.Message.Should().Be("Phần dành cho người đến ngoài lịch phải là số nguyên từ 0 đến 50 (%).");
        new PlanRunFormValidator().Validate(new PlanRunForm { Reserve = reserve }).Errors.Should().ContainSingle()
            .Which.ErrorMessage.Should().Be(result.Message);
        new PlanRunFormValidator().Validate(new PlanRunForm { Reserve = null }).IsValid.Should().BeFalse();
    }

    [Fact]
    public async Task The_walk_in_reserve_lengthens_the_slots_and_is_remembered()
    {
        try
        {
            await PlanAsync(DemoAccounts.Lead, 20);
            await using (var lead = await CircuitScope.ForAsync(app, DemoAccounts.Lead))
            {
                (await lead.Get<PlanningService>().ReservePercentAsync()).Should().Be(20);
            }

            await using var db = app.SystemContext();
            var tomorrow = VietnamClock.Now.Date.AddDays(1);
            var slot = await db.ScheduleSlots.Where(s => s.CommuneId == app.CommuneOne && !s.IsManual && s.Start >= tomorrow)
                .OrderBy(s => s.Start).Select(s => new { s.Start, s.End, s.Members, Devices = s.IntakeSite!.Devices.Count(d => d.IsActive), s.IntakeSite.MinutesPerMember })
                .FirstAsync();
            (slot.End - slot.Start).TotalMinutes.Should().Be(Math.Ceiling(slot.Members * slot.MinutesPerMember / (slot.Devices * 0.8)));
        }
        finally
        {
            await PlanAsync(DemoAccounts.Lead, 0);
        }
    }

    /// <summary>Plans the commune as the planning page's button does, through <see cref="PlanningService"/> in the user's circuit.</summary>
    private async Task<PlanRunResult> PlanAsync(string userName, int? reserve = null)
    {
        await using var scope = await CircuitScope.ForAsync(app, userName);
        return await scope.Get<PlanningService>().PlanAsync(reserve);
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : PlanningPageTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : PlanningPageTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : PlanningPageTests(app);
}
