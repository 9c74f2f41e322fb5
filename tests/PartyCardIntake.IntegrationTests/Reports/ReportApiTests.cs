using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Hosting;

namespace PartyCardIntake.IntegrationTests.Reports;

/// <summary>The report API: a fresh commune's day with every figure known in advance, the province's sums, and who may see what.</summary>
public abstract class ReportApiTests(AppFixture app)
{
    [Fact]
    public async Task The_daily_report_gives_every_figure_of_the_communes_day()
    {
        var commune = await ReportCommune.CreateAsync(app);
        using var lead = await app.SignedInClientAsync(commune.LeadUserName);

        var report = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/reports/daily?date={commune.Iso}");

        report.GetProperty("commune").GetProperty("code").GetString().Should().Be(commune.Code);
        report.GetProperty("commune").GetProperty("name").GetString().Should().Be(commune.Name);
        report.GetProperty("date").GetString().Should().Be(commune.Iso);
        report.GetProperty("deadline").GetString().Should().Be(Iso(commune.Deadline));
        Ints(report, "eligible", "excused", "receivedToday", "receivedTotal", "remaining", "approved", "returned", "transmitted", "openMismatches", "pendingChecks", "homeVisitsPlanned", "homeVisitsDone")
            .Should().Equal(10, 1, 5, 8, 2, 3, 1, 1, 3, 1, 2, 1);
        report.GetProperty("percent").GetDouble().Should().Be(80.0);
        // Two left at 7 in three days: one more day.
        report.GetProperty("forecastFinishDate").GetString().Should().Be(Iso(commune.Day.AddDays(1)));
        report.GetProperty("daysLate").GetInt32().Should().Be(-9);
        report.GetProperty("atRisk").GetBoolean().Should().BeFalse();

        report.GetProperty("cells").EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("eligible").GetInt32(), c.GetProperty("received").GetInt32(), c.GetProperty("remaining").GetInt32()))
            .Should().Equal(("Chi bộ Thôn Hai", 4, 3, 1), ("Chi bộ Thôn Một", 6, 5, 1));
        // Máy A: 08:00, 08:04, 08:10, then 09:00 after a 50-minute break that does not count: (4 + 6) / 2.
        var devices = report.GetProperty("devices").EnumerateArray().ToList();
        devices.Select(d => (d.GetProperty("name").GetString(), d.GetProperty("records").GetInt32())).Should().Equal(("Máy A", 4), ("Máy B", 1));
        devices[0].GetProperty("averageMinutes").GetDouble().Should().Be(5.0);
        devices[1].GetProperty("averageMinutes").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task The_daily_figures_agree_with_the_raw_records_of_a_demo_commune()
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(-1);
        await using var db = app.SystemContext();
        var end = VietnamTime.StartOfDayUtc(day.AddDays(1));
        var start = VietnamTime.StartOfDayUtc(day);
        var active = db.Applications.Where(a => a.CommuneId == app.CommuneOne && a.State != ApplicationState.Cancelled && a.SubmittedAt < end);
        var expected = new[]
        {
            await db.PartyMembers.CountAsync(m => m.CommuneId == app.CommuneOne && m.Exemption == null),
            await active.CountAsync(a => a.SubmittedAt >= start),
            await active.CountAsync(),
            await active.CountAsync(a => a.State == ApplicationState.Approved),
            await active.CountAsync(a => a.Verification == VerificationStatus.Pending),
        };

        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        var report = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/reports/daily?date={Iso(day)}");

        Ints(report, "eligible", "receivedToday", "receivedTotal", "approved", "pendingChecks").Should().Equal(expected);
        expected[1].Should().BeGreaterThan(0, "the demo campaign has records on every past day");
        report.GetProperty("cells").EnumerateArray().Sum(c => c.GetProperty("received").GetInt32()).Should().Be(expected[2]);
        report.GetProperty("devices").EnumerateArray().Sum(d => d.GetProperty("records").GetInt32()).Should().Be(expected[1]);
    }

    [Fact]
    public async Task The_province_figures_are_the_sums_of_its_communes_and_match_the_raw_records()
    {
        var commune = await ReportCommune.CreateAsync(app);
        using var viewer = await app.SignedInClientAsync(DemoAccounts.Province);

        var province = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/reports/province?date={commune.Iso}");

        var communes = province.GetProperty("communes").EnumerateArray().ToList();
        foreach (var total in new[] { "eligible", "receivedTotal", "receivedToday" })
        {
            province.GetProperty(total).GetInt32().Should().Be(communes.Sum(c => c.GetProperty(total).GetInt32()), total);
        }

        province.GetProperty("province").GetProperty("code").GetString().Should().Be("25");
        province.GetProperty("date").GetString().Should().Be(commune.Iso);
        var own = communes.Single(c => c.GetProperty("code").GetString() == commune.Code);
        Ints(own, "eligible", "receivedTotal", "receivedToday", "receivedYesterday").Should().Equal(10, 8, 5, 1);
        own.GetProperty("percent").GetDouble().Should().Be(80.0);
        own.GetProperty("forecastFinishDate").GetString().Should().Be(Iso(commune.Day.AddDays(1)));
        own.GetProperty("daysLate").GetInt32().Should().Be(-9);

        await using var db = app.SystemContext();
        var end = VietnamTime.StartOfDayUtc(commune.Day.AddDays(1));
        var provinceId = await db.Communes.Where(c => c.Id == commune.Id).Select(c => c.ProvinceId).SingleAsync();
        var raw = await db.Applications
            .Where(a => a.Member!.Commune!.ProvinceId == provinceId && a.State != ApplicationState.Cancelled && a.SubmittedAt < end)
            .CountAsync();
        province.GetProperty("receivedTotal").GetInt32().Should().Be(raw);
    }

    [Fact]
    public async Task A_commune_user_gets_only_their_own_commune_and_no_province()
    {
        var commune = await ReportCommune.CreateAsync(app);
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        var own = await lead.GetFromJsonAsync<JsonElement>("/api/v1/reports/daily?commune=" + DemoPopulationGenerator.DefaultShapes[0].Code);
        own.GetProperty("commune").GetProperty("code").GetString().Should().Be(DemoPopulationGenerator.DefaultShapes[0].Code);

        (await lead.GetAsync($"/api/v1/reports/daily?commune={commune.Code}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await lead.GetAsync($"/api/v1/reports/daily?commune={DemoPopulationGenerator.DefaultShapes[1].Code}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await lead.GetAsync($"/reports/daily.pdf?commune={commune.Code}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await lead.GetAsync($"/reports/daily.xlsx?commune={commune.Code}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using (var page = await lead.GetAsync($"/reports/daily?commune={commune.Code}"))
        {
            page.StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await page.Content.ReadAsStringAsync()).Should().NotContain(commune.Name);
        }

        (await lead.GetAsync("/api/v1/reports/province")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await lead.GetAsync("/province")).Headers.Location!.ToString().Should().Contain("/account/denied");

        // Officers work the desk; the daily report is for their commander and the committee.
        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        (await officer.GetAsync("/api/v1/reports/daily")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var committee = await app.SignedInClientAsync(DemoAccounts.Committee);
        (await committee.GetAsync("/api/v1/reports/daily")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_province_viewer_gets_any_commune_of_their_province_and_nothing_of_another()
    {
        var commune = await ReportCommune.CreateAsync(app);
        string otherProvince, otherCommune;
        await using (var db = app.SystemContext())
        {
            var number = Random.Shared.Next(100, 999);
            var elsewhere = new Province { Code = $"P{number}", Name = $"Tỉnh Khác {number}" };
            db.Provinces.Add(elsewhere);
            await db.SaveChangesAsync();
            var foreign = new Commune { ProvinceId = elsewhere.Id, Code = $"7{number}0", Name = $"Xã Tỉnh Khác {number}" };
            db.Communes.Add(foreign);
            await db.SaveChangesAsync();
            (otherProvince, otherCommune) = (elsewhere.Code, foreign.Code);
        }

        using var viewer = await app.SignedInClientAsync(DemoAccounts.Province);
        var report = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/reports/daily?commune={commune.Code}&date={commune.Iso}");
        report.GetProperty("receivedTotal").GetInt32().Should().Be(8);
        (await viewer.GetAsync("/api/v1/reports/province?province=25")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await viewer.GetAsync($"/api/v1/reports/daily?commune={otherCommune}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await viewer.GetAsync($"/api/v1/reports/province?province={otherProvince}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await viewer.GetAsync($"/reports/daily.csv?commune={otherCommune}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var province = await viewer.GetFromJsonAsync<JsonElement>("/api/v1/reports/province");
        province.GetProperty("communes").EnumerateArray().Select(c => c.GetProperty("code").GetString()).Should().NotContain(otherCommune);

        using var missing = await viewer.GetAsync("/api/v1/reports/daily");
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("commune", out _).Should().BeTrue();
    }

    [Theory]
    [InlineData("/api/v1/reports/daily?date={0}", DemoAccounts.Lead)]
    [InlineData("/api/v1/reports/province?date={0}", DemoAccounts.Province)]
    [InlineData("/reports/daily.xlsx?date={0}", DemoAccounts.Lead)]
    [InlineData("/province.xlsx?date={0}", DemoAccounts.Province)]
    public async Task A_bad_date_is_a_problem_that_names_the_date(string address, string userName)
    {
        using var client = await app.SignedInClientAsync(userName);
        var tomorrow = Iso(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(2));
        foreach (var date in new[] { "2025-13-45", "21/11/2025", "hom-nay", tomorrow })
        {
            using var response = await client.GetAsync(string.Format(CultureInfo.InvariantCulture, address, Uri.EscapeDataString(date)));
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, date);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            errors.GetProperty("date")[0].GetString().Should().Contain("năm-tháng-ngày");
        }
    }

    [Fact]
    public async Task The_report_pages_say_so_when_the_date_is_wrong_and_show_today()
    {
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        var html = await lead.GetStringAsync("/reports/daily?date=2025-02-30");
        html.Should().Contain("data-testid=\"report-date-error\"").And.Contain("data-testid=\"report-summary\"");
    }

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static IEnumerable<int> Ints(JsonElement element, params string[] names) => names.Select(n => element.GetProperty(n).GetInt32());

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : ReportApiTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : ReportApiTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : ReportApiTests(app);
}
