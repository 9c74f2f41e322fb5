using System.Text.Json.Nodes;
using PartyCardIntake.IntegrationTests.Web;

namespace PartyCardIntake.IntegrationTests.Api;

/// <summary>What the OpenAPI document promises scripts: security, names, types, bounds and error answers.</summary>
[Collection(SqliteApp.Collection)]
public sealed class OpenApiDocumentTests(SqliteApp app)
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    [Fact]
    public async Task Every_operation_has_an_id_bearer_security_and_the_error_answers()
    {
        var document = await DocumentAsync();
        document["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>().Should().Be("bearer");
        var operations = Operations(document).ToList();
        operations.Should().HaveCountGreaterThanOrEqualTo(6);
        operations.Select(o => o.Operation["operationId"]?.GetValue<string>()).Should().OnlyHaveUniqueItems().And.NotContainNulls();
        foreach (var (path, method, operation) in operations)
        {
            var responses = operation["responses"]!.AsObject();
            responses.Select(r => r.Key).Should().Contain(["401", "403", "404", "429"], $"{method} {path}");
            foreach (var status in new[] { "401", "403", "404", "429" })
            {
                responses[status]!["content"]!.AsObject().Select(c => c.Key).Should().Equal("application/problem+json");
            }

            var takesInput = operation["requestBody"] is not null || operation["parameters"]?.AsArray().Any(p => p!["in"]!.GetValue<string>() == "query") == true;
            if (takesInput)
            {
                responses.Select(r => r.Key).Should().Contain("400", $"{method} {path} takes input");
            }

            var security = operation["security"]!.AsArray();
            if (path == "/api/v1/auth/token")
            {
                security.Should().BeEmpty();
            }
            else
            {
                security.Should().ContainSingle().Which!.AsObject().Select(s => s.Key).Should().Equal("bearer");
            }
        }
    }

    [Fact]
    public async Task Enums_dates_and_integers_are_typed()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!;
        Values(schemas["Sex"]!).Should().BeEquivalentTo("Male", "Female");
        Values(schemas["MeResponse"]!["properties"]!["roles"]!["items"]!).Should().Contain(["Admin", "IntakeOfficer", "ProvinceViewer", "StationLead", "WardCommittee"]);
        Values(schemas["PlanPreviewCell"]!["properties"]!["availability"]!["items"]!).Should().BeEquivalentTo("weekdayDaytime", "weekdayEvening", "weekend");
        Values(schemas["PlanPreviewSite"]!["properties"]!["hours"]!["propertyNames"]!).Should().Equal("mon", "tue", "wed", "thu", "fri", "sat", "sun");
        schemas["MemberResponse"]!["properties"]!["birthDate"]!["format"]!.GetValue<string>().Should().Be("date");
        schemas["PlanPreviewRequest"]!["properties"]!["startDate"]!["format"]!.GetValue<string>().Should().Be("date");
        schemas["DailyReportResponse"]!["properties"]!["date"]!["format"]!.GetValue<string>().Should().Be("date");
        var daily = document["paths"]!["/api/v1/reports/daily"]!["get"]!["parameters"]!.AsArray();
        daily.Single(p => p!["name"]!.GetValue<string>() == "date")!["schema"]!["format"]!.GetValue<string>().Should().Be("date");

        // No number anywhere may also be a string (strict number handling).
        var text = document.ToJsonString();
        text.Should().NotContain("\"integer\",\"string\"").And.NotContain("\"number\",\"string\"");
        schemas["MemberResponse"]!["properties"]!["id"]!["type"]!.ToJsonString().Should().Be("\"integer\"");
    }

    [Fact]
    public async Task The_validators_bounds_are_in_the_schemas()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!;
        var site = schemas["PlanPreviewSite"]!["properties"]!;
        Number(site["devices"]!["minimum"]).Should().Be(1);
        Number(site["devices"]!["maximum"]).Should().Be(100);
        Number(site["name"]!["maxLength"]).Should().Be(200);
        Number(site["name"]!["minLength"]).Should().Be(1);
        var request = schemas["PlanPreviewRequest"]!;
        Number(request["properties"]!["minutesPerMember"]!["minimum"]).Should().Be(0.1m);
        Number(request["properties"]!["minutesPerMember"]!["maximum"]).Should().Be(120);
        Number(request["properties"]!["reservePercent"]!["maximum"]).Should().Be(90);
        Number(request["properties"]!["sites"]!["minItems"]).Should().Be(1);
        request["required"]!.AsArray().Select(r => r!.GetValue<string>()).Should().BeEquivalentTo("startDate", "minutesPerMember", "sites", "cells");
        Number(schemas["PlanPreviewCell"]!["properties"]!["members"]!["minimum"]).Should().Be(0);
    }

    private async Task<JsonObject> DocumentAsync()
    {
        using var client = app.Factory.CreateClient();
        return JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!.AsObject();
    }

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        from path in document["paths"]!.AsObject()
        from method in Methods
        let operation = path.Value![method]
        where operation is not null
        select (path.Key, method, operation.AsObject());

    private static IEnumerable<string> Values(JsonNode schema) => schema["enum"]!.AsArray().Select(v => v!.GetValue<string>());

    private static decimal Number(JsonNode? node) => decimal.Parse(node!.ToJsonString().Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
}
