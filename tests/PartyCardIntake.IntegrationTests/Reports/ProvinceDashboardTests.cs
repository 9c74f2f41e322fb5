using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Reporting;
using PartyCardIntake.IntegrationTests.Sites;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.Reports;

namespace PartyCardIntake.IntegrationTests.Reports;

/// <summary>The province dashboard's table: ordered and filtered by its service as by its files, at-risk communes marked, never a member.</summary>
public abstract class ProvinceDashboardTests(AppFixture app)
{
    [Fact]
    public async Task The_table_is_ordered_by_the_column_asked_for_either_way()
    {
        var commune = await ReportCommune.CreateAsync(app);
        using var viewer = await app.SignedInClientAsync(DemoAccounts.Province);
        var api = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/reports/province?date={commune.Iso}");
        var communes = api.GetProperty("communes").EnumerateArray()
            .Select(c => (Code: c.GetProperty("code").GetString()!, Received: c.GetProperty("receivedTotal").GetInt32()))
            .ToList();

        (await CodesAsync(commune.Day, DashboardQuery.Default)).Should().Equal(communes.Select(c => c.Code).Order(StringComparer.Ordinal));
        (await CodesAsync(commune.Day, DashboardQuery.From("received", true, null, null)))
            .Should().Equal(communes.OrderByDescending(c => c.Received).ThenBy(c => c.Code, StringComparer.Ordinal).Select(c => c.Code));
        (await CodesAsync(commune.Day, DashboardQuery.From("received", false, null, null)))
            .Should().Equal(communes.OrderBy(c => c.Received).ThenBy(c => c.Code, StringComparer.Ordinal).Select(c => c.Code));

        // The files follow the same address: the XLSX's communes sheet in the same order.
        var sheet = Spreadsheet.Read(await viewer.GetByteArrayAsync($"/province.xlsx?date={commune.Iso}&sort=received&desc=true"))["Xã, phường"];
        sheet.Skip(1).Select(r => r[0]).Should().Equal(communes.OrderByDescending(c => c.Received).ThenBy(c => c.Code, StringComparer.Ordinal).Select(c => c.Code));
    }

    [Fact]
    public async Task Filtering_by_text_or_risk_keeps_only_the_matching_communes_and_marks_those_at_risk()
    {
        var onTrack = await ReportCommune.CreateAsync(app);
        var late = await ReportCommune.CreateAsync(app, atRisk: true);

        (await CodesAsync(onTrack.Day, DashboardQuery.From(null, null, onTrack.Code, null))).Should().Equal(onTrack.Code);
        // Without diacritics and in lower case, as people type.
        (await CodesAsync(onTrack.Day, DashboardQuery.From(null, null, "phuong ky son", null))).Should().Equal(DemoPopulationGenerator.DefaultShapes[0].Code);

        var risky = await RowsAsync(onTrack.Day, DashboardQuery.From(null, null, null, true));
        risky.Should().NotBeEmpty().And.OnlyContain(r => r.AtRisk);
        risky.Select(r => r.Code).Should().Contain(late.Code).And.NotContain(onTrack.Code);

        var all = await RowsAsync(onTrack.Day, DashboardQuery.Default);
        all.Single(r => r.Code == late.Code).AtRisk.Should().BeTrue();
        all.Single(r => r.Code == onTrack.Code).AtRisk.Should().BeFalse();
    }

    [Fact]
    public async Task The_dashboard_service_answers_only_province_users_for_their_own_province()
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        await using (var lead = await ServiceAs.UserAsync(app, DemoAccounts.Lead))
        {
            (await lead.Get<ProvinceDashboardService>().ForAsync(null, day, DashboardQuery.Default)).Should().BeNull();
            lead.Get<ProvinceDashboardService>().Watch(_ => Task.CompletedTask).Should().BeNull();
        }

        await using var viewer = await ServiceAs.UserAsync(app, DemoAccounts.Province);
        (await viewer.Get<ProvinceDashboardService>().ForAsync("99", day, DashboardQuery.Default)).Should().BeNull("another province's code is not found");
        using var watch = viewer.Get<ProvinceDashboardService>().Watch(_ => Task.CompletedTask);
        watch.Should().NotBeNull();
    }

    [Fact]
    public async Task Each_commune_links_to_its_daily_report_and_the_province_viewer_sees_no_member_anywhere()
    {
        var commune = await ReportCommune.CreateAsync(app);
        using var viewer = await app.SignedInClientAsync(DemoAccounts.Province);

        // The links from the dashboard's rows to each daily report: ReportFlowTests and ProvinceDashboardLiveTests (browser).
        var dashboard = await viewer.GetStringAsync($"/province?date={commune.Iso}");
        dashboard.Should().Contain("data-testid=\"province-heading\"");

        var texts = new List<string>
        {
            dashboard,
            await viewer.GetStringAsync($"/reports/daily?commune={commune.Code}&date={commune.Iso}"),
            await viewer.GetStringAsync($"/reports/daily.csv?commune={commune.Code}&date={commune.Iso}"),
            await viewer.GetStringAsync($"/api/v1/reports/daily?commune={commune.Code}&date={commune.Iso}"),
            await viewer.GetStringAsync($"/api/v1/reports/province?date={commune.Iso}"),
            await PdfText.ExtractAsync(await viewer.GetByteArrayAsync($"/reports/daily.pdf?commune={commune.Code}&date={commune.Iso}")),
            await PdfText.ExtractAsync(await viewer.GetByteArrayAsync($"/province.pdf?date={commune.Iso}")),
        };
        texts.Add(string.Join('\n', Spreadsheet.Read(await viewer.GetByteArrayAsync($"/reports/daily.xlsx?commune={commune.Code}&date={commune.Iso}")).Values.SelectMany(s => s).SelectMany(r => r)));
        texts.Add(string.Join('\n', Spreadsheet.Read(await viewer.GetByteArrayAsync($"/province.xlsx?date={commune.Iso}")).Values.SelectMany(s => s).SelectMany(r => r)));

        texts[1].Should().Contain(commune.Name).And.Contain("data-testid=\"report-summary\"");
        foreach (var text in texts)
        {
            commune.MemberNames.Should().OnlyContain(name => !text.Contains(name, StringComparison.Ordinal));
        }

        int memberId;
        await using (var db = app.SystemContext())
        {
            memberId = db.PartyMembers.Where(m => m.CommuneId == commune.Id).Select(m => m.Id).First();
        }

        (await viewer.GetAsync($"/members/{memberId}")).Headers.Location!.ToString().Should().Contain("/account/denied");
        (await viewer.GetAsync($"/api/v1/members/{memberId}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private async Task<List<string>> CodesAsync(DateOnly day, DashboardQuery query) => (await RowsAsync(day, query)).Select(r => r.Code).ToList();

    private async Task<IReadOnlyList<CommuneFigures>> RowsAsync(DateOnly day, DashboardQuery query)
    {
        await using var viewer = await ServiceAs.UserAsync(app, DemoAccounts.Province);
        var dashboard = await viewer.Get<ProvinceDashboardService>().ForAsync(null, day, query);
        return dashboard!.Rows;
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : ProvinceDashboardTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : ProvinceDashboardTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : ProvinceDashboardTests(app);
}
