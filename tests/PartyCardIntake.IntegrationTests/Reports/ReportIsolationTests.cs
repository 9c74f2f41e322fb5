using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.IntegrationTests.Sites;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Web.Features.Reports;
using PartyCardIntake.Web.Hosting;

namespace PartyCardIntake.IntegrationTests.Reports;

/// <summary>
/// The report pages' service methods, called as the circuit calls them: another commune's code is "not found" for a
/// commune user, officers get nothing, and a province user sees only the communes of their province.
/// </summary>
public abstract class ReportIsolationTests(AppFixture app)
{
    [Fact]
    public async Task A_commune_user_gets_their_own_report_and_not_another_communes()
    {
        var (own, other) = await CodesAsync();
        foreach (var user in new[] { DemoAccounts.Lead, DemoAccounts.Committee })
        {
            await using var scope = await ServiceAs.UserAsync(app, user);
            var reports = scope.Get<DailyReportService>();
            var today = scope.Get<VietnamTime>().Today;
            (await reports.ForAsync(null, today))!.Figures.Code.Should().Be(own);
            (await reports.ForAsync(own, today)).Should().NotBeNull();
            (await reports.ForAsync(other, today)).Should().BeNull("{0} may not read another commune's report", user);
            (await reports.ChoicesAsync()).Should().BeEmpty();
        }
    }

    [Fact]
    public async Task An_officer_at_the_desk_gets_no_report()
    {
        await using var scope = await ServiceAs.UserAsync(app, DemoAccounts.Officer);
        var today = scope.Get<VietnamTime>().Today;
        (await scope.Get<DailyReportService>().ForAsync(null, today)).Should().BeNull();
        (await scope.Get<ProvinceDashboardService>().ForAsync(null, today, DashboardQuery.Default)).Should().BeNull();
        scope.Get<ProvinceDashboardService>().Watch(_ => Task.CompletedTask).Should().BeNull();
    }

    [Fact]
    public async Task A_province_user_reads_any_commune_of_their_province_by_code()
    {
        var (own, other) = await CodesAsync();
        await using var scope = await ServiceAs.UserAsync(app, DemoAccounts.Province);
        var reports = scope.Get<DailyReportService>();
        var today = scope.Get<VietnamTime>().Today;
        (await reports.ForAsync(own, today)).Should().NotBeNull();
        (await reports.ForAsync(other, today)).Should().NotBeNull();
        (await reports.ForAsync("99999", today)).Should().BeNull();
        (await reports.ForAsync(null, today)).Should().BeNull("a province user names the commune");
        (await reports.ChoicesAsync()).Select(c => c.Code).Should().Contain([own, other]);
    }

    private async Task<(string Own, string Other)> CodesAsync()
    {
        await using var db = app.SystemContext();
        return (await db.Communes.Where(c => c.Id == app.CommuneOne).Select(c => c.Code).SingleAsync(),
            await db.Communes.Where(c => c.Id == app.CommuneTwo).Select(c => c.Code).SingleAsync());
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : ReportIsolationTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : ReportIsolationTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : ReportIsolationTests(app);
}
