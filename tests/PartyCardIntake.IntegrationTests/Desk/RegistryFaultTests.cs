using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.MockRegistry;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Desk;

/// <summary>
/// The desk against the mock registry, over HTTP through the real adapter, including its faults: the check the desk's
/// circuit runs on opening a member (<see cref="PartyCardIntake.Web.Features.Desk.DeskCheck"/>), what the desk shows
/// of it, and the save. Each class has an application of its own: the circuit breaker's state must not leak into other tests.
/// </summary>
public abstract class RegistryFaultTests(RegistryApp fixture)
{
    private static readonly byte[] Photo = DeskClient.Fixture("photo-600x800.jpg");
    private static readonly byte[] Signature = DeskClient.Fixture("signature-600x200.png");
    private static readonly string Strokes = File.ReadAllText(DeskClient.FixturePath("signature-600x200.json"));

    private PartyCardAppFactory App => fixture.App;

    private HashSet<int> Taken => fixture.Taken;

    [Theory]
    [InlineData(Discrepancy.None, "Matched", null, null)]
    [InlineData(Discrepancy.NfdName, "Matched", null, null)]
    [InlineData(Discrepancy.NameDiacritic, "Mismatched", "FullName", "Mismatch")]
    [InlineData(Discrepancy.BirthDateDiffers, "Mismatched", "DateOfBirth", "Mismatch")]
    [InlineData(Discrepancy.YearOnly, "Matched", "DateOfBirth", "Warning")]
    [InlineData(Discrepancy.PlaceRenamed, "Matched", "Address", "Warning")]
    [InlineData(Discrepancy.Unknown, "NotFound", null, null)]
    public async Task The_desk_check_shows_the_registry_verdict_field_by_field(Discrepancy discrepancy, string outcome, string? field, string? severity)
    {
        var memberId = await MemberWithAsync(discrepancy);
        var html = await CheckAsync(memberId);
        html.Should().Contain($"data-outcome=\"{outcome}\"");
        if (field is not null)
        {
            html.Should().Contain($"data-field=\"{field}\" data-severity=\"{severity}\"");

            // What differs is marked inside the values of that field, and nowhere else.
            var marks = Regex.Matches(html, "<mark class=\"diff-char\" data-testid=\"diff-char\"[^>]*>([^<]*)</mark>");
            marks.Should().NotBeEmpty();
            Regex.Count(Row(html, field), "data-testid=\"diff-char\"").Should().Be(marks.Count);
        }
        else
        {
            html.Should().NotContain("diff-char");
        }

        if (discrepancy == Discrepancy.NameDiacritic)
        {
            // One letter with another tone: one letter marked on each side.
            var marks = Regex.Matches(Row(html, "FullName"), "data-testid=\"diff-char\"[^>]*>([^<]*)</mark>").Select(m => m.Groups[1].Value).ToList();
            marks.Should().HaveCount(2).And.OnlyContain(m => new System.Globalization.StringInfo(m).LengthInTextElements == 1);
        }

        if (discrepancy == Discrepancy.NfdName)
        {
            html.Should().Contain("data-field=\"FullName\" data-severity=\"Same\"");
        }

        await using var db = App.Database.CreateContext(Core.Data.DataScope.System);
        (await db.RegistryChecks.CountAsync(c => c.MemberId == memberId && c.Source == CheckSource.Desk)).Should().Be(1);
    }

    private static string Row(string html, string field)
    {
        var start = html.IndexOf($"data-field=\"{field}\"", StringComparison.Ordinal);
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task A_registry_error_is_never_recorded_as_a_match()
    {
        var memberId = await MemberWithAsync(Discrepancy.None);
        using var client = await DeskAsync();
        App.RegistryFaults.Set(new RegistryFaults { ErrorRate = 1, ErrorStatus = 503 });
        try
        {
            var html = await CheckAsync(memberId);
            html.Should().Contain("data-outcome=\"Unavailable\"").And.Contain("data-verification=\"Pending\"").And.Contain("lưu ở trạng thái chờ đối chiếu");

            using var response = await DeskClient.SubmitAsync(client, memberId, Guid.NewGuid(), Photo, Signature, Strokes);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            body.GetProperty("verification").GetString().Should().Be("Pending");

            // The breaker may still be open from an earlier test's outage (it breaks for 1 s here): the worker
            // then makes no call, so rounds go on until one has really asked the registry.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            Application application;
            do
            {
                await App.RunVerificationRoundAsync();
                await using var db = App.Database.CreateContext(Core.Data.DataScope.System);
                application = await db.Applications.AsNoTracking().SingleAsync(a => a.MemberId == memberId);
                if (application.VerificationAttempts == 0)
                {
                    await Task.Delay(250);
                }
            }
            while (application.VerificationAttempts == 0 && DateTime.UtcNow < deadline);

            application.Verification.Should().Be(VerificationStatus.Pending);
            application.VerificationAttempts.Should().BeGreaterThan(0);
        }
        finally
        {
            App.RegistryFaults.Reset();
        }
    }

    [Fact]
    public async Task During_an_outage_a_recent_check_is_announced_with_its_time_and_saved_as_announced()
    {
        var memberId = await MemberWithAsync(Discrepancy.None);
        using var client = await DeskAsync();
        (await CheckAsync(memberId)).Should().Contain("data-outcome=\"Matched\"");
        App.RegistryFaults.Set(new RegistryFaults { Outage = true });
        try
        {
            var html = await CheckAsync(memberId);
            DateTime answeredAt;
            await using (var db = App.Database.CreateContext(Core.Data.DataScope.System))
            {
                answeredAt = (await db.RegistryChecks.SingleAsync(c => c.MemberId == memberId && c.Outcome == CheckOutcome.Matched)).CheckedAt;
            }

            var time = PartyCardIntake.Web.Hosting.VietnamTime.ToLocal(answeredAt).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            html.Should().Contain("data-outcome=\"Unavailable\"")
                .And.Contain("data-verification=\"Matched\"")
                .And.Contain($"lưu với kết quả “Khớp” theo lần đối chiếu lúc {time}")
                .And.NotContain("trạng thái chờ đối chiếu");

            using var response = await DeskClient.SubmitAsync(client, memberId, Guid.NewGuid(), Photo, Signature, Strokes);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            body.GetProperty("verification").GetString().Should().Be("Matched");
            await using var after = App.Database.CreateContext(Core.Data.DataScope.System);
            (await after.Applications.SingleAsync(a => a.MemberId == memberId)).Verification.Should().Be(VerificationStatus.Matched);
        }
        finally
        {
            App.RegistryFaults.Reset();
        }
    }

    [Fact]
    public async Task During_an_outage_without_a_recent_check_pending_is_announced_and_saved()
    {
        var memberId = await MemberWithAsync(Discrepancy.None);
        using var client = await DeskAsync();
        App.RegistryFaults.Set(new RegistryFaults { Outage = true });
        try
        {
            var html = await CheckAsync(memberId);
            html.Should().Contain("data-outcome=\"Unavailable\"")
                .And.Contain("data-verification=\"Pending\"")
                .And.Contain("Hồ sơ sẽ được lưu ở trạng thái chờ đối chiếu; hệ thống sẽ tự đối chiếu lại sau")
                .And.NotContain("theo lần đối chiếu lúc");

            using var response = await DeskClient.SubmitAsync(client, memberId, Guid.NewGuid(), Photo, Signature, Strokes);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            body.GetProperty("verification").GetString().Should().Be("Pending");
            await using var db = App.Database.CreateContext(Core.Data.DataScope.System);
            (await db.Applications.SingleAsync(a => a.MemberId == memberId)).Verification.Should().Be(VerificationStatus.Pending);
        }
        finally
        {
            App.RegistryFaults.Reset();
        }
    }

    [Fact]
    public async Task A_record_saved_during_an_outage_resolves_once_the_registry_is_back()
    {
        var memberId = await MemberWithAsync(Discrepancy.None);
        using var client = await DeskAsync();
        App.RegistryFaults.Set(new RegistryFaults { Outage = true });
        try
        {
            (await CheckAsync(memberId)).Should().Contain("data-outcome=\"Unavailable\"");
            using var response = await DeskClient.SubmitAsync(client, memberId, Guid.NewGuid(), Photo, Signature, Strokes);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            await App.RunVerificationRoundAsync();
        }
        finally
        {
            App.RegistryFaults.Reset();
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        VerificationStatus status;
        do
        {
            await Task.Delay(200);
            await App.RunVerificationRoundAsync();
            await using var db = App.Database.CreateContext(Core.Data.DataScope.System);
            status = (await db.Applications.SingleAsync(a => a.MemberId == memberId)).Verification;
        }
        while (status == VerificationStatus.Pending && DateTime.UtcNow < deadline);

        status.Should().Be(VerificationStatus.Matched);
    }

    [Fact]
    public async Task Only_an_administrator_may_switch_the_demo_registrys_faults()
    {
        using var officer = await DeskAsync();
        using (var refused = await officer.PutAsync("/mock-registry/admin/faults", JsonContent.Create(new { outage = true })))
        {
            refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
            refused.Headers.Location!.ToString().Should().Contain("/account/denied");
        }

        App.RegistryFaults.Current.Outage.Should().BeFalse();

        using var admin = App.CreateClient(new() { AllowAutoRedirect = false });
        await SignInClient.SignInAsync(admin, DemoAccounts.Admin);
        using (var accepted = await admin.PutAsync("/mock-registry/admin/faults", JsonContent.Create(new { errorRate = 0.5, errorStatus = 500 })))
        {
            accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        App.RegistryFaults.Current.ErrorRate.Should().Be(0.5);
        (await admin.DeleteAsync("/mock-registry/admin/faults")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        App.RegistryFaults.Current.ErrorRate.Should().Be(0);
    }

    /// <summary>The officer's desk opens the member: the check runs, and the comparison is what the desk shows.</summary>
    private async Task<string> CheckAsync(int memberId) => (await DeskCheckView.CheckAsync(App.Services, memberId)).Html;

    private async Task<HttpClient> DeskAsync()
    {
        var client = App.CreateClient(new() { AllowAutoRedirect = false });
        await SignInClient.SignInAsync(client, DemoAccounts.Officer);
        await DeskClient.ChooseStationAsync(client);
        return client;
    }

    private async Task<int> MemberWithAsync(Discrepancy discrepancy)
    {
        var population = App.Services.GetRequiredService<SyntheticPopulation>();
        var firstCommune = DemoPopulationGenerator.DefaultShapes[0].Code;
        await using var db = App.Database.CreateContext(Core.Data.DataScope.System);
        var members = await db.PartyMembers
            .Where(m => m.Commune!.Code == firstCommune && m.Exemption == null && !db.Applications.Any(a => a.MemberId == m.Id))
            .Select(m => new { m.Id, m.IdNumber, m.BirthDate })
            .ToListAsync();
        var candidate = members.First(m => population.DiscrepancyOf(m.IdNumber.Value) == discrepancy
            && (discrepancy != Discrepancy.YearOnly || m.BirthDate != null)
            && !Taken.Contains(m.Id));
        Taken.Add(candidate.Id);
        return candidate.Id;
    }

    public sealed class OnSqlite(SqliteRegistryApp app) : RegistryFaultTests(app), IClassFixture<SqliteRegistryApp>;

    public sealed class OnPostgreSql(PostgreSqlRegistryApp app) : RegistryFaultTests(app), IClassFixture<PostgreSqlRegistryApp>;

    public sealed class OnSqlServer(SqlServerRegistryApp app) : RegistryFaultTests(app), IClassFixture<SqlServerRegistryApp>;
}

/// <summary>An application of its own for the fault tests, so the breaker's state cannot leak into other tests.</summary>
public abstract class RegistryApp : IAsyncLifetime
{
    protected RegistryApp(DatabaseProvider provider)
    {
        App = new PartyCardAppFactory(provider);

        // Short waits so that recovery is seen within the test; the policy is otherwise the configured one.
        App.Set("Verification:FirstRetryDelay", "00:00:00.200");
        App.Set("Verification:MaxRetryDelay", "00:00:01");
        App.Set("Registry:RetryBaseDelay", "00:00:00.020");
        App.Set("Registry:BreakerBreakDuration", "00:00:01");
    }

    public PartyCardAppFactory App { get; }

    public HashSet<int> Taken { get; } = [];

    public Task InitializeAsync()
    {
        _ = App.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class SqliteRegistryApp() : RegistryApp(DatabaseProvider.Sqlite);

public sealed class PostgreSqlRegistryApp() : RegistryApp(DatabaseProvider.PostgreSql);

public sealed class SqlServerRegistryApp() : RegistryApp(DatabaseProvider.SqlServer);
