using System.Net;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Planning;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.Sites;
using PartyCardIntake.Web.Components.Forms;

namespace PartyCardIntake.IntegrationTests.Sites;

/// <summary>The site form's work through <see cref="SiteService"/>, as the page's circuit calls it, on a real database.</summary>
public abstract class SiteTests(AppFixture app)
{
    [Fact]
    public async Task The_station_lead_sets_up_a_site_with_hours_breaks_special_days_and_devices()
    {
        var name = "Nhà văn hóa " + Guid.NewGuid().ToString("N")[..5];
        var form = new SiteForm { Name = name, Address = "Khu dân cư  số 3", MinutesPerMember = 3, NewDevice = "Máy lưu động" };
        foreach (var day in form.Days)
        {
            day.Open = false;
        }

        Day(form, DayOfWeek.Monday).Set("07:00", "17:00", "11:30", "13:30");
        Day(form, DayOfWeek.Saturday).Set("07:00", "21:00");
        form.SpecialDays.Add(new SpecialDayForm { Date = new DateTime(2025, 9, 2), Open = false });
        form.SpecialDays.Add(new SpecialDayForm { Date = new DateTime(2025, 9, 6), Open = true, Opens = "07:00", Closes = "23:00" });

        await using var lead = await ServiceAs.UserAsync(app, DemoAccounts.Lead);
        var result = await lead.Get<SiteService>().SaveAsync(null, form);
        result.Status.Should().Be(SaveStatus.Saved, string.Join("; ", result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}")));

        await using var db = app.SystemContext();
        var site = await db.IntakeSites.Include(s => s.Devices).SingleAsync(s => s.Name == name);
        site.Id.Should().Be(result.Id);
        site.CommuneId.Should().Be(app.CommuneOne);
        site.Address.Should().Be("Khu dân cư số 3");
        site.Devices.Select(d => d.Name).Should().Equal("Máy lưu động");
        var schedule = site.Schedule;
        SiteSchedule.Format(schedule.Weekly[DayOfWeek.Monday]).Should().Be("07:00-11:30, 13:30-17:00");
        schedule.Weekly.ContainsKey(DayOfWeek.Sunday).Should().BeFalse();
        schedule.On(new DateOnly(2025, 9, 2)).Should().BeEmpty("2 September is a holiday");
        schedule.MinutesOn(new DateOnly(2025, 9, 6)).Should().Be(16 * 60);
        schedule.MinutesOn(new DateOnly(2025, 9, 1)).Should().Be(8 * 60);

        // The list shows it, and the form reads back what was saved.
        (await lead.Get<SiteService>().ListAsync()).Select(s => s.Name).Should().Contain(name);
        var again = await lead.Get<SiteService>().FormAsync(site.Id);
        again!.Name.Should().Be(name);
        var monday = Day(again, DayOfWeek.Monday);
        (monday.Open, monday.Opens, monday.Closes, monday.BreakStarts, monday.BreakEnds).Should().Be((true, "07:00", "17:00", "11:30", "13:30"));
        Day(again, DayOfWeek.Sunday).Open.Should().BeFalse();
        again.SpecialDays.Select(d => (d.Date, d.Open)).Should().Equal((new DateTime(2025, 9, 2), false), (new DateTime(2025, 9, 6), true));
        again.Devices.Should().ContainSingle().Which.Name.Should().Be("Máy lưu động");
    }

    [Fact]
    public async Task The_lead_edits_a_site_renames_and_switches_off_a_device_and_drops_a_special_day()
    {
        var id = await CreateAsync("Điểm sửa " + Guid.NewGuid().ToString("N")[..5], f =>
        {
            f.NewDevice = "Máy 1";
            f.SpecialDays.Add(new SpecialDayForm { Date = new DateTime(2026, 1, 1), Open = false });
        });
        await using var lead = await ServiceAs.UserAsync(app, DemoAccounts.Lead);
        var service = lead.Get<SiteService>();
        var form = (await service.FormAsync(id))!;
        Day(form, DayOfWeek.Wednesday).Set("08:00", "16:00");
        form.Devices[0].Name = "Máy chính";
        form.Devices[0].Active = false;
        form.SpecialDays.Clear();
        (await service.SaveAsync(id, form)).Status.Should().Be(SaveStatus.Saved);

        await using var db = app.SystemContext();
        var site = await db.IntakeSites.Include(s => s.Devices).SingleAsync(s => s.Id == id);
        SiteSchedule.Format(site.Schedule.Weekly[DayOfWeek.Wednesday]).Should().Be("08:00-16:00");
        site.Schedule.Exceptions.Should().BeEmpty();
        site.Devices.Should().ContainSingle().Which.Should().Match<Core.Domain.Device>(d => d.Name == "Máy chính" && !d.IsActive);
    }

    [Fact]
    public async Task Records_per_device_per_day_are_converted_into_minutes_per_member()
    {
        var name = "Điểm quy đổi " + Guid.NewGuid().ToString("N")[..5];
        await CreateAsync(name, f =>
        {
            f.RecordsPerDevicePerDay = 240;
            foreach (var day in f.Days)
            {
                day.Open = false;
            }

            Day(f, DayOfWeek.Tuesday).Set("07:00", "23:00");
        });
        await using var db = app.SystemContext();
        (await db.IntakeSites.SingleAsync(s => s.Name == name)).MinutesPerMember.Should().Be(4);
    }

    [Fact]
    public async Task A_site_without_fixed_hours_such_as_the_mobile_team_keeps_none()
    {
        await using var db = app.SystemContext();
        var mobile = await db.IntakeSites.Where(s => s.CommuneId == app.CommuneOne && s.Name.StartsWith("Tổ lưu động")).Select(s => s.Id).SingleAsync();
        await using var lead = await ServiceAs.UserAsync(app, DemoAccounts.Lead);
        var form = (await lead.Get<SiteService>().FormAsync(mobile))!;
        form.NoFixedHours.Should().BeTrue();
        (await lead.Get<SiteService>().SaveAsync(mobile, form)).Status.Should().Be(SaveStatus.Saved);
        await using var after = app.SystemContext();
        (await after.IntakeSites.SingleAsync(s => s.Id == mobile)).Schedule.Weekly.Should().BeEmpty();
    }

    [Theory]
    [InlineData("closes-before-opens", "Days[2].Closes", "Thứ Tư: giờ đóng cửa phải sau giờ mở cửa.")]
    [InlineData("not-a-time", "Days[0].Opens", "Thứ Hai: \"7 giờ\" không phải giờ hợp lệ")]
    [InlineData("break-outside", "Days[4].BreakEnds", "Thứ Sáu: giờ nghỉ phải nằm trong giờ mở cửa")]
    [InlineData("special-2099", "SpecialDays[0].Date", "Ngày 01/01/2099: phải trong khoảng")]
    [InlineData("minutes-0", "MinutesPerMember", "Số phút cho mỗi đảng viên phải từ 1 đến 120.")]
    [InlineData("no-open-day", "Days", "phải mở cửa ít nhất một ngày")]
    public async Task Bad_input_is_refused_with_the_message_on_its_field_and_nothing_is_saved(string fault, string property, string message)
    {
        var name = "Điểm lỗi " + Guid.NewGuid().ToString("N")[..5];
        var form = new SiteForm { Name = name };
        switch (fault)
        {
            case "closes-before-opens": Day(form, DayOfWeek.Wednesday).Set("17:00", "07:00"); break;
            case "not-a-time": Day(form, DayOfWeek.Monday).Opens = "7 giờ"; break;
            case "break-outside": Day(form, DayOfWeek.Friday).Set("07:00", "17:00", "16:00", "18:00"); break;
            case "special-2099": form.SpecialDays.Add(new SpecialDayForm { Date = new DateTime(2099, 1, 1), Open = false }); break;
            case "minutes-0": form.MinutesPerMember = 0; break;
            case "no-open-day": form.Days.ForEach(d => d.Open = false); break;
        }

        await using var lead = await ServiceAs.UserAsync(app, DemoAccounts.Lead);
        var result = await lead.Get<SiteService>().SaveAsync(null, form);
        result.Status.Should().Be(SaveStatus.Invalid);
        result.Errors.Should().Contain(e => e.PropertyName == property && e.ErrorMessage.Contains(message));
        await using var db = app.SystemContext();
        (await db.IntakeSites.AnyAsync(s => s.Name == name)).Should().BeFalse();
    }

    [Fact]
    public async Task A_second_device_of_the_same_name_is_refused_beside_the_new_device_field()
    {
        var id = await CreateAsync("Điểm máy " + Guid.NewGuid().ToString("N")[..5], f => f.NewDevice = "Máy 1");
        await using var lead = await ServiceAs.UserAsync(app, DemoAccounts.Lead);
        var form = (await lead.Get<SiteService>().FormAsync(id))!;
        form.NewDevice = "Máy\u00a0 1";
        var result = await lead.Get<SiteService>().SaveAsync(id, form);
        result.Status.Should().Be(SaveStatus.Invalid);
        result.Errors.Should().ContainSingle(e => e.PropertyName == nameof(SiteForm.NewDevice)).Which.ErrorMessage.Should().Be("Điểm tiếp nhận đã có thiết bị mang tên này.");
    }

    [Fact]
    public async Task Only_the_station_lead_manages_sites()
    {
        var id = await CreateAsync("Điểm quyền " + Guid.NewGuid().ToString("N")[..5]);
        foreach (var who in new[] { DemoAccounts.Officer, DemoAccounts.Committee })
        {
            await using var user = await ServiceAs.UserAsync(app, who);
            var service = user.Get<SiteService>();
            (await service.ListAsync()).Should().Contain(s => s.Id == id, "every commune role sees the sites");
            (await service.FormAsync(id)).Should().BeNull();
            (await service.SaveAsync(id, new SiteForm { Name = "Đổi tên" })).Status.Should().Be(SaveStatus.Forbidden);
            (await service.SaveAsync(null, new SiteForm { Name = "Điểm mới " + who })).Status.Should().Be(SaveStatus.Forbidden);
        }

        await using var province = await ServiceAs.UserAsync(app, DemoAccounts.Province);
        (await province.Get<SiteService>().ListAsync()).Should().BeEmpty();

        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        (await officer.GetStringAsync("/sites")).Should().Contain("Điểm tiếp nhận");
        using var denied = await officer.GetAsync("/sites/new");
        denied.StatusCode.Should().Be(HttpStatusCode.Redirect);
        denied.Headers.Location!.ToString().Should().Contain("/account/denied");
    }

    [Fact]
    public async Task Another_communes_site_is_not_found_by_any_method_the_pages_call()
    {
        await using var db = app.SystemContext();
        var foreign = await db.IntakeSites.Include(s => s.Devices).Where(s => s.CommuneId == app.CommuneTwo).FirstAsync();
        var before = (foreign.Name, foreign.WeeklyHoursJson, foreign.MinutesPerMember);

        await using var lead = await ServiceAs.UserAsync(app, DemoAccounts.Lead);
        var service = lead.Get<SiteService>();
        (await service.ListAsync()).Should().NotContain(s => s.CommuneId == app.CommuneTwo);
        (await service.FormAsync(foreign.Id)).Should().BeNull();
        var form = new SiteForm { Name = "Trụ sở X" };
        (await service.SaveAsync(foreign.Id, form)).Status.Should().Be(SaveStatus.NotFound);

        // A foreign device id smuggled into one's own site's form changes nothing.
        var own = await CreateAsync("Điểm thiết bị lạ " + Guid.NewGuid().ToString("N")[..5]);
        var mine = (await service.FormAsync(own))!;
        mine.Devices.Add(new DeviceForm { Id = foreign.Devices[0].Id, Name = "Máy bị đổi", Active = false });
        (await service.SaveAsync(own, mine)).Status.Should().Be(SaveStatus.Saved);

        await using var after = app.SystemContext();
        var unchanged = await after.IntakeSites.Include(s => s.Devices).SingleAsync(s => s.Id == foreign.Id);
        (unchanged.Name, unchanged.WeeklyHoursJson, unchanged.MinutesPerMember).Should().Be(before);
        unchanged.Devices.Single(d => d.Id == foreign.Devices[0].Id).Name.Should().Be(foreign.Devices[0].Name);

        using var client = await app.SignedInClientAsync(DemoAccounts.Lead);
        (await client.GetAsync($"/sites/{foreign.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private async Task<int> CreateAsync(string name, Action<SiteForm>? change = null)
    {
        var form = new SiteForm { Name = name };
        change?.Invoke(form);
        await using var lead = await ServiceAs.UserAsync(app, DemoAccounts.Lead);
        var result = await lead.Get<SiteService>().SaveAsync(null, form);
        result.Status.Should().Be(SaveStatus.Saved, string.Join("; ", result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}")));
        return result.Id!.Value;
    }

    private static DayHoursForm Day(SiteForm form, DayOfWeek day) => form.Days.Single(d => d.Day == day);

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : SiteTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : SiteTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : SiteTests(app);
}

internal static class HoursFormTestExtensions
{
    public static void Set(this HoursForm hours, string opens, string closes, string? breakStarts = null, string? breakEnds = null)
    {
        hours.Open = true;
        hours.Opens = opens;
        hours.Closes = closes;
        hours.BreakStarts = breakStarts;
        hours.BreakEnds = breakEnds;
    }
}
