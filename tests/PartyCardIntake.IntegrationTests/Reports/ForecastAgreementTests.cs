using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.IntegrationTests.Sites;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.Planning;
using PartyCardIntake.Web.Features.Reports;
using PartyCardIntake.Web.Hosting;

namespace PartyCardIntake.IntegrationTests.Reports;

/// <summary>
/// One forecast (docs/reports.md): what the planner says after planning and what the daily report, its API and the
/// province dashboard say of the same commune on the same data are the same date and the same "on time".
/// </summary>
public abstract class ForecastAgreementTests(AppFixture app)
{
    [Fact]
    public async Task The_planner_s_finish_and_the_daily_report_s_forecast_are_the_same_date()
    {
        DateOnly? planned;
        bool meets;
        await using (var lead = await ServiceAs.UserAsync(app, DemoAccounts.Lead))
        {
            var run = await lead.Get<PlanningService>().PlanAsync();
            run.Outcome.Should().Be(PlanRunOutcome.Done);
            planned = run.Plan!.FinishDate;
            meets = run.Plan.MeetsDeadline;
        }

        planned.Should().NotBeNull("the demo commune has sites, hours and waiting members");
        DateOnly today;
        DailyReport? report;
        await using (var lead = await ServiceAs.UserAsync(app, DemoAccounts.Lead))
        {
            today = lead.Get<VietnamTime>().Today;
            report = await lead.Get<DailyReportService>().ForAsync(null, today);
        }

        report!.Figures.ForecastFinish.Should().Be(planned);
        report.Figures.OnTime.Should().Be(meets);
        report.Figures.Plan.Members.Should().BePositive("the stored plan is what the report reads");

        using var client = await app.SignedInClientAsync(DemoAccounts.Lead);
        var api = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/daily");
        api.GetProperty("forecastFinishDate").GetString().Should().Be(planned!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        await using var province = await ServiceAs.UserAsync(app, DemoAccounts.Province);
        var dashboard = await province.Get<ProvinceDashboardService>().ForAsync(null, today, DashboardQuery.Default);
        dashboard!.Figures.Communes.Single(c => c.CommuneId == app.CommuneOne).ForecastFinish.Should().Be(planned);
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : ForecastAgreementTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : ForecastAgreementTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : ForecastAgreementTests(app);
}
