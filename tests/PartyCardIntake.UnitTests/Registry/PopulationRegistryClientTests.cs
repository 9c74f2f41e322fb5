using System.Net;
using System.Net.Http.Headers;
using PartyCardIntake.Core.Registry;

namespace PartyCardIntake.UnitTests.Registry;

public class PopulationRegistryClientTests
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Citizen_known_to_the_registry_is_found_with_every_field()
    {
        using var harness = new RegistryHarness();
        harness.Registry.Then(harness.Registry.Citizen(RegistryHarness.Citizen));

        var lookup = await harness.LookupAsync();

        lookup.Outcome.Should().Be(LookupOutcome.Found);
        lookup.Citizen.Should().Be(RegistryHarness.Citizen);
        lookup.FailureReason.Should().BeNull();
        harness.Registry.Calls.Should().ContainSingle()
            .Which.Uri.Should().Be(new Uri($"http://registry.test/api/v1/citizens/{RegistryHarness.Id.Value}"));
    }

    [Fact]
    public async Task Registry_json_in_camel_case_is_read()
    {
        using var harness = new RegistryHarness();
        harness.Registry.Then(harness.Registry.Json(
            $$"""{"idNumber":"{{RegistryHarness.Id.Value}}","fullName":"Nguyễn Văn An","dateOfBirth":"1955","sex":"Nam","placeOfOrigin":null,"permanentAddress":"Xã Thanh Sơn","ethnicity":"Kinh","extra":1}"""));

        var lookup = await harness.LookupAsync();

        lookup.Outcome.Should().Be(LookupOutcome.Found);
        lookup.Citizen!.DateOfBirth.Should().Be("1955");
        lookup.Citizen.PermanentAddress.Should().Be("Xã Thanh Sơn");
    }

    [Fact]
    public async Task Elapsed_is_the_time_the_caller_waited()
    {
        using var harness = new RegistryHarness();
        harness.Registry.Then(harness.Registry.After(TimeSpan.FromMilliseconds(1500), harness.Registry.Citizen(RegistryHarness.Citizen)));

        var lookup = await harness.LookupAsync();

        lookup.Outcome.Should().Be(LookupOutcome.Found);
        lookup.Elapsed.Should().BeCloseTo(TimeSpan.FromMilliseconds(1500), Tolerance);
    }

    [Fact]
    public async Task Three_unavailable_answers_then_a_citizen_is_found_on_the_fourth_call()
    {
        using var harness = new RegistryHarness();
        harness.Registry
            .Then(HttpStatusCode.ServiceUnavailable, times: 3)
            .Then(harness.Registry.Citizen(RegistryHarness.Citizen));

        var lookup = await harness.LookupAsync();

        lookup.Outcome.Should().Be(LookupOutcome.Found);
        harness.Registry.Calls.Should().HaveCount(4);
        lookup.Elapsed.Should().BePositive("the retries waited between attempts");
    }

    [Fact]
    public async Task Responses_of_retried_attempts_are_disposed()
    {
        using var harness = new RegistryHarness();
        harness.Registry
            .Then(HttpStatusCode.BadGateway, times: 2)
            .Then(harness.Registry.Citizen(RegistryHarness.Citizen));

        await harness.LookupAsync();

        harness.Registry.Contents.Should().HaveCount(3).And.OnlyContain(c => c.IsDisposed);
    }

    [Fact]
    public async Task Bad_request_is_not_retried_and_is_unavailable()
    {
        using var harness = new RegistryHarness();
        harness.Registry.Otherwise(HttpStatusCode.BadRequest);

        var lookup = await harness.LookupAsync();

        harness.Registry.Calls.Should().HaveCount(1);
        lookup.Outcome.Should().Be(LookupOutcome.Unavailable);
        lookup.FailureReason.Should().Be("http-400");
    }

    [Fact]
    public async Task Unknown_number_is_not_retried_and_is_not_found()
    {
        using var harness = new RegistryHarness();
        harness.Registry.Otherwise(HttpStatusCode.NotFound);

        var lookup = await harness.LookupAsync();

        harness.Registry.Calls.Should().HaveCount(1);
        lookup.Outcome.Should().Be(LookupOutcome.NotFound);
        lookup.Citizen.Should().BeNull();
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Retry_after_in_seconds_is_waited_before_the_next_call(HttpStatusCode status)
    {
        using var harness = new RegistryHarness();
        harness.Registry
            .Then(harness.Registry.Status(status, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(2))))
            .Then(harness.Registry.Citizen(RegistryHarness.Citizen));

        var lookup = await harness.LookupAsync();

        lookup.Outcome.Should().Be(LookupOutcome.Found);
        var calls = harness.Registry.Calls;
        calls.Should().HaveCount(2);
        (calls[1].At - calls[0].At).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2)).And.BeLessThan(TimeSpan.FromSeconds(2) + Tolerance);
    }

    [Fact]
    public async Task Retry_after_as_a_date_is_waited_before_the_next_call()
    {
        using var harness = new RegistryHarness();
        var until = harness.Time.GetUtcNow().AddSeconds(3);
        harness.Registry
            .Then(harness.Registry.Status(HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(until)))
            .Then(harness.Registry.Citizen(RegistryHarness.Citizen));

        var lookup = await harness.LookupAsync();

        lookup.Outcome.Should().Be(LookupOutcome.Found);
        harness.Registry.Calls[1].At.Should().BeOnOrAfter(until);
    }

    [Fact]
    public async Task Retry_after_longer_than_the_cap_gives_up_at_once()
    {
        using var harness = new RegistryHarness();
        harness.Registry.Otherwise(harness.Registry.Status(HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(60))));

        var lookup = await harness.LookupAsync();

        harness.Registry.Calls.Should().HaveCount(1);
        lookup.Outcome.Should().Be(LookupOutcome.Unavailable);
        lookup.FailureReason.Should().Be("throttled");
        lookup.Elapsed.Should().BeLessThan(Tolerance);
    }

    [Fact]
    public async Task Retry_after_that_would_end_past_the_total_timeout_gives_up_at_once()
    {
        using var harness = new RegistryHarness(new Dictionary<string, string?> { ["Registry:MaxRetryAfter"] = "00:00:10" });
        harness.Registry
            .Then(harness.Registry.Status(HttpStatusCode.ServiceUnavailable, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(9))))
            .Otherwise(harness.Registry.Citizen(RegistryHarness.Citizen));

        var lookup = await harness.LookupAsync();

        // 9 s is within the 10 s cap, but an answer after it could not come within the 8 s total.
        harness.Registry.Calls.Should().HaveCount(1);
        lookup.FailureReason.Should().Be("http-503");
        lookup.Elapsed.Should().BeLessThan(Tolerance);
    }

    [Fact]
    public async Task Over_long_response_trips_the_attempt_timeout_and_is_retried()
    {
        using var harness = new RegistryHarness();
        harness.Registry
            .Then(harness.Registry.Hang())
            .Then(harness.Registry.Citizen(RegistryHarness.Citizen));

        var lookup = await harness.LookupAsync();

        lookup.Outcome.Should().Be(LookupOutcome.Found);
        var calls = harness.Registry.Calls;
        calls.Should().HaveCount(2);
        (calls[1].At - calls[0].At).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(3), "the first attempt was given its 3 s");
    }

    [Fact]
    public async Task Registry_that_never_answers_is_unavailable_after_the_total_timeout()
    {
        using var harness = new RegistryHarness();
        harness.Registry.Otherwise(harness.Registry.Hang());

        var lookup = await harness.LookupAsync();

        lookup.Outcome.Should().Be(LookupOutcome.Unavailable);
        lookup.FailureReason.Should().Be("timeout");
        lookup.Elapsed.Should().BeCloseTo(TimeSpan.FromSeconds(8), Tolerance);
        // Two 3 s attempts plus the jittered delays (at most about 0.35 s and 0.7 s) leave part of a third.
        harness.Registry.Calls.Should().HaveCount(3);
    }

    public static TheoryData<string> FailureKinds() =>
    [
        "500", "503", "429", "attempt-timeout", "total-timeout", "network", "malformed-json", "empty-json", "null-json", "another-id-number",
    ];

    [Theory]
    [MemberData(nameof(FailureKinds))]
    public async Task Every_kind_of_failure_is_unavailable_never_found(string kind)
    {
        var settings = new Dictionary<string, string?>();
        if (kind == "attempt-timeout")
        {
            // Room for every attempt to time out on its own before the total budget ends.
            settings["Registry:TotalTimeout"] = "00:01:00";
        }

        using var harness = new RegistryHarness(settings);
        var registry = harness.Registry;
        registry.Otherwise(kind switch
        {
            "500" => registry.Status(HttpStatusCode.InternalServerError),
            "503" => registry.Status(HttpStatusCode.ServiceUnavailable),
            "429" => registry.Status(HttpStatusCode.TooManyRequests),
            "attempt-timeout" or "total-timeout" => registry.Hang(),
            "network" => StubRegistryHandler.Fail(new HttpRequestException("Connection refused")),
            "malformed-json" => registry.Json("""{"idNumber": "025055000123", "fullName": """),
            "empty-json" => registry.Json("{}"),
            "null-json" => registry.Json("null"),
            "another-id-number" => registry.Citizen(RegistryHarness.Citizen with { IdNumber = "001055000999" }),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        });

        var lookup = await harness.LookupAsync();

        lookup.Outcome.Should().Be(LookupOutcome.Unavailable);
        lookup.Citizen.Should().BeNull();
        lookup.FailureReason.Should().Be(kind switch
        {
            "500" => "http-500",
            "503" => "http-503",
            "429" => "throttled",
            "attempt-timeout" or "total-timeout" => "timeout",
            "network" => "network",
            _ => "invalid-response",
        });
        if (kind == "attempt-timeout")
        {
            harness.Registry.Calls.Should().HaveCount(4);
        }
    }

    [Fact]
    public async Task Caller_cancellation_propagates_instead_of_becoming_a_result()
    {
        using var harness = new RegistryHarness();
        harness.Registry.Otherwise(harness.Registry.Hang());
        using var cancellation = new CancellationTokenSource();

        var lookup = harness.Time.RunAsync(() =>
        {
            var running = harness.Client.LookupAsync(RegistryHarness.Id, cancellation.Token);
            cancellation.Cancel();
            return running;
        });

        await FluentActions.Awaiting(() => lookup).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Logs_carry_the_masked_number_and_never_the_full_one()
    {
        using var harness = new RegistryHarness();
        harness.Registry
            .Then(HttpStatusCode.InternalServerError, times: 4)
            .Then(harness.Registry.Citizen(RegistryHarness.Citizen));

        await harness.LookupAsync();
        await harness.LookupAsync();

        var lines = harness.Logs.Lines;
        lines.Should().Contain(l => l.Contains(RegistryHarness.Id.Masked) && l.Contains("http-500"));
        lines.Should().NotContain(l => l.Contains(RegistryHarness.Id.Value));
    }
}
