using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Members;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.HomeVisits;

namespace PartyCardIntake.IntegrationTests.HomeVisits;

/// <summary>
/// Appointments for members visited at home: made by the station lead through <see cref="HomeVisitService"/> (as the
/// interactive page does), seen by the officer on /home-visits/mine, closed by the desk.
/// </summary>
public abstract partial class HomeVisitTests(AppFixture app)
{
    private static readonly byte[] Photo = DeskClient.Fixture("photo-600x800.jpg");
    private static readonly byte[] Signature = DeskClient.Fixture("signature-600x200.png");
    private static readonly string Strokes = File.ReadAllText(DeskClient.FixturePath("signature-600x200.json"));

    /// <summary>Each test that books takes its own day (before the demo deadline), so that one test's visits never overlap another's.</summary>
    // A day of its own for every test that books (the same officer is booked at 09:00 by default), counted per
    // provider: the two providers' classes share nothing but this, and together they would pass the demo deadline
    // (three weeks ahead).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, int> Days = new();

    private static DateOnly VietnamToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    [Fact]
    public async Task An_appointment_is_listed_by_day_and_appears_in_the_officers_list()
    {
        var member = await FlaggedMemberAsync();
        var day = NextDay();
        var officerId = await UserIdAsync(DemoAccounts.Officer);
        await using var lead = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var queries = lead.Get<HomeVisitQueries>();
        var waitingBefore = (await queries.WaitingAsync(1)).Total;

        // From the member page the lead lands on the list's page that holds the member.
        var focused = await queries.WaitingAsync(null, member.Id);
        focused.Rows.Should().Contain(r => r.Id == member.Id);

        var result = await CreateAsync(lead, member.Id, day, f => { f.Start = new TimeSpan(14, 30, 0); f.Duration = 45; f.Note = "Gọi con trai trước khi đến"; });

        result.Outcome.Should().Be(HomeVisitOutcome.Done);
        (await queries.WaitingAsync(1)).Total.Should().Be(waitingBefore - 1, "the member has an appointment now");
        var row = (await queries.CommuneVisitsAsync()).Single(v => v.Id == result.VisitId);
        (row.MemberId, row.Start, row.End, row.State).Should().Be((member.Id, day.ToDateTime(new TimeOnly(14, 30)), day.ToDateTime(new TimeOnly(15, 15)), HomeVisitState.Planned));
        await using (var db = app.SystemContext())
        {
            var visit = await db.HomeVisits.SingleAsync(v => v.MemberId == member.Id);
            visit.CommuneId.Should().Be(app.CommuneOne);
            visit.OfficerId.Should().Be(officerId);
            visit.Team.Should().Be("Tổ lưu động 1");
            visit.Address.Should().Be("Số 12, ngõ 4, Khu 3");
            visit.Note.Should().Be("Gọi con trai trước khi đến");
            visit.Status.Should().Be(HomeVisitStatus.Planned);
        }

        // The officer's own page (prerendered) lists it with the link into the desk.
        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        var mine = await officer.GetStringAsync("/home-visits/mine");
        mine.Should().Contain(member.Name).And.Contain("Số 12, ngõ 4, Khu 3").And.Contain("14:30–15:15").And.Contain("Tổ lưu động 1")
            .And.Contain($"href=\"/desk/members/{member.Id}?from=home-visits\"").And.Contain("Thu nhận");
        if (member.Phone is not null)
        {
            mine.Should().Contain(member.Phone);
        }

        // Another officer of the commune does not see it; the member page lists it.
        await using (var lead2 = await CircuitScope.ForAsync(app, DemoAccounts.Lead))
        {
            (await lead2.Get<HomeVisitQueries>().MineAsync()).Should().NotContain(v => v.MemberId == member.Id);
        }

        using var committee = await app.SignedInClientAsync(DemoAccounts.Committee);
        (await committee.GetStringAsync($"/members/{member.Id}")).Should().Contain("Lịch thăm tại nhà").And.Contain("Đã hẹn").And.Contain("14:30–15:15");
    }

    [Theory]
    [InlineData("date", "{yesterday}", "Thời gian hẹn đã qua")]
    [InlineData("date", "{after-deadline}", "sau hạn hoàn thành")]
    [InlineData("date", "2027-03-01", "sau hạn hoàn thành")]
    [InlineData("start", "02:00", "Giờ thăm phải nằm trong khung")]
    [InlineData("start", "23:30", "Giờ thăm phải nằm trong khung")]
    [InlineData("start", "25:00", "Giờ bắt đầu không hợp lệ")]
    [InlineData("duration", "0", "Giờ kết thúc phải sau giờ bắt đầu")]
    [InlineData("duration", "-30", "Giờ kết thúc phải sau giờ bắt đầu")]
    [InlineData("duration", "300", "tối đa 240 phút")]
    [InlineData("team", " ", "Chưa nhập tổ đi thăm.")]
    [InlineData("team", "{101}", "Tối đa 100 ký tự.")]
    [InlineData("address", "", "Chưa nhập địa chỉ đến thăm.")]
    [InlineData("note", "{501}", "Tối đa 500 ký tự.")]
    [InlineData("officerId", "{officer2}", "Cán bộ được chọn không thuộc Công an xã/phường này.")]
    [InlineData("officerId", "{committee}", "Cán bộ được chọn không thuộc Công an xã/phường này.")]
    [InlineData("officerId", "{guessed}", "Cán bộ được chọn không thuộc Công an xã/phường này.")]
    [InlineData("officerId", "", "Chưa chọn cán bộ phụ trách.")]
    public async Task A_bad_appointment_is_refused_with_a_message_and_nothing_is_saved(string field, string value, string message)
    {
        var member = await FlaggedMemberAsync();
        await using var lead = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var deadline = await DeadlineAsync();
        value = value switch
        {
            "{yesterday}" => VietnamToday.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "{after-deadline}" => deadline.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "{officer2}" => await UserIdAsync(DemoAccounts.Officer2),
            "{committee}" => await UserIdAsync(DemoAccounts.Committee),
            "{guessed}" => Guid.NewGuid().ToString(),
            "{101}" => new string('a', 101),
            "{501}" => new string('b', 501),
            _ => value,
        };

        // A refusal needs no day of its own: nothing is booked.
        var result = await CreateAsync(lead, member.Id, VietnamToday.AddDays(1), f =>
        {
            switch (field)
            {
                case "date": f.Date = DateTime.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture); break;
                case "start":
                    var parts = value.Split(':');
                    f.Start = new TimeSpan(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), 0);
                    break;
                case "duration": f.Duration = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "team": f.Team = value; break;
                case "address": f.Address = value; break;
                case "note": f.Note = value; break;
                case "officerId": f.OfficerId = value; break;
            }
        });

        result.Succeeded.Should().BeFalse();
        result.Message.Should().Contain(message);
        await AssertNoVisitAsync(member.Id);
    }

    [Fact]
    public async Task A_member_not_flagged_exempted_or_already_captured_gets_no_appointment()
    {
        await using var lead = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var day = VietnamToday.AddDays(1);

        var notFlagged = await TakeMemberAsync(m => !m.NeedsHomeVisit && m.Exemption == null);
        (await CreateAsync(lead, notFlagged, day)).Message.Should().Be("Đảng viên này không được đánh dấu cần tiếp nhận tại nhà.");
        await AssertNoVisitAsync(notFlagged);

        var exempted = (await FlaggedMemberAsync()).Id;
        await using (var db = app.SystemContext())
        {
            (await db.PartyMembers.SingleAsync(m => m.Id == exempted)).Exempt(ExemptionReason.SeriouslyIll, null, VietnamToday);
            await db.SaveChangesAsync();

            // As the committee's exemption would: the commune's stored counts feed the province's figures.
            await Core.Data.MemberCounts.RecountAsync(db, app.CommuneOne);
        }

        (await CreateAsync(lead, exempted, day)).Message.Should().Contain("thuộc diện không phải cấp đổi");
        await AssertNoVisitAsync(exempted);

        var captured = await FlaggedMemberAsync();
        await using (var db = app.SystemContext())
        {
            var member = await db.PartyMembers.SingleAsync(m => m.Id == captured.Id);
            var device = await db.Devices.FirstAsync(d => d.CommuneId == app.CommuneOne);
            db.Applications.Add(Application.Submit(Guid.NewGuid(), member, device.IntakeSiteId, device.Id, "officer", DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        (await CreateAsync(lead, captured.Id, day)).Message.Should().Be("Đảng viên này đã có hồ sơ tiếp nhận; không cần lịch thăm.");
        await AssertNoVisitAsync(captured.Id);
    }

    [Fact]
    public async Task A_second_planned_visit_for_the_same_member_is_refused()
    {
        var member = await FlaggedMemberAsync();
        await using var lead = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        (await CreateAsync(lead, member.Id, NextDay())).Outcome.Should().Be(HomeVisitOutcome.Done);
        var leadId = await UserIdAsync(DemoAccounts.Lead);

        var result = await CreateAsync(lead, member.Id, NextDay(), f => f.OfficerId = leadId);

        result.Outcome.Should().Be(HomeVisitOutcome.MemberPlanned);
        result.Message.Should().Contain("Đảng viên này đã có một lịch thăm sắp tới");
        await using var db = app.SystemContext();
        (await db.HomeVisits.CountAsync(v => v.MemberId == member.Id)).Should().Be(1);
    }

    [Theory]
    [InlineData(9, 15, 30)]
    [InlineData(8, 45, 20)]
    [InlineData(9, 0, 30)]
    [InlineData(8, 30, 90)]
    public async Task An_officer_with_an_overlapping_visit_is_refused_as_a_double_booking(int hour, int minute, int duration)
    {
        var first = await FlaggedMemberAsync();
        var second = await FlaggedMemberAsync();
        var day = NextDay();
        await using var lead = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        (await CreateAsync(lead, first.Id, day)).Outcome.Should().Be(HomeVisitOutcome.Done);

        var result = await CreateAsync(lead, second.Id, day, f => { f.Start = new TimeSpan(hour, minute, 0); f.Duration = duration; });

        result.Outcome.Should().Be(HomeVisitOutcome.OfficerBusy);
        result.Field.Should().Be(nameof(HomeVisitForm.OfficerId), "the message stands beside the officer");
        result.Message.Should().Contain("trùng lịch");
        await AssertNoVisitAsync(second.Id);

        // Right after the first visit the same officer is free.
        (await CreateAsync(lead, second.Id, day, f => f.Start = new TimeSpan(9, 30, 0))).Outcome.Should().Be(HomeVisitOutcome.Done);
    }

    [Fact]
    public async Task Leads_booking_one_officer_at_the_same_moment_get_one_visit_and_double_booking_messages()
    {
        var members = new List<Flagged>();
        for (var i = 0; i < 4; i++)
        {
            members.Add(await FlaggedMemberAsync());
        }

        var day = NextDay();
        var leads = new List<CircuitScope>();
        foreach (var _ in members)
        {
            leads.Add(await CircuitScope.ForAsync(app, DemoAccounts.Lead));
        }

        try
        {
            var results = await Task.WhenAll(members.Select((member, i) => CreateAsync(leads[i], member.Id, day)));

            results.Count(r => r.Succeeded).Should().Be(1);
            results.Count(r => r.Outcome == HomeVisitOutcome.OfficerBusy).Should().Be(members.Count - 1);
            await using var db = app.SystemContext();
            var ids = members.Select(m => m.Id).ToList();
            (await db.HomeVisits.CountAsync(v => ids.Contains(v.MemberId))).Should().Be(1);
        }
        finally
        {
            foreach (var lead in leads)
            {
                await lead.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_lead_reschedules_cancels_and_records_a_missed_visit()
    {
        var member = await FlaggedMemberAsync();
        var other = await FlaggedMemberAsync();
        var day = NextDay();
        await using var lead = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var service = lead.Get<HomeVisitService>();
        var visitId = (await CreateAsync(lead, member.Id, day, f => f.Start = new TimeSpan(8, 0, 0))).VisitId!.Value;
        await CreateAsync(lead, other.Id, day, f => f.Start = new TimeSpan(10, 0, 0));
        var officerId = await UserIdAsync(DemoAccounts.Officer);

        // Moving onto the officer's other visit is a double booking; nothing changes.
        (await service.RescheduleAsync(visitId, Move(day, 10, 10, 30, officerId))).Outcome.Should().Be(HomeVisitOutcome.OfficerBusy);
        (await VisitAsync(visitId)).Start.Should().Be(day.ToDateTime(new TimeOnly(8, 0)));

        // Moving to 02:00 or after the deadline is refused by the same rules as a new visit.
        var early = await service.RescheduleAsync(visitId, Move(day, 2, 0, 30, officerId));
        early.Outcome.Should().Be(HomeVisitOutcome.Invalid);
        early.Errors!.Should().ContainSingle(e => e.Field == nameof(HomeVisitForm.Start));
        (await service.RescheduleAsync(visitId, Move(new DateOnly(2027, 3, 1), 9, 0, 30, officerId))).Outcome.Should().Be(HomeVisitOutcome.Invalid);

        var leadId = await UserIdAsync(DemoAccounts.Lead);
        var later = day.AddDays(1);
        (await service.RescheduleAsync(visitId, Move(later, 16, 0, 60, leadId))).Outcome.Should().Be(HomeVisitOutcome.Done);
        var visit = await VisitAsync(visitId);
        visit.Start.Should().Be(later.ToDateTime(new TimeOnly(16, 0)));
        visit.End.Should().Be(later.ToDateTime(new TimeOnly(17, 0)));
        visit.OfficerId.Should().Be(leadId);

        // A visit still to come cannot be missed; it can be cancelled, and the member waits for a new one.
        (await service.MarkMissedAsync(visitId)).Message.Should().Contain("Chưa đến giờ hẹn");
        (await VisitAsync(visitId)).Status.Should().Be(HomeVisitStatus.Planned);
        (await service.CancelAsync(visitId)).Outcome.Should().Be(HomeVisitOutcome.Done);
        (await VisitAsync(visitId)).Status.Should().Be(HomeVisitStatus.Cancelled);
        (await service.CancelAsync(visitId)).Message.Should().Contain("Chỉ lịch đang hẹn mới hủy");

        // A visit whose time has passed shows as overdue until the lead records it as missed.
        var past = await FlaggedMemberAsync();
        int pastId;
        await using (var db = app.SystemContext())
        {
            var now = DateTime.UtcNow.AddHours(7);
            var entry = new HomeVisit
            {
                CommuneId = app.CommuneOne, MemberId = past.Id, Start = now.AddHours(-3), End = now.AddHours(-2.5), Team = "Tổ lưu động 2",
                Address = "Số 1, Khu 1", OfficerId = officerId, Status = HomeVisitStatus.Planned,
                CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            };
            db.HomeVisits.Add(entry);
            await db.SaveChangesAsync();
            pastId = entry.Id;
        }

        (await lead.Get<HomeVisitQueries>().CommuneVisitsAsync()).Single(v => v.Id == pastId).State.Should().Be(HomeVisitState.Overdue);
        (await service.MarkMissedAsync(pastId)).Outcome.Should().Be(HomeVisitOutcome.Done);
        (await VisitAsync(pastId)).Status.Should().Be(HomeVisitStatus.Missed);
    }

    [Fact]
    public async Task A_capture_at_the_desk_marks_the_visit_done()
    {
        var member = await FlaggedMemberAsync();
        int visitId;
        await using (var lead = await CircuitScope.ForAsync(app, DemoAccounts.Lead))
        {
            visitId = (await CreateAsync(lead, member.Id, NextDay())).VisitId!.Value;
        }

        // The officer has no station yet: the desk asks for one, then comes back to the member.
        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        var target = $"/desk/members/{member.Id}?from=home-visits";
        using (var redirect = await officer.GetAsync(target))
        {
            redirect.StatusCode.Should().Be(HttpStatusCode.Redirect);
            redirect.Headers.Location!.OriginalString.Should().EndWith("/desk/station?next=" + Uri.EscapeDataString(target));
        }

        var choose = "/desk/station?next=" + Uri.EscapeDataString(target);
        var deskPage = await officer.GetStringAsync(choose);
        var mobile = MobileOption().Match(deskPage);
        mobile.Success.Should().BeTrue("each demo commune has its mobile team's device");
        using (var chosen = await officer.PostAsync(choose, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignInClient.AntiforgeryToken(deskPage),
            ["_handler"] = "desk-station",
            ["Station"] = mobile.Groups[1].Value,
        })))
        {
            chosen.StatusCode.Should().Be(HttpStatusCode.Redirect);
            chosen.Headers.Location!.OriginalString.Should().EndWith(target);
        }

        // The member's capture, with the way back to the officer's list (where the desk goes once saved).
        var memberPage = await officer.GetStringAsync(target);
        memberPage.Should().Contain("data-testid=\"desk-member-name\"").And.Contain("href=\"/home-visits/mine\"");
        using var response = await DeskClient.SubmitAsync(officer, member.Id, Guid.NewGuid(), Photo, Signature, Strokes);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        // The page the desk returns to after a save, with the station the officer chose.
        var mine = await officer.GetStringAsync("/home-visits/mine?saved=" + Guid.NewGuid());
        StatusOf(mine, visitId).Should().Be("Done");
        mine.Should().Contain("data-testid=\"hv-saved\"").And.Contain(DemoSeeder.MobileDeviceName)
            .And.NotContain($"href=\"/desk/members/{member.Id}?from=home-visits\"");
        await using (var leadAgain = await CircuitScope.ForAsync(app, DemoAccounts.Lead))
        {
            (await leadAgain.Get<HomeVisitQueries>().CommuneVisitsAsync()).Should().NotContain(v => v.Id == visitId && v.State != HomeVisitState.Done);
        }

        await using var check = app.SystemContext();
        var application = await check.Applications.SingleAsync(a => a.MemberId == member.Id);
        (await check.Devices.SingleAsync(d => d.Id == application.DeviceId)).Name.Should().Be(DemoSeeder.MobileDeviceName);
    }

    [Fact]
    public async Task Another_communes_members_and_visits_are_out_of_reach_of_every_method()
    {
        int foreignMember;
        int foreignVisit;
        await using (var db = app.SystemContext())
        {
            foreignMember = await db.PartyMembers.Where(m => m.CommuneId == app.CommuneTwo && m.NeedsHomeVisit && m.Exemption == null).Select(m => m.Id).FirstAsync();
            var visit = new HomeVisit
            {
                CommuneId = app.CommuneTwo, MemberId = foreignMember, Start = VietnamToday.AddDays(3).ToDateTime(new TimeOnly(9, 0)),
                End = VietnamToday.AddDays(3).ToDateTime(new TimeOnly(9, 30)), Team = "Tổ xã bên", Address = "Địa chỉ xã bên",
                OfficerId = await UserIdAsync(DemoAccounts.Officer2), Status = HomeVisitStatus.Planned, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            };
            db.HomeVisits.Add(visit);
            await db.SaveChangesAsync();
            foreignVisit = visit.Id;
        }

        var officerId = await UserIdAsync(DemoAccounts.Officer);
        foreach (var account in new[] { DemoAccounts.Lead, DemoAccounts.Committee, DemoAccounts.Officer })
        {
            await using var circuit = await CircuitScope.ForAsync(app, account);
            var service = circuit.Get<HomeVisitService>();
            var queries = circuit.Get<HomeVisitQueries>();
            (await CreateAsync(circuit, foreignMember, NextFreeDay())).Outcome.Should().Be(HomeVisitOutcome.NotFound, account);
            (await service.RescheduleAsync(foreignVisit, Move(VietnamToday.AddDays(1), 10, 0, 30, officerId))).Outcome.Should().Be(HomeVisitOutcome.NotFound, account);
            (await service.CancelAsync(foreignVisit)).Outcome.Should().Be(HomeVisitOutcome.NotFound, account);
            (await service.MarkMissedAsync(foreignVisit)).Outcome.Should().Be(HomeVisitOutcome.NotFound, account);
            (await queries.WaitingAsync(null, foreignMember)).Rows.Should().NotContain(r => r.Id == foreignMember, account);
            (await queries.CommuneVisitsAsync()).Should().NotContain(v => v.Id == foreignVisit, account);
            (await queries.MineAsync()).Should().NotContain(v => v.Id == foreignVisit, account);
            (await queries.ForMemberAsync(foreignMember)).Should().BeEmpty(account);
            (await queries.OfficersAsync()).Select(o => o.Id).Should().NotContain(await UserIdAsync(DemoAccounts.Officer2), account);
            (await queries.TeamsAsync()).Should().NotContain("Tổ xã bên", account);
            if (await service.CalendarAsync() is { } calendar)
            {
                calendar.Deadline.Should().Be(await DeadlineAsync(), $"{account}: the own commune's deadline");
            }
        }

        await using (var db = app.SystemContext())
        {
            (await db.HomeVisits.CountAsync(v => v.MemberId == foreignMember)).Should().Be(1);
            var unchanged = await db.HomeVisits.SingleAsync(v => v.Id == foreignVisit);
            unchanged.Status.Should().Be(HomeVisitStatus.Planned);
            unchanged.Start.Hour.Should().Be(9);
        }

        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        (await lead.GetStringAsync("/home-visits")).Should().NotContain("Địa chỉ xã bên").And.NotContain($"data-visit=\"{foreignVisit}\"");
        using var officer2 = await app.SignedInClientAsync(DemoAccounts.Officer2);
        (await officer2.GetStringAsync("/home-visits/mine")).Should().Contain("Địa chỉ xã bên");
        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        (await officer.GetStringAsync("/home-visits/mine")).Should().NotContain("Địa chỉ xã bên");
    }

    [Fact]
    public async Task The_lead_manages_the_committee_reads_and_an_officer_has_only_the_own_list()
    {
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        var leadPage = await lead.GetStringAsync("/home-visits");
        leadPage.Should().Contain("Thăm tại nhà").And.Contain("data-testid=\"hv-open-create\"").And.Contain("href=\"/home-visits/mine\"");

        using var committee = await app.SignedInClientAsync(DemoAccounts.Committee);
        var committeePage = await committee.GetStringAsync("/home-visits");
        committeePage.Should().Contain("Chưa có lịch").And.NotContain("data-testid=\"hv-open-create\"").And.NotContain("data-testid=\"hv-cancel\"");

        // Through the service the committee and an officer change nothing: the lead's work only.
        var member = await FlaggedMemberAsync();
        foreach (var account in new[] { DemoAccounts.Committee, DemoAccounts.Officer })
        {
            await using var circuit = await CircuitScope.ForAsync(app, account);
            (await CreateAsync(circuit, member.Id, VietnamToday.AddDays(1))).Outcome.Should().Be(HomeVisitOutcome.NotFound, account);
        }

        await AssertNoVisitAsync(member.Id);

        // The commune has a visit, so the officer's empty commune list below means refused, not nothing there.
        await using (var leadCircuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead))
        {
            (await CreateAsync(leadCircuit, (await FlaggedMemberAsync()).Id, NextDay())).Outcome.Should().Be(HomeVisitOutcome.Done);
            (await leadCircuit.Get<HomeVisitQueries>().CommuneVisitsAsync()).Should().NotBeEmpty();
        }

        await using (var officerCircuit = await CircuitScope.ForAsync(app, DemoAccounts.Officer))
        {
            (await officerCircuit.Get<HomeVisitQueries>().WaitingAsync(1)).Total.Should().Be(0, "an officer has only the own list");
            (await officerCircuit.Get<HomeVisitQueries>().CommuneVisitsAsync()).Should().BeEmpty();
        }

        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        using (var denied = await officer.GetAsync("/home-visits"))
        {
            denied.StatusCode.Should().Be(HttpStatusCode.Redirect);
            denied.Headers.Location!.ToString().Should().Contain("/account/denied");
        }

        (await officer.GetStringAsync("/")).Should().Contain("href=\"/home-visits/mine\"");
        (await committee.GetAsync("/home-visits/mine")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData("/home-visits?page=abc")]
    [InlineData("/home-visits?member=x")]
    [InlineData("/home-visits?visit=-1&page=99999999999")]
    [InlineData("/home-visits?page=999")]
    [InlineData("/home-visits/mine?saved=abc")]
    public async Task Malformed_query_values_get_a_page_not_an_error(string path)
    {
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        using var response = await lead.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, path);
        var html = await response.Content.ReadAsStringAsync();
        if (path.Contains("abc", StringComparison.Ordinal) && path.StartsWith("/home-visits?", StringComparison.Ordinal)
            || path.Contains("=x", StringComparison.Ordinal) || path.Contains("-1", StringComparison.Ordinal))
        {
            html.Should().Contain("data-testid=\"hv-query-problem\"");
        }
    }

    private DateOnly NextDay() => VietnamToday.AddDays(Days.AddOrUpdate(GetType(), 3, (_, day) => day + 1));

    /// <summary>Any near day for operations that must be refused before a time is looked at.</summary>
    private static DateOnly NextFreeDay() => VietnamToday.AddDays(1);

    private static HomeVisitForm Move(DateOnly day, int hour, int minute, int duration, string officerId) => new()
    {
        Date = day.ToDateTime(TimeOnly.MinValue),
        Start = new TimeSpan(hour, minute, 0),
        Duration = duration,
        OfficerId = officerId,
        WithDetails = false,
    };

    private async Task<HomeVisitResult> CreateAsync(CircuitScope circuit, int memberId, DateOnly day, Action<HomeVisitForm>? change = null)
    {
        var form = new HomeVisitForm
        {
            Date = day.ToDateTime(TimeOnly.MinValue),
            Start = new TimeSpan(9, 0, 0),
            Duration = 30,
            OfficerId = await UserIdAsync(DemoAccounts.Officer),
            Team = "Tổ lưu động 1",
            Address = "Số 12, ngõ 4, Khu 3",
        };
        change?.Invoke(form);
        return await circuit.Get<HomeVisitService>().CreateAsync(memberId, form);
    }

    private async Task<DateOnly> DeadlineAsync()
    {
        await using var db = app.SystemContext();
        return (await db.Communes.Where(c => c.Id == app.CommuneOne).Select(c => c.Deadline ?? c.Province!.Deadline).SingleAsync())!.Value;
    }

    private async Task<HomeVisit> VisitAsync(int id)
    {
        await using var db = app.SystemContext();
        return await db.HomeVisits.AsNoTracking().SingleAsync(v => v.Id == id);
    }

    private async Task AssertNoVisitAsync(int memberId)
    {
        await using var db = app.SystemContext();
        (await db.HomeVisits.AnyAsync(v => v.MemberId == memberId)).Should().BeFalse("a refused appointment leaves nothing behind");
    }

    private async Task<string> UserIdAsync(string userName)
    {
        await using var db = app.SystemContext();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    private sealed record Flagged(int Id, string Name, string? Phone);

    /// <summary>A flagged, eligible member of the first commune without a record or a visit, different for every call.</summary>
    private async Task<Flagged> FlaggedMemberAsync()
    {
        var id = await TakeMemberAsync(m => m.NeedsHomeVisit && m.Exemption == null);
        await using var db = app.SystemContext();
        return await db.PartyMembers.Where(m => m.Id == id).Select(m => new Flagged(m.Id, m.FullName, m.Phone)).SingleAsync();
    }

    private async Task<int> TakeMemberAsync(System.Linq.Expressions.Expression<Func<PartyMember, bool>> filter)
    {
        await using var db = app.SystemContext();
        var taken = app.TakenMembers;
        var candidates = await db.PartyMembers
            .Where(m => m.CommuneId == app.CommuneOne)
            .Where(filter)
            .Where(m => !db.Applications.Any(a => a.MemberId == m.Id) && !db.HomeVisits.Any(v => v.MemberId == m.Id))
            .OrderBy(m => m.Id)
            .Select(m => m.Id)
            .ToListAsync();
        lock (taken)
        {
            var id = candidates.First(c => !taken.Contains(c));
            taken.Add(id);
            return id;
        }
    }

    private static string StatusOf(string page, int visitId) =>
        Regex.Match(page, $"data-visit=\"{visitId}\" data-member=\"[0-9]+\" data-status=\"([A-Za-z]+)\"") is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"Visit {visitId} is not on the page.");

    [GeneratedRegex("<option value=\"([0-9]+:[0-9]+)\"[^>]*>[^<]*Máy lưu động</option>")]
    private static partial Regex MobileOption();

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : HomeVisitTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : HomeVisitTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : HomeVisitTests(app);
}
