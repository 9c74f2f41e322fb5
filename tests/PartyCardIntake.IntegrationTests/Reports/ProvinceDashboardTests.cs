using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Reports;

/// <summary>The province dashboard's table: ordered and filtered on the server, at-risk communes marked, never a member.</summary>
public abstract partial class ProvinceDashboardTests(AppFixture app)
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

        var byCode = Codes(await viewer.GetStringAsync($"/province?date={commune.Iso}"));
        byCode.Should().Equal(communes.Select(c => c.Code).Order(StringComparer.Ordinal));

        var byReceived = Codes(await viewer.GetStringAsync($"/province?date={commune.Iso}&sort=received&desc=true"));
        byReceived.Should().Equal(communes.OrderByDescending(c => c.Received).ThenBy(c => c.Code, StringComparer.Ordinal).Select(c => c.Code));

        var html = await viewer.GetStringAsync($"/province?date={commune.Iso}&sort=received");
        Codes(html).Should().Equal(communes.OrderBy(c => c.Received).ThenBy(c => c.Code, StringComparer.Ordinal).Select(c => c.Code));
        // The column head now offers the other direction.
        html.Should().Contain("aria-sort=\"ascending\"").And.Contain("sort=received&amp;desc=true");
    }

    [Fact]
    public async Task Filtering_by_text_or_risk_keeps_only_the_matching_communes_and_marks_those_at_risk()
    {
        var onTrack = await ReportCommune.CreateAsync(app);
        var late = await ReportCommune.CreateAsync(app, atRisk: true);
        using var viewer = await app.SignedInClientAsync(DemoAccounts.Province);

        Codes(await viewer.GetStringAsync($"/province?date={onTrack.Iso}&q={onTrack.Code}")).Should().Equal(onTrack.Code);
        // Without diacritics and in lower case, as people type.
        Codes(await viewer.GetStringAsync($"/province?date={onTrack.Iso}&q=phuong ky son")).Should().Equal(DemoPopulationGenerator.DefaultShapes[0].Code);

        var risky = await viewer.GetStringAsync($"/province?date={onTrack.Iso}&risk=true");
        var rows = Rows(risky);
        rows.Should().NotBeEmpty().And.OnlyContain(r => r.AtRisk && r.Highlighted);
        rows.Select(r => r.Code).Should().Contain(late.Code).And.NotContain(onTrack.Code);
        risky.Should().Contain("data-testid=\"province-count\"");

        var all = Rows(await viewer.GetStringAsync($"/province?date={onTrack.Iso}"));
        all.Single(r => r.Code == late.Code).Should().Be((late.Code, true, true));
        all.Single(r => r.Code == onTrack.Code).Should().Be((onTrack.Code, false, false));
        all.Should().OnlyContain(r => r.AtRisk == r.Highlighted);
    }

    [Fact]
    public async Task Each_commune_links_to_its_daily_report_and_the_province_viewer_sees_no_member_anywhere()
    {
        var commune = await ReportCommune.CreateAsync(app);
        using var viewer = await app.SignedInClientAsync(DemoAccounts.Province);

        var dashboard = await viewer.GetStringAsync($"/province?date={commune.Iso}");
        dashboard.Should().Contain($"href=\"/reports/daily?commune={commune.Code}&amp;date={commune.Iso}\"");

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

    private static List<string> Codes(string html) => Rows(html).Select(r => r.Code).ToList();

    private static List<(string Code, bool AtRisk, bool Highlighted)> Rows(string html) =>
        Row().Matches(html).Select(m => (m.Groups["code"].Value, m.Groups["risk"].Value == "true", m.Groups["class"].Value.Contains("table-danger", StringComparison.Ordinal))).ToList();

    [GeneratedRegex("<tr(?: class=\"(?<class>[^\"]*)\")? data-testid=\"commune-row\" data-code=\"(?<code>[^\"]+)\" data-at-risk=\"(?<risk>true|false)\"")]
    private static partial Regex Row();

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : ProvinceDashboardTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : ProvinceDashboardTests(app);
}
