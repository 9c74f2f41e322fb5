using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Registry;
using PartyCardIntake.Infrastructure.Registry;
using Polly.CircuitBreaker;

namespace PartyCardIntake.UnitTests.Registry;

public class RegistryCircuitBreakerTests
{
    [Fact]
    public async Task Two_failing_lookups_open_the_circuit_and_the_next_lookup_makes_no_call()
    {
        using var harness = new RegistryHarness();
        harness.Registry.Otherwise(HttpStatusCode.ServiceUnavailable);

        var first = await harness.LookupAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(20));
        var second = await harness.LookupAsync();

        // 4 failed attempts, then 2 more reach the minimum throughput of 6 with every one failed.
        first.FailureReason.Should().Be("http-503");
        second.FailureReason.Should().Be("circuit-open");
        harness.Registry.Calls.Should().HaveCount(6);
        harness.Services.GetRequiredService<RegistryResiliencePipeline>().CircuitState.Should().Be(CircuitState.Open);

        harness.Time.Advance(TimeSpan.FromSeconds(5));
        var third = await harness.LookupAsync();

        harness.Registry.Calls.Should().HaveCount(6);
        third.Outcome.Should().Be(LookupOutcome.Unavailable);
        third.FailureReason.Should().Be("circuit-open");
        third.Elapsed.Should().BeLessThan(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task After_the_break_a_still_failing_registry_costs_one_call_per_lookup()
    {
        using var harness = new RegistryHarness();
        harness.Registry.Then(HttpStatusCode.ServiceUnavailable, times: 7).Otherwise(harness.Registry.Citizen(RegistryHarness.Citizen));
        await harness.LookupAsync();
        await harness.LookupAsync();

        harness.Time.Advance(TimeSpan.FromSeconds(31));
        var trial = await harness.LookupAsync();

        harness.Registry.Calls.Should().HaveCount(7);
        trial.FailureReason.Should().Be("circuit-open");

        harness.Time.Advance(TimeSpan.FromSeconds(31));
        var recovered = await harness.LookupAsync();

        recovered.Outcome.Should().Be(LookupOutcome.Found);
        harness.Registry.Calls.Should().HaveCount(8);
        harness.Services.GetRequiredService<RegistryResiliencePipeline>().CircuitState.Should().Be(CircuitState.Closed);
    }

    [Fact]
    public async Task A_single_failing_lookup_at_a_quiet_desk_does_not_open_the_circuit()
    {
        using var harness = new RegistryHarness();
        harness.Registry
            .Then(harness.Registry.Citizen(RegistryHarness.Citizen))
            .Then(HttpStatusCode.GatewayTimeout, times: 4)
            .Otherwise(harness.Registry.Citizen(RegistryHarness.Citizen));

        await harness.LookupAsync();
        harness.Time.Advance(TimeSpan.FromMinutes(2));
        var failed = await harness.LookupAsync();

        // One healthy and four failed attempts: five samples, below the minimum throughput of six.
        failed.FailureReason.Should().Be("http-504");
        harness.Services.GetRequiredService<RegistryResiliencePipeline>().CircuitState.Should().Be(CircuitState.Closed);

        harness.Time.Advance(TimeSpan.FromMinutes(2));
        (await harness.LookupAsync()).Outcome.Should().Be(LookupOutcome.Found);
    }

    [Fact]
    public async Task Failing_lookups_two_minutes_apart_still_open_the_circuit()
    {
        using var harness = new RegistryHarness();
        harness.Registry.Otherwise(StubRegistryHandler.Fail(new HttpRequestException("Connection refused")));

        await harness.LookupAsync();
        harness.Time.Advance(TimeSpan.FromMinutes(2));
        var second = await harness.LookupAsync();

        second.FailureReason.Should().Be("circuit-open");
        harness.Registry.Calls.Should().HaveCount(6);
    }

    [Fact]
    public async Task A_two_minute_window_would_forget_the_first_of_two_lookups_two_minutes_apart()
    {
        // Why the default window is three minutes: Polly's window rolls in tenths.
        using var harness = new RegistryHarness(new Dictionary<string, string?> { ["Registry:BreakerSamplingDuration"] = "00:02:00" });
        harness.Registry.Otherwise(StubRegistryHandler.Fail(new HttpRequestException("Connection refused")));

        await harness.LookupAsync();
        harness.Time.Advance(TimeSpan.FromMinutes(2));
        var second = await harness.LookupAsync();

        second.FailureReason.Should().Be("network");
        harness.Registry.Calls.Should().HaveCount(8);
    }

    [Fact]
    public async Task Two_lookups_to_a_registry_that_never_answers_open_the_circuit()
    {
        using var harness = new RegistryHarness();
        harness.Registry.Otherwise(harness.Registry.Hang());

        var first = await harness.LookupAsync();
        harness.Time.Advance(TimeSpan.FromMinutes(2));
        var second = await harness.LookupAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        var third = await harness.LookupAsync();

        // Three attempts per lookup before the 8 s total, the last one cut short by it: six failures.
        first.FailureReason.Should().Be("timeout");
        second.FailureReason.Should().Be("timeout");
        third.FailureReason.Should().Be("circuit-open");
        harness.Registry.Calls.Should().HaveCount(6);
        third.Elapsed.Should().BeLessThan(TimeSpan.FromMilliseconds(100));

        // Next desk's lookup, after the break: one trial attempt, which re-opens the circuit when it fails.
        harness.Time.Advance(TimeSpan.FromMinutes(2));
        var fourth = await harness.LookupAsync();

        fourth.FailureReason.Should().Be("circuit-open");
        harness.Registry.Calls.Should().HaveCount(7);
        fourth.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(4), "one attempt timeout and one retry delay, not the 8 s total");
    }

    [Fact]
    public async Task Caller_cancellation_does_not_count_as_a_registry_failure()
    {
        using var harness = new RegistryHarness();
        harness.Registry.Then(harness.Registry.Hang(), times: 6).Otherwise(harness.Registry.Citizen(RegistryHarness.Citizen));

        for (var i = 0; i < 6; i++)
        {
            using var cancellation = new CancellationTokenSource();
            var lookup = harness.Time.RunAsync(() =>
            {
                var running = harness.Client.LookupAsync(RegistryHarness.Id, cancellation.Token);
                harness.Time.CreateTimer(_ => cancellation.Cancel(), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
                return running;
            });
            await FluentActions.Awaiting(() => lookup).Should().ThrowAsync<OperationCanceledException>();
        }

        harness.Services.GetRequiredService<RegistryResiliencePipeline>().CircuitState.Should().Be(CircuitState.Closed);
        (await harness.LookupAsync()).Outcome.Should().Be(LookupOutcome.Found);
    }

    [Fact]
    public async Task Not_found_and_bad_request_do_not_count_as_registry_failures()
    {
        using var harness = new RegistryHarness();
        harness.Registry.Then(HttpStatusCode.NotFound, times: 5).Otherwise(HttpStatusCode.BadRequest);

        for (var i = 0; i < 10; i++)
        {
            (await harness.LookupAsync()).Outcome.Should().Be(i < 5 ? LookupOutcome.NotFound : LookupOutcome.Unavailable);
        }

        harness.Registry.Calls.Should().HaveCount(10);
        harness.Services.GetRequiredService<RegistryResiliencePipeline>().CircuitState.Should().Be(CircuitState.Closed);
    }

    [Fact]
    public async Task Circuit_is_shared_by_every_client_the_factory_hands_out()
    {
        using var harness = new RegistryHarness();
        harness.Registry.Otherwise(HttpStatusCode.InternalServerError);
        var firstDesk = harness.Client;
        var secondDesk = harness.Client;
        firstDesk.Should().NotBeSameAs(secondDesk);

        await harness.Time.RunAsync(() => firstDesk.LookupAsync(RegistryHarness.Id));
        await harness.Time.RunAsync(() => firstDesk.LookupAsync(RegistryHarness.Id));
        var calls = harness.Registry.Calls.Count;
        var lookup = await harness.Time.RunAsync(() => secondDesk.LookupAsync(RegistryHarness.Id));

        lookup.FailureReason.Should().Be("circuit-open");
        harness.Registry.Calls.Should().HaveCount(calls);
    }
}
