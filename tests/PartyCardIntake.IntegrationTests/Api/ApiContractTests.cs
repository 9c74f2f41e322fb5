using System.Text.Json;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Api;

/// <summary>
/// The recorded answers against the document. Every test application is also checked when it stops
/// (ApiContractHook), so answers of tests that run after this class are covered too.
/// </summary>
[Collection(SqliteApp.Collection)]
public sealed class ApiContractTests(SqliteApp app)
{
    [Fact]
    public async Task Every_api_answer_of_this_application_so_far_matches_the_document()
    {
        // At least these, whatever ran before.
        using (var client = await ApiClients.BearerAsync(app.Factory, Core.Demo.DemoAccounts.Officer))
        {
            (await client.GetAsync("/api/v1/me")).Dispose();
            (await client.GetAsync("/api/v1/reports/daily")).Dispose();
            (await client.GetAsync("/api/v1/nowhere")).Dispose();
        }

        app.Factory.ApiResponses.Responses.Should().Contain(r => r.Path == "/api/v1/me" && r.Status == 200);
        await ApiContract.VerifyAsync(app.Factory);
    }

    [Theory]
    [InlineData("GET", "/api/v1/me", 200, "application/json", """{"userName":"a","displayName":"b","roles":["IntakeOfficer"],"communeId":"7","provinceId":null}""", "communeId")]
    [InlineData("GET", "/api/v1/me", 200, "application/json", """{"userName":"a","displayName":"b","roles":["Chief"],"communeId":7,"provinceId":null}""", "roles")]
    [InlineData("GET", "/api/v1/me", 418, "application/json", "{}", "418")]
    [InlineData("POST", "/api/v1/plans/preview", 500, "text/html; charset=utf-8", "<html></html>", "text/html")]
    [InlineData("POST", "/api/v1/plans/preview", 400, "application/problem+json", """{"status":"400","errors":{"x":"y"}}""", "status")]
    [InlineData("GET", "/api/v1/reports/daily", 200, "application/json", """{"date":"07/12/2026"}""", "/date")]
    [InlineData("GET", "/api/v1/unknown", 200, "application/json", "{}", "no operation")]
    [InlineData("GET", "/api/v1/members/12", 200, "application/json", "not json", "not JSON")]
    public async Task The_check_fails_on_an_answer_that_differs_from_the_document(string method, string path, int status, string contentType, string body, string expected)
    {
        var contract = await ApiContract.OfAsync(app.Factory);
        var failures = contract.Check(new RecordedApiResponse(method, path, status, contentType, body)).ToList();
        failures.Should().NotBeEmpty().And.Contain(f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_check_passes_an_answer_that_matches()
    {
        var contract = await ApiContract.OfAsync(app.Factory);
        contract.Check(new RecordedApiResponse("GET", "/api/v1/me", 200, "application/json; charset=utf-8",
            """{"userName":"a","displayName":"b","roles":["IntakeOfficer"],"communeId":7,"provinceId":null}""")).Should().BeEmpty();
        contract.Check(new RecordedApiResponse("GET", "/api/v1/nowhere", 404, "application/problem+json",
            """{"title":"Không tìm thấy","status":404}""")).Should().BeEmpty();
    }

    [Fact]
    public async Task Verification_throws_when_a_recorded_answer_differs()
    {
        await using var factory = new PartyCardAppFactory(Infrastructure.Database.DatabaseProvider.Sqlite);
        using var client = factory.CreateClient();
        (await client.GetAsync("/api/v1/me")).Dispose();
        await ApiContract.VerifyAsync(factory);

        // What a broken endpoint would have sent; the teardown check of this factory must not see it.
        var wrong = new RecordedApiResponse("GET", "/api/v1/me", 200, "text/plain", "hello");
        var act = () => ApiContract.VerifyAsync(factory, [wrong]);
        await act.Should().ThrowAsync<ApiContractException>().WithMessage("*text/plain*");
    }
}
