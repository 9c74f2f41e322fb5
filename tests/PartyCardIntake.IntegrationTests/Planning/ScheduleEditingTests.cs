using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;

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

        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        await SignInClient.PostFormAndFollowAsync(lead, "/planning", "/planning/run", []);

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
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);

        var page = await PostAsync(lead, slotId, "move", new() { ["siteId"] = (await SiteAsync()).ToString(), ["date"] = Iso(day), ["from"] = "14:00", ["to"] = "14:30" });

        page.Should().Contain("data-testid=\"slot-done\"").And.Contain("Đã chuyển buổi").And.Contain("14:00–14:30");
        await SignInClient.PostFormAndFollowAsync(lead, "/planning", "/planning/run", []);
        await using var db = app.SystemContext();
        var slot = await db.ScheduleSlots.Include(s => s.Expected).SingleAsync(s => s.Id == slotId);
        slot.IsManual.Should().BeTrue();
        slot.Start.Should().Be(day.ToDateTime(new TimeOnly(14, 0)));
        slot.Expected.Should().HaveCount(10);
    }

    [Theory]
    [InlineData("10:00", "09:00", "Giờ kết thúc phải sau giờ bắt đầu.")]
    [InlineData("9h", "10:00", "Thông tin buổi chưa hợp lệ")]
    public async Task A_move_with_wrong_times_is_refused_and_nothing_changes(string from, string to, string message)
    {
        var (slotId, start, day) = await SlotAsync(members: 5);
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);

        var page = await PostAsync(lead, slotId, "move", new() { ["siteId"] = (await SiteAsync()).ToString(), ["date"] = Iso(day), ["from"] = from, ["to"] = to });

        page.Should().Contain("data-testid=\"slot-error\"").And.Contain(message);
        await using var db = app.SystemContext();
        (await db.ScheduleSlots.SingleAsync(s => s.Id == slotId)).Start.Should().Be(start);
    }

    [Fact]
    public async Task A_slot_cannot_be_moved_into_the_past_nor_to_another_communes_site()
    {
        var (slotId, start, _) = await SlotAsync(members: 5);
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(-1);
        int foreignSite;
        await using (var db = app.SystemContext())
        {
            foreignSite = await db.IntakeSites.Where(s => s.CommuneId == app.CommuneTwo).Select(s => s.Id).FirstAsync();
        }

        (await PostAsync(lead, slotId, "move", new() { ["siteId"] = (await SiteAsync()).ToString(), ["date"] = Iso(yesterday), ["from"] = "08:00", ["to"] = "09:00" }))
            .Should().Contain("Không thể xếp buổi vào thời gian đã qua.");
        (await PostAsync(lead, slotId, "move", new() { ["siteId"] = foreignSite.ToString(System.Globalization.CultureInfo.InvariantCulture), ["date"] = Iso(DateOnly.FromDateTime(start)), ["from"] = "08:00", ["to"] = "09:00" }))
            .Should().Contain("Điểm tiếp nhận không thuộc xã/phường.");
        await using var check = app.SystemContext();
        var slot = await check.ScheduleSlots.SingleAsync(s => s.Id == slotId);
        (slot.Start, slot.IntakeSiteId).Should().Be((start, await SiteAsync()));
    }

    [Fact]
    public async Task Another_communes_slot_is_not_found_and_cannot_be_changed()
    {
        int foreign;
        await using (var db = app.SystemContext())
        {
            var site = await db.IntakeSites.FirstAsync(s => s.CommuneId == app.CommuneTwo);
            var cell = await db.PartyCells.FirstAsync(c => c.CommuneId == app.CommuneTwo);
            var day = DateTime.UtcNow.AddHours(7).Date.AddDays(3);
            var slot = new ScheduleSlot { CommuneId = app.CommuneTwo, IntakeSiteId = site.Id, PartyCellId = cell.Id, Start = day.AddHours(8), End = day.AddHours(9), Members = 0, IsManual = true, CreatedAt = DateTime.UtcNow };
            db.ScheduleSlots.Add(slot);
            await db.SaveChangesAsync();
            foreign = slot.Id;
        }

        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        (await lead.GetStringAsync($"/planning/slots/{foreign}")).Should().NotContain("data-testid=\"slot-heading\"");
        var token = SignInClient.AntiforgeryToken(await lead.GetStringAsync("/planning"));
        using var response = await lead.PostAsync($"/planning/slots/{foreign}/remove", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        response.Headers.Location!.ToString().Should().Contain("error=slot.not-found");
        await using var check = app.SystemContext();
        (await check.ScheduleSlots.AnyAsync(s => s.Id == foreign)).Should().BeTrue();
        await check.ScheduleSlots.Where(s => s.Id == foreign).ExecuteDeleteAsync();
    }

    [Fact]
    public async Task Splitting_keeps_the_first_members_in_list_order_and_gives_the_rest_a_slot_right_after()
    {
        var (slotId, start, _) = await SlotAsync(members: 12);
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);

        (await PostAsync(lead, slotId, "split", new() { ["firstPart"] = "5" })).Should().Contain("Đã tách buổi làm hai.");

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
    [InlineData("0")]
    [InlineData("12")]
    [InlineData("１")]
    public async Task A_split_with_a_wrong_count_is_refused(string firstPart)
    {
        var (slotId, _, _) = await SlotAsync(members: 12);
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);

        (await PostAsync(lead, slotId, "split", new() { ["firstPart"] = firstPart })).Should().Contain("Số đảng viên giữ lại phải từ 1 đến ít hơn số người của buổi.");

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

        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        var planning = await PostAsync(lead, slotId, "remove", []);
        planning.Should().Contain("Đã bỏ buổi").And.Contain($"data-cell-id=\"{cellId}\"");

        int waiting;
        await using (var db = app.SystemContext())
        {
            var now = VietnamClock.Now;
            waiting = await db.PartyMembers.CountAsync(m => m.PartyCellId == cellId && m.Exemption == null && !m.NeedsHomeVisit
                && !db.Applications.Any(a => a.MemberId == m.Id && a.State != ApplicationState.Cancelled)
                && !db.SlotMembers.Any(e => e.MemberId == m.Id && e.ScheduleSlot!.End > now));
        }

        waiting.Should().BeGreaterThanOrEqualTo(8);
        var tooMany = await SignInClient.PostFormAndFollowAsync(lead, "/planning", "/planning/slots/create", new()
        {
            ["cellId"] = Invariant(cellId), ["siteId"] = Invariant(await SiteAsync()), ["date"] = Iso(day), ["from"] = "15:00", ["to"] = "16:00", ["members"] = Invariant(waiting + 1),
        });
        tooMany.Should().Contain("Số đảng viên phải từ 1 đến số người của chi bộ chưa có lịch.");

        var added = await SignInClient.PostFormAndFollowAsync(lead, "/planning", "/planning/slots/create", new()
        {
            ["cellId"] = Invariant(cellId), ["siteId"] = Invariant(await SiteAsync()), ["date"] = Iso(day), ["from"] = "15:00", ["to"] = "16:00", ["members"] = "8",
        });
        added.Should().Contain("Đã thêm buổi.");
        await using var check = app.SystemContext();
        var slot = await check.ScheduleSlots.Include(s => s.Expected).SingleAsync(s => s.PartyCellId == cellId && s.Start == day.ToDateTime(new TimeOnly(15, 0)));
        slot.Expected.Should().HaveCount(8);
        slot.IsManual.Should().BeTrue();
        var cells = await check.PartyMembers.Where(m => slot.Expected.Select(e => e.MemberId).Contains(m.Id)).Select(m => m.PartyCellId).Distinct().ToListAsync();
        cells.Should().Equal(cellId);
    }

    [Fact]
    public async Task Overlapping_and_overfull_slots_are_flagged_on_the_calendar()
    {
        var (first, start, day) = await SlotAsync(members: 10);
        var (second, _, _) = await SlotAsync(members: 30, day: day, from: new TimeOnly(start.Hour, 30));
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);

        var page = await lead.GetStringAsync("/planning");

        page.Should().Contain("data-testid=\"plan-flagged\"");
        Block(page, first).Should().Contain("data-flagged=\"true\"").And.Contain("Trùng giờ với buổi khác");
        Block(page, second).Should().Contain("Quá công suất thiết bị");
    }

    private static string Block(string page, int slotId)
    {
        var at = page.IndexOf($"id=\"slot-{slotId}\"", StringComparison.Ordinal);
        at.Should().BeGreaterThan(0);
        var open = page.LastIndexOf("<div", at, StringComparison.Ordinal);
        var next = page.IndexOf("class=\"calendar-slot", at, StringComparison.Ordinal);
        return page[open..(next < 0 ? page.Length : next)];
    }

    private static async Task<string> PostAsync(HttpClient client, int slotId, string action, Dictionary<string, string> fields) =>
        await SignInClient.PostFormAndFollowAsync(client, $"/planning/slots/{slotId}", $"/planning/slots/{slotId}/{action}", fields);

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

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : ScheduleEditingTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : ScheduleEditingTests(app);
}
