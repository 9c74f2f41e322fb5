using System.Net;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Planning;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Sites;

public abstract class SiteTests(AppFixture app)
{
    [Fact]
    public async Task The_station_lead_sets_up_a_site_with_hours_breaks_special_days_and_devices()
    {
        var name = "Nhà văn hóa " + Guid.NewGuid().ToString("N")[..5];
        using var client = await app.SignedInClientAsync(DemoAccounts.Lead);
        var page = await SaveAsync(client, "/sites/new", "/sites/create", new()
        {
            ["name"] = name,
            ["address"] = "Khu dân cư số 3",
            ["minutesPerMember"] = "3",
            ["hours_Monday"] = "07:00-11:30, 13:30-17:00",
            ["hours_Saturday"] = "07:00-21:00",
            ["specialDays"] = "02/09/2025:\n06/09/2025: 07:00-23:00",
            ["newDevice"] = "Máy lưu động",
        });
        page.Should().Contain("Đã lưu điểm tiếp nhận.").And.Contain(name).And.Contain("07:00-11:30, 13:30-17:00");

        await using var db = app.SystemContext();
        var site = await db.IntakeSites.Include(s => s.Devices).SingleAsync(s => s.Name == name);
        site.CommuneId.Should().Be(app.CommuneOne);
        site.Devices.Select(d => d.Name).Should().Equal("Máy lưu động");
        var schedule = site.Schedule;
        schedule.Weekly[DayOfWeek.Monday].Should().HaveCount(2);
        schedule.Weekly.ContainsKey(DayOfWeek.Sunday).Should().BeFalse();
        schedule.On(new DateOnly(2025, 9, 2)).Should().BeEmpty("2 September is a holiday");
        schedule.MinutesOn(new DateOnly(2025, 9, 6)).Should().Be(16 * 60);
        schedule.MinutesOn(new DateOnly(2025, 9, 1)).Should().Be(8 * 60);
    }

    [Fact]
    public async Task Records_per_device_per_day_are_converted_into_minutes_per_member()
    {
        var name = "Điểm quy đổi " + Guid.NewGuid().ToString("N")[..5];
        using var client = await app.SignedInClientAsync(DemoAccounts.Lead);
        await SaveAsync(client, "/sites/new", "/sites/create", new()
        {
            ["name"] = name,
            ["recordsPerDevicePerDay"] = "240",
            ["hours_Tuesday"] = "07:00-23:00",
        });
        await using var db = app.SystemContext();
        (await db.IntakeSites.SingleAsync(s => s.Name == name)).MinutesPerMember.Should().Be(4);
    }

    [Theory]
    [InlineData("hours_Monday", "17:00-07:00", "Giờ kết thúc phải sau giờ bắt đầu.")]
    [InlineData("hours_Monday", "7 giờ đến 5 giờ", "Khung giờ phải theo dạng")]
    [InlineData("hours_Monday", "07:00-12:00, 11:00-17:00", "chồng lên nhau")]
    [InlineData("specialDays", "31/02/2025:", "Ngày đặc biệt phải theo dạng")]
    [InlineData("minutesPerMember", "0", "Số phút cho mỗi đảng viên phải từ 1 đến 120.")]
    public async Task Bad_hours_are_refused_with_a_message_and_nothing_is_saved(string field, string value, string message)
    {
        var name = "Điểm lỗi " + Guid.NewGuid().ToString("N")[..5];
        var fields = new Dictionary<string, string> { ["name"] = name, ["minutesPerMember"] = "3", ["hours_Monday"] = "07:00-17:00" };
        fields[field] = value;
        using var client = await app.SignedInClientAsync(DemoAccounts.Lead);
        var page = await SaveAsync(client, "/sites/new", "/sites/create", fields);
        page.Should().Contain(message);
        await using var db = app.SystemContext();
        (await db.IntakeSites.AnyAsync(s => s.Name == name)).Should().BeFalse();
    }

    [Fact]
    public async Task Only_the_station_lead_manages_sites_and_only_of_the_own_commune()
    {
        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        (await officer.GetStringAsync("/sites")).Should().Contain("Điểm tiếp nhận");
        using (var denied = await officer.GetAsync("/sites/new"))
        {
            denied.StatusCode.Should().Be(HttpStatusCode.Redirect);
            denied.Headers.Location!.ToString().Should().Contain("/account/denied");
        }

        await using var db = app.SystemContext();
        var foreign = await db.IntakeSites.Where(s => s.CommuneId == app.CommuneTwo).Select(s => s.Id).FirstAsync();
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        (await lead.GetAsync($"/sites/{foreign}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static Task<string> SaveAsync(HttpClient client, string formPage, string action, Dictionary<string, string> fields) =>
        SignInClient.PostFormAndFollowAsync(client, formPage, action, fields);

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : SiteTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : SiteTests(app);
}
