using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.HomeVisits;

/// <summary>Appointments for members visited at home: made by the station lead, seen by the officer, closed by the desk.</summary>
public abstract partial class HomeVisitTests(AppFixture app)
{
    private static readonly byte[] Photo = DeskClient.Fixture("photo-600x800.jpg");
    private static readonly byte[] Signature = DeskClient.Fixture("signature-600x200.png");
    private static readonly string Strokes = File.ReadAllText(DeskClient.FixturePath("signature-600x200.json"));

    /// <summary>Each test books its own day, so that one test's visits never overlap another's.</summary>
    private static int _days = 2;

    private static DateOnly VietnamToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    [Fact]
    public async Task An_appointment_is_listed_by_day_and_appears_in_the_officers_list()
    {
        var member = await FlaggedMemberAsync();
        var day = NextDay();
        var officerId = await UserIdAsync(DemoAccounts.Officer);
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        var waitingBefore = WaitingCount(await lead.GetStringAsync("/home-visits"));

        // From the member page the lead lands on the list's page that holds the member, with the form open.
        var focused = await lead.GetStringAsync($"/home-visits?member={member.Id}");
        Regex.IsMatch(focused, $"id=\"m-{member.Id}\"[^>]*>(?:(?!</li>).)*<details class=\"mt-1\" open", RegexOptions.Singleline).Should().BeTrue();

        var page = await CreateAsync(lead, member.Id, day, new() { ["start"] = "14:30", ["duration"] = "45", ["note"] = "Gọi con trai trước khi đến" });

        page.Should().Contain("Đã đặt lịch thăm.").And.NotContain("data-testid=\"hv-error\"");
        WaitingCount(page).Should().Be(waitingBefore - 1, "the member has an appointment now");
        page.Should().Contain($"data-date=\"{day:yyyy-MM-dd}\"")
            .And.Contain($"{Labels(day)}")
            .And.Contain("14:30–15:15");
        await using (var db = app.SystemContext())
        {
            var visit = await db.HomeVisits.SingleAsync(v => v.MemberId == member.Id);
            visit.CommuneId.Should().Be(app.CommuneOne);
            visit.Start.Should().Be(day.ToDateTime(new TimeOnly(14, 30)));
            visit.End.Should().Be(day.ToDateTime(new TimeOnly(15, 15)));
            visit.OfficerId.Should().Be(officerId);
            visit.Team.Should().Be("Tổ lưu động 1");
            visit.Address.Should().Be("Số 12, ngõ 4, Khu 3");
            visit.Note.Should().Be("Gọi con trai trước khi đến");
            visit.Status.Should().Be(HomeVisitStatus.Planned);
            StatusOf(page, visit.Id).Should().Be("Planned");
        }

        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        var mine = await officer.GetStringAsync("/home-visits/mine");
        mine.Should().Contain(member.Name).And.Contain("Số 12, ngõ 4, Khu 3").And.Contain("14:30–15:15").And.Contain("Tổ lưu động 1")
            .And.Contain($"href=\"/desk/members/{member.Id}?from=home-visits\"").And.Contain("Thu nhận");
        if (member.Phone is not null)
        {
            mine.Should().Contain(member.Phone);
        }

        // Another officer of the commune does not see it; the member page lists it.
        using var lead2 = await app.SignedInClientAsync(DemoAccounts.Lead);
        (await lead2.GetStringAsync("/home-visits/mine")).Should().NotContain($"/desk/members/{member.Id}?");
        using var committee = await app.SignedInClientAsync(DemoAccounts.Committee);
        (await committee.GetStringAsync($"/members/{member.Id}")).Should().Contain("Lịch thăm tại nhà").And.Contain("Đã hẹn").And.Contain("14:30–15:15");
    }

    [Theory]
    [InlineData("date", "{yesterday}", "Thời gian hẹn đã qua")]
    [InlineData("duration", "0", "Giờ kết thúc phải sau giờ bắt đầu")]
    [InlineData("duration", "-30", "Giờ kết thúc phải sau giờ bắt đầu")]
    [InlineData("team", " ", "Chưa nhập tổ đi thăm.")]
    [InlineData("address", "", "Chưa nhập địa chỉ đến thăm.")]
    [InlineData("officerId", "{officer2}", "Cán bộ được chọn không thuộc Công an xã/phường này.")]
    [InlineData("officerId", "{committee}", "Cán bộ được chọn không thuộc Công an xã/phường này.")]
    [InlineData("officerId", "{guessed}", "Cán bộ được chọn không thuộc Công an xã/phường này.")]
    [InlineData("officerId", "", "Chưa chọn cán bộ phụ trách.")]
    [InlineData("start", "25:00", "Giờ bắt đầu không hợp lệ")]
    public async Task A_bad_appointment_is_refused_with_a_message_and_nothing_is_saved(string field, string value, string message)
    {
        var member = await FlaggedMemberAsync();
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        value = value switch
        {
            "{yesterday}" => VietnamToday.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "{officer2}" => await UserIdAsync(DemoAccounts.Officer2),
            "{committee}" => await UserIdAsync(DemoAccounts.Committee),
            "{guessed}" => Guid.NewGuid().ToString(),
            _ => value,
        };

        var page = await CreateAsync(lead, member.Id, NextDay(), new() { [field] = value });

        page.Should().Contain("data-testid=\"hv-error\"").And.Contain(message).And.NotContain("Đã đặt lịch thăm.");
        await AssertNoVisitAsync(member.Id);
    }

    [Fact]
    public async Task A_member_not_flagged_exempted_or_already_captured_gets_no_appointment()
    {
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        var day = NextDay();

        var notFlagged = await TakeMemberAsync(m => !m.NeedsHomeVisit && m.Exemption == null);
        (await CreateAsync(lead, notFlagged, day)).Should().Contain("Đảng viên này không được đánh dấu cần tiếp nhận tại nhà.");
        await AssertNoVisitAsync(notFlagged);

        var exempted = (await FlaggedMemberAsync()).Id;
        await using (var db = app.SystemContext())
        {
            (await db.PartyMembers.SingleAsync(m => m.Id == exempted)).Exempt(ExemptionReason.SeriouslyIll, null, VietnamToday);
            await db.SaveChangesAsync();

            // As the committee's exemption would: the commune's stored counts feed the province's figures.
            await Core.Data.MemberCounts.RecountAsync(db, app.CommuneOne);
        }

        (await CreateAsync(lead, exempted, day)).Should().Contain("thuộc diện không phải cấp đổi");
        await AssertNoVisitAsync(exempted);

        var captured = await FlaggedMemberAsync();
        await using (var db = app.SystemContext())
        {
            var member = await db.PartyMembers.SingleAsync(m => m.Id == captured.Id);
            var device = await db.Devices.FirstAsync(d => d.CommuneId == app.CommuneOne);
            db.Applications.Add(Application.Submit(Guid.NewGuid(), member, device.IntakeSiteId, device.Id, "officer", DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        (await CreateAsync(lead, captured.Id, day)).Should().Contain("Đảng viên này đã có hồ sơ tiếp nhận; không cần lịch thăm.");
        await AssertNoVisitAsync(captured.Id);
    }

    [Fact]
    public async Task A_second_planned_visit_for_the_same_member_is_refused()
    {
        var member = await FlaggedMemberAsync();
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        (await CreateAsync(lead, member.Id, NextDay())).Should().Contain("Đã đặt lịch thăm.");

        var page = await CreateAsync(lead, member.Id, NextDay(), new() { ["officerId"] = await UserIdAsync(DemoAccounts.Lead) });

        page.Should().Contain("Đảng viên này đã có một lịch thăm sắp tới");
        await using var db = app.SystemContext();
        (await db.HomeVisits.CountAsync(v => v.MemberId == member.Id)).Should().Be(1);
    }

    [Theory]
    [InlineData("09:15", "30")]
    [InlineData("08:45", "20")]
    [InlineData("09:00", "30")]
    [InlineData("08:30", "90")]
    public async Task An_officer_with_an_overlapping_visit_is_refused_as_a_double_booking(string start, string duration)
    {
        var first = await FlaggedMemberAsync();
        var second = await FlaggedMemberAsync();
        var day = NextDay();
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        (await CreateAsync(lead, first.Id, day, new() { ["start"] = "09:00", ["duration"] = "30" })).Should().Contain("Đã đặt lịch thăm.");

        var page = await CreateAsync(lead, second.Id, day, new() { ["start"] = start, ["duration"] = duration });

        page.Should().Contain("trùng lịch").And.Contain("data-testid=\"hv-error\"");
        await AssertNoVisitAsync(second.Id);

        // Right after the first visit, or with another officer, the same time is fine.
        (await CreateAsync(lead, second.Id, day, new() { ["start"] = "09:30", ["duration"] = "30" })).Should().Contain("Đã đặt lịch thăm.");
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
        var leads = new List<HttpClient>();
        foreach (var _ in members)
        {
            leads.Add(await app.SignedInClientAsync(DemoAccounts.Lead));
        }

        try
        {
            var pages = await Task.WhenAll(members.Select((member, i) => CreateAsync(leads[i], member.Id, day)));

            pages.Count(p => p.Contains("Đã đặt lịch thăm.", StringComparison.Ordinal)).Should().Be(1);
            pages.Count(p => p.Contains("trùng lịch", StringComparison.Ordinal)).Should().Be(members.Count - 1);
            await using var db = app.SystemContext();
            var ids = members.Select(m => m.Id).ToList();
            (await db.HomeVisits.CountAsync(v => ids.Contains(v.MemberId))).Should().Be(1);
        }
        finally
        {
            leads.ForEach(l => l.Dispose());
        }
    }

    [Fact]
    public async Task The_lead_reschedules_cancels_and_records_a_missed_visit()
    {
        var member = await FlaggedMemberAsync();
        var other = await FlaggedMemberAsync();
        var day = NextDay();
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        await CreateAsync(lead, member.Id, day, new() { ["start"] = "08:00" });
        await CreateAsync(lead, other.Id, day, new() { ["start"] = "10:00" });
        int visitId;
        await using (var db = app.SystemContext())
        {
            visitId = await db.HomeVisits.Where(v => v.MemberId == member.Id).Select(v => v.Id).SingleAsync();
        }

        // Moving onto the officer's other visit is a double booking; nothing changes.
        var refused = await PostAsync(lead, $"/home-visits/{visitId}/reschedule", Times(day, "10:10", "30", await UserIdAsync(DemoAccounts.Officer)));
        refused.Should().Contain("trùng lịch");
        (await VisitAsync(visitId)).Start.Should().Be(day.ToDateTime(new TimeOnly(8, 0)));

        var leadId = await UserIdAsync(DemoAccounts.Lead);
        var later = day.AddDays(1);
        var moved = await PostAsync(lead, $"/home-visits/{visitId}/reschedule", Times(later, "16:00", "60", leadId));
        moved.Should().Contain("Đã đổi lịch thăm.");
        var visit = await VisitAsync(visitId);
        visit.Start.Should().Be(later.ToDateTime(new TimeOnly(16, 0)));
        visit.End.Should().Be(later.ToDateTime(new TimeOnly(17, 0)));
        visit.OfficerId.Should().Be(leadId);

        // A visit still to come cannot be missed; it can be cancelled, and the member waits for a new one.
        (await PostAsync(lead, $"/home-visits/{visitId}/missed", [])).Should().Contain("Chưa đến giờ hẹn");
        (await VisitAsync(visitId)).Status.Should().Be(HomeVisitStatus.Planned);
        (await PostAsync(lead, $"/home-visits/{visitId}/cancel", [])).Should().Contain("Đã hủy lịch thăm.");
        (await VisitAsync(visitId)).Status.Should().Be(HomeVisitStatus.Cancelled);
        (await PostAsync(lead, $"/home-visits/{visitId}/cancel", [])).Should().Contain("Chỉ lịch đang hẹn mới hủy");

        // A visit whose time has passed shows as overdue until the lead records it as missed.
        var past = await FlaggedMemberAsync();
        int pastId;
        await using (var db = app.SystemContext())
        {
            var now = DateTime.UtcNow.AddHours(7);
            var entry = new HomeVisit
            {
                CommuneId = app.CommuneOne, MemberId = past.Id, Start = now.AddHours(-3), End = now.AddHours(-2.5), Team = "Tổ lưu động 2",
                Address = "Số 1, Khu 1", OfficerId = await UserIdAsync(DemoAccounts.Officer), Status = HomeVisitStatus.Planned,
                CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            };
            db.HomeVisits.Add(entry);
            await db.SaveChangesAsync();
            pastId = entry.Id;
        }

        StatusOf(await lead.GetStringAsync("/home-visits"), pastId).Should().Be("Overdue");
        var missed = await PostAsync(lead, $"/home-visits/{pastId}/missed", []);
        missed.Should().Contain("Đã ghi không gặp được");
        (await VisitAsync(pastId)).Status.Should().Be(HomeVisitStatus.Missed);
    }

    [Fact]
    public async Task A_capture_at_the_desk_marks_the_visit_done()
    {
        var member = await FlaggedMemberAsync();
        var day = NextDay();
        using (var lead = await app.SignedInClientAsync(DemoAccounts.Lead))
        {
            await CreateAsync(lead, member.Id, day);
        }

        int visitId;
        await using (var db = app.SystemContext())
        {
            visitId = await db.HomeVisits.Where(v => v.MemberId == member.Id).Select(v => v.Id).SingleAsync();
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

        var mine = await officer.GetStringAsync("/home-visits/mine");
        StatusOf(mine, visitId).Should().Be("Done");
        mine.Should().NotContain($"href=\"/desk/members/{member.Id}?from=home-visits\"");
        using var leadAgain = await app.SignedInClientAsync(DemoAccounts.Lead);
        StatusOf(await leadAgain.GetStringAsync("/home-visits"), visitId).Should().Be("Done");
        await using var check = app.SystemContext();
        var application = await check.Applications.SingleAsync(a => a.MemberId == member.Id);
        (await check.Devices.SingleAsync(d => d.Id == application.DeviceId)).Name.Should().Be(DemoSeeder.MobileDeviceName);
    }

    [Fact]
    public async Task Another_communes_members_and_visits_are_out_of_reach()
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

        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        var officerId = await UserIdAsync(DemoAccounts.Officer);
        var fields = Times(NextDay(), "09:00", "30", officerId);
        fields["memberId"] = foreignMember.ToString(CultureInfo.InvariantCulture);
        fields["team"] = "Tổ lưu động 1";
        fields["address"] = "Số 1";
        (await RawPostAsync(lead, "/home-visits/create", fields)).Should().Be(HttpStatusCode.NotFound);
        (await RawPostAsync(lead, $"/home-visits/{foreignVisit}/reschedule", Times(NextDay(), "10:00", "30", officerId))).Should().Be(HttpStatusCode.NotFound);
        (await RawPostAsync(lead, $"/home-visits/{foreignVisit}/cancel", [])).Should().Be(HttpStatusCode.NotFound);
        (await RawPostAsync(lead, $"/home-visits/{foreignVisit}/missed", [])).Should().Be(HttpStatusCode.NotFound);

        await using (var db = app.SystemContext())
        {
            (await db.HomeVisits.CountAsync(v => v.MemberId == foreignMember)).Should().Be(1);
            var unchanged = await db.HomeVisits.SingleAsync(v => v.Id == foreignVisit);
            unchanged.Status.Should().Be(HomeVisitStatus.Planned);
            unchanged.Start.Hour.Should().Be(9);
        }

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
        leadPage.Should().Contain("Thăm tại nhà").And.Contain("data-testid=\"hv-create-form\"").And.Contain("href=\"/home-visits\"");

        using var committee = await app.SignedInClientAsync(DemoAccounts.Committee);
        var committeePage = await committee.GetStringAsync("/home-visits");
        committeePage.Should().Contain("Chưa có lịch").And.NotContain("data-testid=\"hv-create-form\"").And.NotContain("/cancel\"");
        var member = await FlaggedMemberAsync();
        var fields = Times(NextDay(), "09:00", "30", await UserIdAsync(DemoAccounts.Officer));
        fields["memberId"] = member.Id.ToString(CultureInfo.InvariantCulture);
        fields["team"] = "Tổ lưu động 1";
        fields["address"] = "Số 1";
        (await RawPostAsync(committee, "/home-visits/create", fields, $"/members/{member.Id}")).Should().Be(HttpStatusCode.Redirect);
        await AssertNoVisitAsync(member.Id);

        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        using (var denied = await officer.GetAsync("/home-visits"))
        {
            denied.StatusCode.Should().Be(HttpStatusCode.Redirect);
            denied.Headers.Location!.ToString().Should().Contain("/account/denied");
        }

        (await officer.GetStringAsync("/")).Should().Contain("href=\"/home-visits/mine\"");
        (await committee.GetAsync("/home-visits/mine")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    private static DateOnly NextDay() => VietnamToday.AddDays(Interlocked.Increment(ref _days));

    private static string Labels(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Times(DateOnly day, string start, string duration, string officerId) => new()
    {
        ["date"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["start"] = start,
        ["duration"] = duration,
        ["officerId"] = officerId,
    };

    private async Task<string> CreateAsync(HttpClient client, int memberId, DateOnly day, Dictionary<string, string>? overrides = null)
    {
        var fields = Times(day, "09:00", "30", await UserIdAsync(DemoAccounts.Officer));
        fields["memberId"] = memberId.ToString(CultureInfo.InvariantCulture);
        fields["team"] = "Tổ lưu động 1";
        fields["address"] = "Số 12, ngõ 4, Khu 3";
        foreach (var (key, value) in overrides ?? [])
        {
            fields[key] = value;
        }

        return await PostAsync(client, "/home-visits/create", fields);
    }

    private static Task<string> PostAsync(HttpClient client, string action, Dictionary<string, string> fields) =>
        SignInClient.PostFormAndFollowAsync(client, "/home-visits", action, fields);

    /// <summary>Posts with a valid token and returns the status, for answers that are not a redirect back.</summary>
    private static async Task<HttpStatusCode> RawPostAsync(HttpClient client, string action, Dictionary<string, string> fields, string tokenPage = "/home-visits")
    {
        fields["__RequestVerificationToken"] = SignInClient.AntiforgeryToken(await client.GetStringAsync(tokenPage));
        using var response = await client.PostAsync(action, new FormUrlEncodedContent(fields));
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            response.Headers.Location!.ToString().Should().Contain("/account/denied");
        }

        return response.StatusCode;
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

    private static int WaitingCount(string page) =>
        int.Parse(new string(WaitingCountPattern().Match(page).Groups[1].Value.Where(char.IsAsciiDigit).ToArray()), CultureInfo.InvariantCulture);

    private static string StatusOf(string page, int visitId) =>
        Regex.Match(page, $"data-visit=\"{visitId}\" data-member=\"[0-9]+\" data-status=\"([A-Za-z]+)\"") is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"Visit {visitId} is not on the page.");

    [GeneratedRegex("data-testid=\"hv-waiting-count\">([^<]+)<")]
    private static partial Regex WaitingCountPattern();

    [GeneratedRegex("<option value=\"([0-9]+:[0-9]+)\"[^>]*>[^<]*Máy lưu động</option>")]
    private static partial Regex MobileOption();

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : HomeVisitTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : HomeVisitTests(app);
}
