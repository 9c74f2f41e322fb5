using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Campaign;

public abstract class CampaignTests(AppFixture app)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    [Fact]
    public async Task The_province_sets_the_window_and_a_commune_may_only_narrow_its_deadline()
    {
        using var admin = await app.SignedInClientAsync(DemoAccounts.Admin);
        var saved = await PostAsync(admin, "/campaign", "/campaign/province", new() { ["start"] = Iso(Today.AddDays(-7)), ["deadline"] = Iso(Today.AddDays(30)) });
        saved.Should().Contain("Đã lưu thời hạn.");

        var backwards = await PostAsync(admin, "/campaign", "/campaign/province", new() { ["start"] = Iso(Today), ["deadline"] = Iso(Today.AddDays(-1)) });
        backwards.Should().Contain("Hạn hoàn thành phải sau ngày bắt đầu.");

        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        var narrowed = await PostAsync(lead, "/planning", "/campaign/commune", new() { ["deadline"] = Iso(Today.AddDays(20)) });
        narrowed.Should().Contain($"data-testid=\"commune-deadline\">{Today.AddDays(20):dd/MM/yyyy}<");

        var later = await PostAsync(lead, "/planning", "/campaign/commune", new() { ["deadline"] = Iso(Today.AddDays(40)) });
        later.Should().Contain("không muộn hơn hạn tỉnh");

        await using var db = app.SystemContext();
        (await db.Communes.SingleAsync(c => c.Id == app.CommuneOne)).Deadline.Should().Be(Today.AddDays(20));
        (await db.Provinces.SingleAsync()).Deadline.Should().Be(Today.AddDays(30));
        await PostAsync(lead, "/planning", "/campaign/commune", new() { ["deadline"] = string.Empty });
    }

    [Fact]
    public async Task Only_the_administrator_sets_the_provinces_window()
    {
        using var viewer = await app.SignedInClientAsync(DemoAccounts.Province);
        using var response = await viewer.GetAsync("/campaign");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/denied");
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Task<string> PostAsync(HttpClient client, string page, string action, Dictionary<string, string> fields) =>
        SignInClient.PostFormAndFollowAsync(client, page, action, fields);

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : CampaignTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : CampaignTests(app);
}
