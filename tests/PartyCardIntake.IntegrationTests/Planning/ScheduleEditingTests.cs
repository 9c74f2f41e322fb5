using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Planning;
using PartyCardIntake.Core.Scheduling;
using PartyCardIntake.IntegrationTests.Members;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.Planning;

namespace PartyCardIntake.IntegrationTests.Planning;

/// <summary>The calendar's hand edits. Each test makes its own slots on a day far ahead, so that tests sharing the application do not meet.</summary>
public abstract class ScheduleEditingTests(AppFixture app)
{
    // Days 2–20 ahead: inside the three weeks the calendar shows, one day per slot made here.
    private static int _nextDay = 1;

    [Fact]
    public async Task Planning_assigns_every_waiting_member_to_exactly_one_slot_and_leaves_home_visits_out()
    {
        int homeVisitMember;
        await using (var db = app.SystemContext())
        {
            var taken = app.TakenMembers.ToList();
            var member = await db.PartyMembers.Where(m => m.CommuneId == app.CommuneOne && m.Exemption == null && !m.NeedsHomeVisit && !taken.Contains(m.Id)
                && !db.Applications.Any(a => a.MemberId == m.Id) && !db.SlotMembers.Any(e => e.MemberId == m.Id && e.ScheduleSlot!.IsManual))
                .OrderByDescending(m => m.Id).FirstAsync();
            app.TakenMembers.Add(member.Id);
            member.NeedsHomeVisit = true;
            homeVisitMember = member.Id;
            await db.SaveChangesAsync();
        }

        (await PlanAsync()).Outcome.Should().Be(PlanRunOutcome.Done);

        await using var check = app.SystemContext();
        var tomorrow = VietnamClock.Now.Date.AddDays(1);
        var planned = await check.ScheduleSlots.Where(s => s.CommuneId == app.CommuneOne && !s.IsManual && s.Start >= tomorrow)
            .Select(s => new { s.Members, Expected = s.Expected.Count }).ToListAsync();
        planned.Should().NotBeEmpty().And.OnlyContain(s => s.Members == s.Expected);
        var assigned = await check.SlotMembers.Where(e => e.CommuneId == app.CommuneOne && e.ScheduleSlot!.End > VietnamClock.Now)
            .GroupBy(e => e.MemberId).Select(g => g.Count()).ToListAsync();
        assigned.Should().OnlyContain(count => count == 1);
        (await check.SlotMembers.AnyAsync(e => e.MemberId == homeVisitMember)).Should().BeFalse();
        var waiting = await check.PartyMembers.CountAsync(m => m.CommuneId == app.CommuneOne && m.Exemption == null && !m.NeedsHomeVisit
            && !check.Applications.Any(a => a.MemberId == m.Id && a.State != ApplicationState.Cancelled));
        assigned.Should().HaveCount(waiting);
    }

    [Fact]
    public async Task A_moved_slot_keeps_its_members_becomes_manual_and_survives_replanning()
    {
        var (slotId, _, day) = await SlotAsync(members: 10);
        await using var lead = await CircuitScope.ForAsync(app, DemoAccounts.Lead);

        var result = await lead.Get<ScheduleEditor>().MoveAsync(slotId, Form(await SiteAsync(), day, "14:00", "14:30"));

        result.Outcome.Should().Be(SlotOutcome.Done);
        result.SlotId.Should().Be(slotId);
        (await lead.Get<ScheduleCalendar>().SlotAsync(slotId))!.Slot.Start.Should().Be(day.ToDateTime(new TimeOnly(14, 0)));
        await PlanAsync();
        await using var db = app.SystemContext();
        var slot = await db.ScheduleSlots.Include(s => s.Expected).SingleAsync(s => s.Id == slotId);
        slot.IsManual.Should().BeTrue();
        slot.Start.Should().Be(day.ToDateTime(new TimeOnly(14, 0)));
        slot.End.Should().Be(day.ToDateTime(new TimeOnly(14, 30)));
        slot.Expected.Should().HaveCount(10);
    }

    [Theory]
    [InlineData("10:00", "09:00", "To", "Giờ kết thúc phải sau giờ bắt đầu.")]
    [InlineData(null, "10:00", "From", "Nhập giờ bắt đầu (HH:mm).")]
    [InlineData("09:00", null, "To", "Nhập giờ kết thúc (HH:mm).")]
    public async Task A_move_with_wrong_times_is_refused_beside_the_field_and_nothing_changes(string? from, string? to, string field, string message)
    {
        var (slotId, start, day) = await SlotAsync(members: 5);
        await using var lead = await CircuitScope.ForAsync(app, DemoAccounts.Lead);

        var result = await lead.Get<ScheduleEditor>().MoveAsync(slotId, Form(await SiteAsync(), day, from, to));

        result.Outcome.Should().Be(SlotOutcome.Invalid);
        result.Errors.Should().ContainSingle().Which.Should().Be(new SlotFieldError(field, message));
        await using var db = app.SystemContext();
        (await db.ScheduleSlots.SingleAsync(s => s.Id == slotId)).Start.Should().Be(start);
    }

    [Fact]
    public async Task A_slot_cannot_be_moved_into_the_past_nor_to_another_communes_site()
    {
        var (slotId, start, _) = await SlotAsync(members: 5);
        await using var lead = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var editor = lead.Get<ScheduleEditor>();
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(-1);
        int foreignSite;
        await using (var db = app.SystemContext())
        {
            foreignSite = await db.IntakeSites.Where(s => s.CommuneId == app.CommuneTwo).Select(s => s.Id).FirstAsync();
        }

        var past = await editor.MoveAsync(slotId, Form(await SiteAsync(), yesterday, "08:00", "09:00"));
        past.Outcome.Should().Be(SlotOutcome.InPast);
        past.Message.Should().Be("Không thể xếp buổi vào thời gian đã qua.");
        past.Field.Should().Be(nameof(SlotForm.Date));
        (await editor.MoveAsync(slotId, Form(foreignSite, DateOnly.FromDateTime(start), "08:00", "09:00"))).Outcome.Should().Be(SlotOutcome.NotFound);
        await using var check = app.SystemContext();
        var slot = await check.ScheduleSlots.SingleAsync(s => s.Id == slotId);
        (slot.Start, slot.IntakeSiteId).Should().Be((start, await SiteAsync()));
    }

    [Fact]
    public async Task A_move_past_the_communes_deadline_is_refused_whether_typed_or_dragged_and_the_slot_stays()
    {
        var (slotId, start, _) = await SlotAsync(members: 5);
        DateOnly deadline;
        await using (var db = app.SystemContext())
        {
            deadline = (await db.Communes.Where(c => c.Id == app.CommuneOne).Select(c => c.Deadline ?? c.Province!.Deadline).SingleAsync())!.Value;
        }

        await using var lead = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var editor = lead.Get<ScheduleEditor>();

        // The users' case: a slot moved long after the deadline (01/02/2027 then) was accepted and vanished from the calendar.
        foreach (var day in new[] { deadline.AddDays(1), deadline.AddDays(45) })
        {
            var result = await editor.MoveAsync(slotId, Form(await SiteAsync(), day, "08:00", "09:00"));
            result.Outcome.Should().Be(SlotOutcome.AfterDeadline);
            result.Field.Should().Be(nameof(SlotForm.Date));
            result.Message.Should().Be($"Không thể xếp buổi sau hạn hoàn thành của xã/phường ({deadline:dd/MM/yyyy}).");
        }

        // A slot made by hand after the deadline is refused the same way.
        int cellId;
        await using (var db = app.SystemContext())
        {
            cellId = (await db.ScheduleSlots.SingleAsync(s => s.Id == slotId)).PartyCellId;
        }

        var added = Form(await SiteAsync(), deadline.AddDays(2), "08:00", "09:00");
        added.CellId = cellId;
        added.Members = 1;
        (await editor.AddAsync(added)).Outcome.Should().Be(SlotOutcome.AfterDeadline);

        // On the deadline itself the slot may go.
        (await editor.MoveAsync(slotId, Form(await SiteAsync(), deadline, "08:00", "09:00"))).Outcome.Should().Be(SlotOutcome.Done);
        (await editor.MoveAsync(slotId, Form(await SiteAsync(), DateOnly.FromDateTime(start), "08:00", "09:00"))).Outcome.Should().Be(SlotOutcome.Done);
        await using var check = app.SystemContext();
        (await check.ScheduleSlots.SingleAsync(s => s.Id == slotId)).Start.Should().Be(start);
    }

    [Fact]
    public async Task A_move_outside_the_sites_hours_is_refused_and_a_special_day_counts_with_its_own_hours()
    {
        var (slotId, start, day) = await SlotAsync(members: 5);
        var siteId = await SiteAsync();
        await using var lead = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var editor = lead.Get<ScheduleEditor>();

        var early = await editor.MoveAsync(slotId, Form(siteId, day, "05:00", "06:00"));
        early.Outcome.Should().Be(SlotOutcome.OutsideHours);
        early.Message.Should().Be("Buổi phải nằm trọn trong giờ làm việc của điểm tiếp nhận ngày đó.");

        // This test's own day becomes a special day at the site, open 09:00–10:00 only.
        string? exceptions;
        await using (var db = app.SystemContext())
        {
            var site = await db.IntakeSites.SingleAsync(s => s.Id == siteId);
            exceptions = site.ExceptionsJson;
            var schedule = site.Schedule;
            site.ExceptionsJson = new SiteSchedule(schedule.Weekly, [.. schedule.Exceptions, new SpecialDay(day, [new OpeningInterval(new TimeOnly(9, 0), new TimeOnly(10, 0))])]).ToExceptionsJson();
            await db.SaveChangesAsync();
        }

        try
        {
            (await editor.MoveAsync(slotId, Form(siteId, day, "08:00", "09:00"))).Outcome.Should().Be(SlotOutcome.OutsideHours, "the special day opens at 09:00");
            var calendar = await lead.Get<ScheduleCalendar>().GetAsync(day, 1);
            calendar.HoursOf(siteId, day).Should().Equal(new OpeningInterval(new TimeOnly(9, 0), new TimeOnly(10, 0)));
            calendar.RefusalIf(siteId, day.ToDateTime(new TimeOnly(8, 0)), day.ToDateTime(new TimeOnly(9, 0))).Should().Be(PlacementRefusal.OutsideHours);
            (await editor.MoveAsync(slotId, Form(siteId, day, "09:00", "10:00"))).Outcome.Should().Be(SlotOutcome.Done);
        }
        finally
        {
            await using var db = app.SystemContext();
            var site = await db.IntakeSites.SingleAsync(s => s.Id == siteId);
            site.ExceptionsJson = exceptions;
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task Another_communes_slot_cell_and_site_are_not_found_by_every_service_method()
    {
        int foreign, foreignCell, foreignSite;
        await using (var db = app.SystemContext())
        {
            var site = await db.IntakeSites.FirstAsync(s => s.CommuneId == app.CommuneTwo);
            var cell = await db.PartyCells.FirstAsync(c => c.CommuneId == app.CommuneTwo);
            var day = DateTime.UtcNow.AddHours(7).Date.AddDays(3);
            var slot = new ScheduleSlot { CommuneId = app.CommuneTwo, IntakeSiteId = site.Id, PartyCellId = cell.Id, Start = day.AddHours(8), End = day.AddHours(9), Members = 0, IsManual = true, CreatedAt = DateTime.UtcNow };
            db.ScheduleSlots.Add(slot);
            await db.SaveChangesAsync();
            (foreign, foreignCell, foreignSite) = (slot.Id, cell.Id, site.Id);
        }

        try
        {
            // The page answers 404, as for a made-up id (it answered 200 with a message before).
            using var client = await app.SignedInClientAsync(DemoAccounts.Lead);
            using (var response = await client.GetAsync($"/planning/slots/{foreign}"))
            {
                response.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
            }

            var (own, _, ownDay) = await SlotAsync(members: 2);
            await using var lead = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
            var editor = lead.Get<ScheduleEditor>();
            var calendar = lead.Get<ScheduleCalendar>();
            var elsewhere = Form(await SiteAsync(), ownDay, "15:00", "16:00");
            (await calendar.SlotAsync(foreign)).Should().BeNull();
            (await calendar.GetAsync(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)), 21)).Slots.Should().NotContain(s => s.Id == foreign);
            (await editor.MoveAsync(foreign, elsewhere)).Outcome.Should().Be(SlotOutcome.NotFound);
            (await editor.SplitAsync(foreign, new SplitForm { FirstPart = 1 })).Outcome.Should().Be(SlotOutcome.NotFound);
            (await editor.RemoveAsync(foreign)).Outcome.Should().Be(SlotOutcome.NotFound);
            (await editor.MoveAsync(own, Form(foreignSite, ownDay, "15:00", "16:00"))).Outcome.Should().Be(SlotOutcome.NotFound);
            var foreignCellSlot = Form(await SiteAsync(), ownDay, "15:00", "16:00");
            foreignCellSlot.CellId = foreignCell;
            foreignCellSlot.Members = 1;
            (await editor.AddAsync(foreignCellSlot)).Outcome.Should().Be(SlotOutcome.NotFound);
            await using var check = app.SystemContext();
            var stored = await check.ScheduleSlots.SingleAsync(s => s.Id == foreign);
            (stored.Start, stored.IntakeSiteId).Should().Be((DateTime.UtcNow.AddHours(7).Date.AddDays(3).AddHours(8), foreignSite));
        }
        finally
        {
            await using var db = app.SystemContext();
            await db.ScheduleSlots.Where(s => s.Id == foreign).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task Splitting_keeps_the_first_members_in_list_order_and_gives_the_rest_a_slot_right_after()
    {
        var (slotId, start, _) = await SlotAsync(members: 12);
        await using var lead = await CircuitScope.ForAsync(app, DemoAccounts.Lead);

        (await lead.Get<ScheduleEditor>().SplitAsync(slotId, new SplitForm { FirstPart = 5 })).Outcome.Should().Be(SlotOutcome.Done);

        await using var db = app.SystemContext();
        var first = await db.ScheduleSlots.Include(s => s.Expected).ThenInclude(e => e.Member).SingleAsync(s => s.Id == slotId);
        var second = await db.ScheduleSlots.Include(s => s.Expected).ThenInclude(e => e.Member)
            .SingleAsync(s => s.PartyCellId == first.PartyCellId && s.Start == first.End && s.Id != slotId);
        first.Expected.Should().HaveCount(5);
        first.Members.Should().Be(5);
        second.Expected.Should().HaveCount(7);
        second.End.Should().Be(start.AddMinutes(60));
        first.End.Should().Be(start.AddMinutes(Math.Ceiling(5.0 * await MinutesAsync() / await DevicesAsync())));
        var keys = first.Expected.Select(e => e.Member!.SortKey).Max(StringComparer.Ordinal);
        second.Expected.Should().OnlyContain(e => string.CompareOrdinal(e.Member!.SortKey, keys) >= 0);
        (first.IsManual && second.IsManual).Should().BeTrue();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(null)]
    public async Task A_split_with_a_wrong_count_is_refused(int? firstPart)
    {
        var (slotId, _, _) = await SlotAsync(members: 12);
        await using var lead = await CircuitScope.ForAsync(app, DemoAccounts.Lead);

        var result = await lead.Get<ScheduleEditor>().SplitAsync(slotId, new SplitForm { FirstPart = firstPart });

        result.Outcome.Should().Be(SlotOutcome.SplitCount);
        result.Message.Should().Be("Số đảng viên giữ lại phải từ 1 đến ít hơn số người của buổi.");
        await using var db = app.SystemContext();
        (await db.SlotMembers.CountAsync(e => e.ScheduleSlotId == slotId)).Should().Be(12);
    }

    [Fact]
    public async Task Removing_a_slot_puts_its_members_back_and_a_slot_added_by_hand_takes_them()
    {
        var (slotId, _, day) = await SlotAsync(members: 8);
        int cellId;
        await using (var db = app.SystemContext())
        {
            cellId = (await db.ScheduleSlots.SingleAsync(s => s.Id == slotId)).PartyCellId;
        }

        await using var lead = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var editor = lead.Get<ScheduleEditor>();
        (await editor.RemoveAsync(slotId)).Outcome.Should().Be(SlotOutcome.Done);
        (await lead.Get<ScheduleCalendar>().GetAsync(day, 1)).Unscheduled.Should().Contain(c => c.Id == cellId);

        int waiting;
        await using (var db = app.SystemContext())
        {
            var now = VietnamClock.Now;
            waiting = await db.PartyMembers.CountAsync(m => m.PartyCellId == cellId && m.Exemption == null && !m.NeedsHomeVisit
                && !db.Applications.Any(a => a.MemberId == m.Id && a.State != ApplicationState.Cancelled)
                && !db.SlotMembers.Any(e => e.MemberId == m.Id && e.ScheduleSlot!.End > now));
        }

        waiting.Should().BeGreaterThanOrEqualTo(8);
        var form = Form(await SiteAsync(), day, "15:00", "16:00");
        form.CellId = cellId;
        form.Members = waiting + 1;
        var tooMany = await editor.AddAsync(form);
        tooMany.Outcome.Should().Be(SlotOutcome.MembersCount);
        tooMany.Message.Should().Be("Số đảng viên phải từ 1 đến số người của chi bộ chưa có lịch.");

        form.Members = 8;
        var added = await editor.AddAsync(form);
        added.Outcome.Should().Be(SlotOutcome.Done);
        await using var check = app.SystemContext();
        var slot = await check.ScheduleSlots.Include(s => s.Expected).SingleAsync(s => s.Id == added.SlotId);
        slot.Start.Should().Be(day.ToDateTime(new TimeOnly(15, 0)));
        slot.Expected.Should().HaveCount(8);
        slot.IsManual.Should().BeTrue();
        var cells = await check.PartyMembers.Where(m => slot.Expected.Select(e => e.MemberId).Contains(m.Id)).Select(m => m.PartyCellId).Distinct().ToListAsync();
        cells.Should().Equal(cellId);
    }

    [Fact]
    public async Task Overlapping_and_overfull_slots_are_flagged_and_the_banner_links_to_each()
    {
        var (first, start, day) = await SlotAsync(members: 10);
        var (second, _, _) = await SlotAsync(members: 30, day: day, from: new TimeOnly(start.Hour, 30));
        await using var lead = await CircuitScope.ForAsync(app, DemoAccounts.Lead);

        var view = await lead.Get<ScheduleCalendar>().GetAsync(day, 1);
        view.Slots.Single(s => s.Id == first).Problems.Should().HaveFlag(SlotProblem.Overlap);
        view.Slots.Single(s => s.Id == second).Problems.Should().HaveFlag(SlotProblem.OverCapacity);

        // A move is flagged before it is saved, as the calendar shows it while the slot is dragged.
        var (third, thirdStart, thirdDay) = await SlotAsync(members: 5);
        var both = await lead.Get<ScheduleCalendar>().GetAsync(thirdDay < day ? thirdDay : day, Math.Abs(day.DayNumber - thirdDay.DayNumber) + 1);
        both.ProblemsIf(third, await SiteAsync(), start, start.AddMinutes(60)).Should().HaveFlag(SlotProblem.Overlap);
        // Where it already is, the check answers what the calendar shows for it (other tests' slots may share that day).
        var overlapsWhereItIs = both.Slots.Single(s => s.Id == third).Problems.HasFlag(SlotProblem.Overlap);
        both.ProblemsIf(third, await SiteAsync(), thirdStart, thirdStart.AddMinutes(60)).HasFlag(SlotProblem.Overlap).Should().Be(overlapsWhereItIs);

        // The planning page's banner lists each flagged slot as a link that opens it.
        using var client = await app.SignedInClientAsync(DemoAccounts.Lead);
        var page = await client.GetStringAsync("/planning");
        page.Should().Contain("data-testid=\"plan-flagged\"");
        page.Should().MatchRegex($"href=\"/planning/slots/{first}\"[^>]*data-testid=\"flagged-slot\"|data-testid=\"flagged-slot\"[^>]*href=\"/planning/slots/{first}\"");
        page.Should().Contain($"/planning/slots/{second}");
    }

    /// <summary>Plans the commune as the planning page's button does.</summary>
    private async Task<PlanRunResult> PlanAsync()
    {
        await using var scope = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        return await scope.Get<PlanningService>().PlanAsync();
    }

    private static SlotForm Form(int siteId, DateOnly day, string? from, string? to) => new()
    {
        SiteId = siteId,
        Date = day.ToDateTime(TimeOnly.MinValue),
        From = from is null ? null : TimeOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture).ToTimeSpan(),
        To = to is null ? null : TimeOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture).ToTimeSpan(),
    };

    /// <summary>A hand-made slot of 60 minutes (from 08:00 unless told) for members of a cell, taken from those not expected anywhere.</summary>
    private async Task<(int Id, DateTime Start, DateOnly Day)> SlotAsync(int members, DateOnly? day = null, TimeOnly? from = null)
    {
        var date = day ?? DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(2 + (Interlocked.Increment(ref _nextDay) % 19));
        await using var db = app.SystemContext();
        var siteId = await SiteAsync();
        var taken = app.TakenMembers.ToList();
        var candidates = await db.PartyMembers.Where(m => m.CommuneId == app.CommuneOne && m.PartyCell!.Availability == CellAvailability.AnyTime
                && m.Exemption == null && !m.NeedsHomeVisit && !db.Applications.Any(a => a.MemberId == m.Id)
                && !db.SlotMembers.Any(e => e.MemberId == m.Id && e.ScheduleSlot!.IsManual) && !taken.Contains(m.Id))
            .Select(m => new { m.Id, m.PartyCellId }).ToListAsync();
        var cell = candidates.GroupBy(m => m.PartyCellId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First();
        var free = cell.OrderBy(m => m.Id).Select(m => m.Id).Take(members).ToList();
        free.Should().HaveCount(members, "the demo cells are large enough");
        await db.SlotMembers.Where(e => free.Contains(e.MemberId)).ExecuteDeleteAsync();
        app.TakenMembers.UnionWith(free);
        var start = date.ToDateTime(from ?? new TimeOnly(8, 0));
        var slot = new ScheduleSlot { CommuneId = app.CommuneOne, IntakeSiteId = siteId, PartyCellId = cell.Key, Start = start, End = start.AddMinutes(60), Members = members, IsManual = true, CreatedAt = DateTime.UtcNow };
        slot.Expected.AddRange(free.Select(id => new SlotMember { MemberId = id, CommuneId = app.CommuneOne }));
        db.ScheduleSlots.Add(slot);
        await db.SaveChangesAsync();
        return (slot.Id, start, date);
    }

    private async Task<int> SiteAsync()
    {
        await using var db = app.SystemContext();
        return await db.IntakeSites.Where(s => s.CommuneId == app.CommuneOne).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
    }

    private async Task<int> MinutesAsync()
    {
        await using var db = app.SystemContext();
        return await db.IntakeSites.Where(s => s.CommuneId == app.CommuneOne).OrderBy(s => s.Id).Select(s => s.MinutesPerMember).FirstAsync();
    }

    private async Task<int> DevicesAsync()
    {
        var site = await SiteAsync();
        await using var db = app.SystemContext();
        return Math.Max(1, await db.Devices.CountAsync(d => d.IntakeSiteId == site && d.IsActive));
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : ScheduleEditingTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : ScheduleEditingTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : ScheduleEditingTests(app);
}
