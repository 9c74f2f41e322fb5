using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Planning;

[Collection(SqliteApp.Collection)]
public sealed class PlanPreviewApiTests(SqliteApp app)
{
    private const string ValidBody = """
        {"startDate":"2025-08-06","deadline":"2025-08-15","minutesPerMember":3,"reservePercent":0,
         "sites":[{"name":"Trụ sở","devices":1,"hours":{"mon":[["07:00","23:00"]],"tue":[["07:00","23:00"]],"wed":[["07:00","23:00"]],
           "thu":[["07:00","23:00"]],"fri":[["07:00","23:00"]],"sat":[["07:00","23:00"]],"sun":[["07:00","23:00"]]},"closedDates":["2025-08-10"]}],
         "cells":[{"name":"Chi bộ khu I","members":35,"availability":["weekdayDaytime","weekdayEvening","weekend"]},
                  {"name":"Chi bộ khu II","members":20}]}
        """;

    [Theory]
    [InlineData(DemoAccounts.Lead)]
    [InlineData(DemoAccounts.Committee)]
    [InlineData(DemoAccounts.Admin)]
    public async Task Planners_get_a_plan_in_the_documented_shape(string userName)
    {
        using var client = await BearerAsync(userName);
        using var response = await client.PostAsync("/api/v1/plans/preview", new StringContent(ValidBody, System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>();

        var slots = plan.GetProperty("slots").EnumerateArray().ToList();
        slots.Should().NotBeEmpty();
        var first = slots[0];
        first.GetProperty("site").GetString().Should().Be("Trụ sở");
        first.GetProperty("cell").GetString().Should().Be("Chi bộ khu I");
        first.GetProperty("start").GetString().Should().Be("2025-08-06T07:00:00");
        first.GetProperty("end").GetString().Should().Be("2025-08-06T08:45:00");
        first.GetProperty("members").GetInt32().Should().Be(35);
        slots.Sum(s => s.GetProperty("members").GetInt32()).Should().Be(55);
        plan.GetProperty("finishDate").GetString().Should().Be("2025-08-06");
        plan.GetProperty("meetsDeadline").GetBoolean().Should().BeTrue();
        plan.GetProperty("lowerBoundFinishDate").GetString().Should().Be("2025-08-06");
        plan.GetProperty("unscheduled").GetArrayLength().Should().Be(0);

        // One device, 3 minutes planned a member, captures of 2–3 minutes: the desk keeps pace on average, but members come
        // at random moments within their slot, so some wait (the simulation is seeded: the same figures every time).
        var mean = plan.GetProperty("waits").GetProperty("meanMinutes").GetDouble();
        var p95 = plan.GetProperty("waits").GetProperty("p95Minutes").GetDouble();
        mean.Should().BeGreaterThan(0);
        p95.Should().BeGreaterThan(mean);
        p95.Should().BeLessThan(30);
    }

    [Fact]
    public async Task Planning_tighter_than_the_capture_time_shows_waiting_at_the_desk()
    {
        // At 2 planned minutes a member every 2 minutes meets captures of 2–3 minutes: a queue builds.
        using var client = await BearerAsync(DemoAccounts.Lead);
        var body = ValidBody.Replace("\"minutesPerMember\":3", "\"minutesPerMember\":2", StringComparison.Ordinal);
        using var response = await client.PostAsync("/api/v1/plans/preview", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var waits = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("waits");
        waits.GetProperty("meanMinutes").GetDouble().Should().BeGreaterThan(0);
        waits.GetProperty("p95Minutes").GetDouble().Should().BeGreaterThan(waits.GetProperty("meanMinutes").GetDouble());
    }

    [Theory]
    [InlineData("\"minutesPerMember\":3", "\"minutesPerMember\":-3", "minutesPerMember", "từ 0,1 đến 120")]
    [InlineData("\"devices\":1", "\"devices\":0", "sites[0].devices", "Số thiết bị")]
    [InlineData("\"mon\":[[\"07:00\",\"23:00\"]]", "\"mon\":[[\"23:00\",\"07:00\"]]", "sites[0].hours.mon[0]", "Giờ kết thúc phải sau")]
    [InlineData("\"mon\":[[\"07:00\",\"23:00\"]]", "\"lun\":[[\"07:00\",\"23:00\"]]", "sites[0].hours.lun", "Thứ trong tuần không hợp lệ")]
    [InlineData("\"deadline\":\"2025-08-15\"", "\"deadline\":\"2025-08-01\"", "deadline", "Hạn hoàn thành phải sau")]
    [InlineData("\"members\":35", "\"members\":-1", "cells[0].members", "không được âm")]
    [InlineData("\"startDate\":\"2025-08-06\"", "\"startDate\":\"06/08/2025\"", "startDate", "yyyy-MM-dd")]
    [InlineData("\"weekend\"]", "\"sundays\"]", "cells[0].availability[2]", "weekdayDaytime")]
    public async Task Bad_input_gets_a_problem_naming_the_field(string valid, string invalid, string field, string message)
    {
        using var client = await BearerAsync(DemoAccounts.Lead);
        var body = ValidBody.Replace(valid, invalid, StringComparison.Ordinal);
        body.Should().NotBe(ValidBody);
        using var response = await client.PostAsync("/api/v1/plans/preview", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty(field, out var messages).Should().BeTrue(await response.Content.ReadAsStringAsync());
        messages.EnumerateArray().Select(m => m.GetString()).Should().Contain(m => m!.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Special_hours_replace_the_weekly_hours_of_their_date()
    {
        // Wednesday opens only 13:00–14:00 (20 members): the cell of 20 fills it, the cell of 35 opens Thursday.
        using var client = await BearerAsync(DemoAccounts.Lead);
        var body = ValidBody.Replace(
            "\"closedDates\":[\"2025-08-10\"]",
            "\"closedDates\":[\"2025-08-10\"],\"specialHours\":{\"2025-08-06\":[[\"13:00\",\"14:00\"]]}",
            StringComparison.Ordinal);
        body.Should().NotBe(ValidBody);
        using var response = await client.PostAsync("/api/v1/plans/preview", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>();

        plan.GetProperty("slots").EnumerateArray()
            .Select(s => (s.GetProperty("cell").GetString(), s.GetProperty("start").GetString(), s.GetProperty("end").GetString(), s.GetProperty("members").GetInt32()))
            .Should().Equal(
                ("Chi bộ khu II", "2025-08-06T13:00:00", "2025-08-06T14:00:00", 20),
                ("Chi bộ khu I", "2025-08-07T07:00:00", "2025-08-07T08:45:00", 35));
        plan.GetProperty("finishDate").GetString().Should().Be("2025-08-07");
        plan.GetProperty("lowerBoundFinishDate").GetString().Should().Be("2025-08-07");
    }

    [Theory]
    [InlineData("[[\"12:00\",\"07:00\"]]", "sites[0].specialHours.2025-08-09[0]", "Giờ kết thúc phải sau")]
    [InlineData("[[\"07:00\",\"12:00\"],[\"11:00\",\"17:00\"]]", "sites[0].specialHours.2025-08-09", "chồng lên nhau")]
    [InlineData("[[\"07:00\"]]", "sites[0].specialHours.2025-08-09[0]", "HH:mm")]
    public async Task Bad_special_hours_get_a_problem_naming_the_date(string hours, string field, string message)
    {
        using var client = await BearerAsync(DemoAccounts.Lead);
        var body = ValidBody.Replace(
            "\"closedDates\":[\"2025-08-10\"]",
            $"\"closedDates\":[\"2025-08-10\"],\"specialHours\":{{\"2025-08-09\":{hours}}}",
            StringComparison.Ordinal);
        await ExpectProblemAsync(client, body, field, message);
    }

    [Fact]
    public async Task A_special_day_that_is_not_a_date_gets_a_problem_naming_it()
    {
        using var client = await BearerAsync(DemoAccounts.Lead);
        var body = ValidBody.Replace(
            "\"closedDates\":[\"2025-08-10\"]",
            "\"closedDates\":[\"2025-08-10\"],\"specialHours\":{\"09/08/2025\":[[\"07:00\",\"12:00\"]]}",
            StringComparison.Ordinal);
        await ExpectProblemAsync(client, body, "sites[0].specialHours.09/08/2025", "yyyy-MM-dd");
    }

    [Theory]
    [InlineData(DemoAccounts.Officer)]
    [InlineData(DemoAccounts.Province)]
    public async Task Others_may_not_plan(string userName)
    {
        using var client = await BearerAsync(userName);
        using var response = await client.PostAsync("/api/v1/plans/preview", new StringContent(ValidBody, System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_preview_is_in_the_openapi_document()
    {
        using var client = app.Factory.CreateClient();
        (await client.GetStringAsync("/openapi/v1.json")).Should().Contain("/api/v1/plans/preview");
    }

    private static async Task ExpectProblemAsync(HttpClient client, string body, string field, string message)
    {
        using var response = await client.PostAsync("/api/v1/plans/preview", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty(field, out var messages).Should().BeTrue(await response.Content.ReadAsStringAsync());
        messages.EnumerateArray().Select(m => m.GetString()).Should().Contain(m => m!.Contains(message, StringComparison.Ordinal));
    }

    private async Task<HttpClient> BearerAsync(string userName)
    {
        var client = app.Factory.CreateClient();
        using var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = PartyCardAppFactory.DemoPassword });
        var body = await token.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        return client;
    }
}
