using System.Text;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.IntegrationTests.Web;

namespace PartyCardIntake.IntegrationTests.Api;

/// <summary>Malformed and out-of-range input, unknown ids and refusals: each a problem+json naming what failed.</summary>
public abstract class ApiErrorTests(AppFixture app)
{
    private const string Plan = """
        {"startDate":"2025-08-06","deadline":"2025-08-15","minutesPerMember":3,"reservePercent":0,
         "sites":[{"name":"Trụ sở","devices":1,"hours":{"mon":[["07:00","17:00"]]}}],
         "cells":[{"name":"Chi bộ khu I","members":35}]}
        """;

    [Theory]
    [InlineData("\"minutesPerMember\":3", "\"minutesPerMember\":\"3\"", "minutesPerMember")]
    [InlineData("\"devices\":1", "\"devices\":\"one\"", "sites[0].devices")]
    [InlineData("\"members\":35", "\"members\":35.5", "cells[0].members")]
    [InlineData("\"members\":35", "\"members\":true", "cells[0].members")]
    [InlineData("\"startDate\":\"2025-08-06\"", "\"startDate\":20250806", "startDate")]
    [InlineData("\"sites\":[", "\"sites\":{\"a\":1},\"x\":[", "sites")]
    public async Task A_wrong_type_names_its_field(string valid, string wrong, string field)
    {
        using var client = await ApiClients.BearerAsync(app.Factory, DemoAccounts.Lead);
        var body = Plan.Replace(valid, wrong, StringComparison.Ordinal);
        body.Should().NotBe(Plan);
        using var response = await client.PostAsync("/api/v1/plans/preview", Json(body));
        (await ApiClients.FieldErrorsAsync(response, field)).Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("{\"startDate\":\"2025-08-06\",", "$")]
    [InlineData("{\"startDate\":\"2025-08-06\" \"deadline\":null}", "$")]
    [InlineData("not json", "$")]
    [InlineData("", "$")]
    public async Task A_malformed_or_missing_body_is_a_problem_about_the_body(string body, string field)
    {
        using var client = await ApiClients.BearerAsync(app.Factory, DemoAccounts.Lead);
        using var response = await client.PostAsync("/api/v1/plans/preview", Json(body));
        var problem = await ApiClients.ProblemAsync(response, 400);
        var keys = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        keys.Should().ContainSingle();

        // A reader that stopped inside a property names it; otherwise the body as a whole.
        (keys[0] == field || keys[0] is "startDate" or "deadline").Should().BeTrue(problem.ToString());
    }

    [Fact]
    public async Task Another_media_type_is_415_naming_the_content_type()
    {
        using var client = await ApiClients.BearerAsync(app.Factory, DemoAccounts.Lead);
        using var response = await client.PostAsync("/api/v1/plans/preview", new StringContent(Plan, Encoding.UTF8, "text/plain"));
        (await ApiClients.FieldErrorsAsync(response, "Content-Type", 415)).Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_malformed_token_request_names_its_field()
    {
        using var client = app.Factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/auth/token", Json("{\"userName\":[1,2],\"password\":\"x\"}"));
        (await ApiClients.FieldErrorsAsync(response, "userName")).Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("\"deadline\":\"2025-08-15\"", "\"deadline\":\"9999-12-31\"", "deadline")]
    [InlineData("\"deadline\":\"2025-08-15\"", "\"deadline\":\"2027-08-15\"", "deadline")]
    [InlineData("\"startDate\":\"2025-08-06\"", "\"startDate\":\"0001-01-01\"", "startDate")]
    [InlineData("\"startDate\":\"2025-08-06\",\"deadline\":\"2025-08-15\"", "\"startDate\":\"9999-12-31\"", "startDate")]
    [InlineData("\"startDate\":\"2025-08-06\"", "\"startDate\":\"2025-02-30\"", "startDate")]
    [InlineData("\"cells\":[{\"name\":\"Chi bộ khu I\",\"members\":35}]", "\"cells\":[{\"name\":\"Chi bộ khu I\",\"members\":35},{\"name\":\"Chi bộ khu I\",\"members\":3}]", "cells[1].name")]
    [InlineData("\"devices\":1,", "\"devices\":1},{\"name\":\"Trụ sở\",\"devices\":2,", "sites[1].name")]
    [InlineData("\"members\":35", "\"members\":2147483647", "cells[0].members")]
    [InlineData("\"minutesPerMember\":3", "\"minutesPerMember\":0.05", "minutesPerMember")]
    public async Task Out_of_range_plan_input_is_400_naming_the_field(string valid, string wrong, string field)
    {
        using var client = await ApiClients.BearerAsync(app.Factory, DemoAccounts.Lead);
        var body = Plan.Replace(valid, wrong, StringComparison.Ordinal);
        body.Should().NotBe(Plan);
        using var response = await client.PostAsync("/api/v1/plans/preview", Json(body));
        (await ApiClients.FieldErrorsAsync(response, field)).Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("2025-13-01")]
    [InlineData("hôm nay")]
    public async Task A_report_date_out_of_range_is_400_naming_the_date(string date)
    {
        using var client = await ApiClients.BearerAsync(app.Factory, DemoAccounts.Lead);
        using var response = await client.GetAsync($"/api/v1/reports/daily?date={Uri.EscapeDataString(date)}");
        (await ApiClients.FieldErrorsAsync(response, "date")).Should().NotBeEmpty();
    }

    [Fact]
    public async Task An_unknown_member_or_route_is_a_404_problem()
    {
        await using var db = app.SystemContext();
        var last = await db.PartyMembers.MaxAsync(m => m.Id);
        using var client = await ApiClients.BearerAsync(app.Factory, DemoAccounts.Officer);
        using (var member = await client.GetAsync($"/api/v1/members/{last + 1000}"))
        {
            await ApiClients.ProblemAsync(member, 404);
        }

        using (var notInt = await client.GetAsync("/api/v1/members/abc"))
        {
            await ApiClients.ProblemAsync(notInt, 404);
        }

        using var route = await client.GetAsync("/api/v1/no-such-thing");
        await ApiClients.ProblemAsync(route, 404);
    }

    [Fact]
    public async Task Refusals_are_problems()
    {
        using (var anonymous = app.Factory.CreateClient())
        using (var response = await anonymous.GetAsync("/api/v1/me"))
        {
            await ApiClients.ProblemAsync(response, 401);
        }

        using (var browser = app.CreateBrowserClient())
        using (var response = await browser.GetAsync("/api/v1/reports/daily"))
        {
            // The cookie scheme's challenge, not a redirect to the sign-in page.
            await ApiClients.ProblemAsync(response, 401);
        }

        await using var db = app.SystemContext();
        var member = await db.PartyMembers.Select(m => m.Id).FirstAsync();
        using var province = await ApiClients.BearerAsync(app.Factory, DemoAccounts.Province);
        using (var response = await province.GetAsync($"/api/v1/members/{member}"))
        {
            await ApiClients.ProblemAsync(response, 403);
        }

        using var lead = await ApiClients.BearerAsync(app.Factory, DemoAccounts.Lead);
        using var wrongMethod = await lead.DeleteAsync("/api/v1/me");
        await ApiClients.ProblemAsync(wrongMethod, 405);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : ApiErrorTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : ApiErrorTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : ApiErrorTests(app);
}
