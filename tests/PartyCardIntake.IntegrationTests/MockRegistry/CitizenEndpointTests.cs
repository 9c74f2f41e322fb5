using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Text;
using PartyCardIntake.MockRegistry;

namespace PartyCardIntake.IntegrationTests.MockRegistry;

public sealed class CitizenEndpointTests : IAsyncLifetime
{
    private static readonly Dictionary<string, DemoMember> Members = DemoPopulationGenerator.Generate().Communes
        .SelectMany(c => c.Cells).SelectMany(c => c.Members).ToDictionary(m => m.IdNumber.Value);

    private WebApplication _app = null!;
    private HttpClient _client = null!;

    private SyntheticPopulation Population => _app.Services.GetRequiredService<SyntheticPopulation>();

    private FaultSwitch Faults => _app.Services.GetRequiredService<FaultSwitch>();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddMockRegistry(builder.Configuration);
        _app = builder.Build();
        _app.MapMockRegistry("/registry");
        _app.MapMockRegistryAdmin("/registry");
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_member_without_discrepancy_is_returned_as_in_the_party_record()
    {
        var id = Population.IdsWith(Discrepancy.None).First();
        var member = Members[id];
        var citizen = await _client.GetFromJsonAsync<CitizenRecord>($"/registry/v1/citizens/{id}");
        citizen!.FullName.Should().Be(member.FullName);
        citizen.DateOfBirth.Should().Be(member.BirthDate?.ToString("yyyy-MM-dd") ?? member.BirthYear.ToString());
        citizen.Sex.Should().Be(member.Sex == Core.Domain.Sex.Male ? "Nam" : "Nữ");
        citizen.PermanentAddress.Should().Be(member.Address);
    }

    [Fact]
    public void About_the_configured_share_of_citizens_differ_and_every_kind_occurs()
    {
        var total = Members.Count;
        var differing = Members.Keys.Count(id => Population.DiscrepancyOf(id) != Discrepancy.None);
        ((double)differing / total).Should().BeInRange(0.14, 0.22);
        foreach (var kind in Enum.GetValues<Discrepancy>().Where(k => k != Discrepancy.None))
        {
            Population.IdsWith(kind).Should().NotBeEmpty($"{kind} should occur in the demo population");
        }
    }

    [Fact]
    public async Task A_name_with_one_diacritic_changed_differs_only_in_diacritics()
    {
        var id = Population.IdsWith(Discrepancy.NameDiacritic).First();
        var citizen = await _client.GetFromJsonAsync<CitizenRecord>($"/registry/v1/citizens/{id}");
        VietnameseText.NamesEqual(citizen!.FullName, Members[id].FullName).Should().BeFalse();
        VietnameseText.Fold(citizen.FullName).Should().Be(VietnameseText.Fold(Members[id].FullName));
    }

    [Fact]
    public async Task An_nfd_name_is_really_the_same_name()
    {
        var id = Population.IdsWith(Discrepancy.NfdName).First();
        var citizen = await _client.GetFromJsonAsync<CitizenRecord>($"/registry/v1/citizens/{id}");
        citizen!.FullName.Should().Be(Members[id].FullName.Normalize(NormalizationForm.FormD));
        VietnameseText.NamesEqual(citizen.FullName, Members[id].FullName).Should().BeTrue();
    }

    [Fact]
    public async Task Unknown_numbers_are_not_found()
    {
        var id = Population.IdsWith(Discrepancy.Unknown).First();
        (await _client.GetAsync($"/registry/v1/citizens/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _client.GetAsync("/registry/v1/citizens/025055999999")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Fault_switches_produce_errors_throttling_latency_and_outage()
    {
        var id = Population.IdsWith(Discrepancy.None).First();
        try
        {
            Faults.Set(new RegistryFaults { ErrorRate = 1, ErrorStatus = 500 });
            (await _client.GetAsync($"/registry/v1/citizens/{id}")).StatusCode.Should().Be(HttpStatusCode.InternalServerError);

            Faults.Set(new RegistryFaults { ThrottleRate = 1, RetryAfterSeconds = 7 });
            using (var throttled = await _client.GetAsync($"/registry/v1/citizens/{id}"))
            {
                throttled.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
                throttled.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(7));
            }

            Faults.Set(new RegistryFaults { LatencyMilliseconds = 150 });
            var watch = Stopwatch.StartNew();
            (await _client.GetAsync($"/registry/v1/citizens/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
            watch.ElapsedMilliseconds.Should().BeGreaterThanOrEqualTo(140);

            Faults.Set(new RegistryFaults { Outage = true });
            var call = () => _client.GetAsync($"/registry/v1/citizens/{id}");
            await call.Should().ThrowAsync<Exception>();
        }
        finally
        {
            Faults.Reset();
        }
    }

    [Fact]
    public async Task The_admin_endpoint_sets_and_resets_the_faults()
    {
        using (var put = await _client.PutAsJsonAsync("/registry/admin/faults", new { errorRate = 1.0, errorStatus = 503 }))
        {
            put.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        Faults.Current.ErrorRate.Should().Be(1.0);
        (await _client.GetAsync($"/registry/v1/citizens/{Population.IdsWith(Discrepancy.None).First()}")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        Faults.Requests.Should().BeGreaterThan(0);

        (await _client.DeleteAsync("/registry/admin/faults")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        Faults.Current.Should().Be(new RegistryFaults());
        Faults.Requests.Should().Be(0);
    }
}
