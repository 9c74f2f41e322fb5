using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using FluentValidation;
using FluentValidation.Results;
using PartyCardIntake.IntegrationTests.Members;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Web.Features.Transmissions;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Review;

/// <summary>
/// The day's transmission package. Each test works on a past day of its own, earlier than the one before, so that
/// a package never takes another test's records (a package takes everything approved up to its day).
/// </summary>
public abstract class TransmissionTests(AppFixture app)
{
    private static int _daysBack = 3000;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    [Fact]
    public async Task A_days_package_carries_its_records_with_manifests_files_and_checksums_and_downloads_identically()
    {
        var day = NextDay();
        List<Guid> ids = [await ReviewData.ApprovedOnAsync(app, day), await ReviewData.ApprovedOnAsync(app, day), await ReviewData.ApprovedOnAsync(app, day.AddDays(-1))];
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);

        var result = await CreateAsync(day);

        (result.Outcome, result.Message).Should().Be((TransmissionOutcome.Created, "Đã tạo gói truyền; các hồ sơ trong gói đã chuyển sang trạng thái đã chuyển đi in thẻ."));
        await using var db = app.SystemContext();
        var transmission = await db.Transmissions.SingleAsync(t => t.CommuneId == app.CommuneOne && t.Day == day);
        result.Id.Should().Be(transmission.Id);
        transmission.Records.Should().Be(3);
        var records = await db.Applications.AsNoTracking().Include(a => a.Member).Include(a => a.Capture).Where(a => ids.Contains(a.Id)).ToListAsync();
        records.Should().OnlyContain(a => a.State == ApplicationState.Transmitted && a.TransmissionId == transmission.Id && a.TransmittedAt != null);
        var code = await db.Communes.Where(c => c.Id == app.CommuneOne).Select(c => c.Code).SingleAsync();

        using var response = await lead.GetAsync($"/transmission/{transmission.Id}.zip");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/zip");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        response.Content.Headers.ContentDisposition.FileName!.Trim('"').Should().Be($"goi-truyen-{code}-{day:yyyyMMdd}.zip");
        var zip = await response.Content.ReadAsByteArrayAsync();
        Convert.ToHexStringLower(SHA256.HashData(zip)).Should().Be(transmission.Sha256);
        zip.LongLength.Should().Be(transmission.Bytes);
        (await lead.GetByteArrayAsync($"/transmission/{transmission.Id}.zip")).Should().Equal(zip, "a package downloaded again is the same file");

        var files = Unzip(zip, day);
        var expected = new List<string> { "SHA256SUMS", "manifest.csv", "manifest.json" };
        expected.AddRange(ids.Select(id => $"photos/{id}.jpg"));
        expected.AddRange(ids.Select(id => $"signatures/{id}.png"));
        files.Keys.Should().BeEquivalentTo(expected);
        files[$"photos/{ids[0]}.jpg"].Should().Equal(ReviewData.Photo);
        files[$"signatures/{ids[0]}.png"].Should().Equal(ReviewData.Signature);

        var sums = Encoding.UTF8.GetString(files["SHA256SUMS"]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        sums.Select(l => l[66..]).Should().BeEquivalentTo(expected.Where(f => f != "SHA256SUMS"));
        foreach (var line in sums)
        {
            line[64..66].Should().Be("  ");
            Convert.ToHexStringLower(SHA256.HashData(files[line[66..]])).Should().Be(line[..64], line[66..]);
        }

        var csv = Encoding.UTF8.GetString(files["manifest.csv"]).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        csv[0].Should().Be("application_id,id_number,full_name,date_of_birth,sex,party_cell,old_card_number,submitted_at,approved_at,photo_file,signature_file,photo_sha256,signature_sha256");
        csv.Should().HaveCount(4);
        var photoSha = Convert.ToHexStringLower(SHA256.HashData(ReviewData.Photo));
        foreach (var record in records)
        {
            var row = csv.Single(l => l.StartsWith(record.Id.ToString(), StringComparison.Ordinal)).Split(',');
            row[1].Should().Be(record.Member!.IdNumber.Value);
            row[2].Should().Be(record.Member.FullName);
            row[3].Should().Be(record.Member.BirthDate is { } birth ? birth.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : record.Member.BirthYear.ToString(CultureInfo.InvariantCulture));
            row[4].Should().Be(record.Member.Sex == Sex.Female ? "Nữ" : "Nam");
            row[8].Should().StartWith(record.ApprovedAt!.Value.AddHours(7).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture));
            (row[9], row[10], row[11]).Should().Be(($"photos/{record.Id}.jpg", $"signatures/{record.Id}.png", photoSha));
        }

        using var json = JsonDocument.Parse(files["manifest.json"]);
        json.RootElement.GetProperty("transmission_id").GetString().Should().Be(transmission.Id.ToString());
        json.RootElement.GetProperty("commune_code").GetString().Should().Be(code);
        json.RootElement.GetProperty("record_count").GetInt32().Should().Be(3);
        json.RootElement.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("application_id").GetString())
            .Should().BeEquivalentTo(ids.Select(id => id.ToString()));

        (await lead.GetStringAsync("/transmission")).Should().Contain($"/transmission/{transmission.Id}.zip");
        await ReviewData.AssertCountsAsync(app, app.CommuneOne);

        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var listed = (await circuit.Get<TransmissionQueries>().OverviewAsync()).Packages.Single(p => p.Id == transmission.Id);
        (listed.Day, listed.Records, listed.Bytes, listed.Sha256).Should().Be((day, 3, transmission.Bytes, transmission.Sha256));
        var audit = await db.AuditEntries.AsNoTracking().Where(e => e.Target!.StartsWith("CHANGE /transmission/create " + Iso(day))).ToListAsync();
        audit.Should().ContainSingle().Which.Target.Should().EndWith($"Created {transmission.Id}");
    }

    [Fact]
    public async Task A_day_gets_one_package_and_a_second_attempt_changes_nothing()
    {
        var day = NextDay();
        await ReviewData.ApprovedOnAsync(app, day);
        (await CreateAsync(day)).Created.Should().BeTrue();
        var late = await ReviewData.ApprovedOnAsync(app, day);

        var again = await CreateAsync(day);

        (again.Outcome, again.Id).Should().Be((TransmissionOutcome.Exists, (Guid?)null));
        again.Message.Should().Contain("Ngày này đã có gói truyền");
        await using var db = app.SystemContext();
        (await db.Transmissions.CountAsync(t => t.CommuneId == app.CommuneOne && t.Day == day)).Should().Be(1);
        var record = await db.Applications.SingleAsync(a => a.Id == late);
        (record.State, record.TransmissionId).Should().Be((ApplicationState.Approved, (Guid?)null));
        await ReviewData.AssertCountsAsync(app, app.CommuneOne);
    }

    [Fact]
    public async Task Two_leads_making_the_same_days_package_at_once_get_one_package()
    {
        var day = NextDay();
        var ids = new[] { await ReviewData.ApprovedOnAsync(app, day), await ReviewData.ApprovedOnAsync(app, day) };

        // Two circuits of the lead (two pages) press "create" at once.
        var results = await Task.WhenAll(CreateAsync(day), CreateAsync(day));

        results.Select(r => r.Outcome).Should().BeEquivalentTo([TransmissionOutcome.Created, TransmissionOutcome.Exists]);
        await using var db = app.SystemContext();
        var transmission = await db.Transmissions.SingleAsync(t => t.CommuneId == app.CommuneOne && t.Day == day);
        (await db.Applications.CountAsync(a => ids.Contains(a.Id) && a.TransmissionId == transmission.Id)).Should().Be(2);
        await ReviewData.AssertCountsAsync(app, app.CommuneOne);
    }

    [Fact]
    public async Task A_day_without_approved_records_or_a_future_day_makes_no_package()
    {
        var empty = Today.AddDays(-9000);

        var none = await CreateAsync(empty);
        (none.Outcome, none.Message).Should().Be((TransmissionOutcome.Empty, "Không có hồ sơ đã duyệt nào chờ truyền đến hết ngày này; chưa tạo gói."));
        var future = await CreateAsync(Today.AddDays(1));
        (future.Outcome, future.Message).Should().Be((TransmissionOutcome.Future, "Không thể tạo gói truyền cho ngày chưa đến."));

        // The page's form says so beside the day before the service is asked.
        await using (var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead))
        {
            var rules = circuit.Get<IValidator<TransmissionForm>>();
            (await rules.ValidateAsync(new TransmissionForm { Day = new DateTime(2099, 1, 1) })).Errors.Should().ContainSingle()
                .Which.Should().Match<ValidationFailure>(f => f.PropertyName == nameof(TransmissionForm.Day) && f.ErrorMessage == "Không thể tạo gói truyền cho ngày chưa đến.");
            (await rules.ValidateAsync(new TransmissionForm())).Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be("Chọn ngày của gói truyền.");
            (await rules.ValidateAsync(new TransmissionForm { Day = Today.ToDateTime(TimeOnly.MinValue) })).IsValid.Should().BeTrue();
        }

        await using var db = app.SystemContext();
        (await db.Transmissions.AnyAsync(t => t.Day == empty || t.Day > Today)).Should().BeFalse();
    }

    [Fact]
    public async Task Another_communes_package_is_not_found()
    {
        var foreign = new Transmission { Id = Guid.NewGuid(), CommuneId = app.CommuneTwo, Day = NextDay(), Records = 0, Sha256 = new string('0', 64), CreatedAt = DateTime.UtcNow, CreatedBy = "other-lead" };
        await using (var db = app.SystemContext())
        {
            db.Transmissions.Add(foreign);
            await db.SaveChangesAsync();
        }

        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        using var response = await lead.GetAsync($"/transmission/{foreign.Id}.zip");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await lead.GetStringAsync("/transmission")).Should().NotContain(foreign.Id.ToString());

        // Every method the page calls, by each commune role: nothing of the other commune's.
        foreach (var account in new[] { DemoAccounts.Lead, DemoAccounts.Officer, DemoAccounts.Committee })
        {
            await using var circuit = await CircuitScope.ForAsync(app, account);
            var queries = circuit.Get<TransmissionQueries>();
            (await queries.DownloadAsync(foreign.Id)).Should().BeNull(account);
            (await queries.OverviewAsync()).Packages.Should().NotContain(p => p.Id == foreign.Id, account);
        }

        // Making a package only ever takes the lead's own commune's records: the other commune's day stays empty.
        var day = NextDay();
        var foreignRecord = await ReviewData.ApprovedOnAsync(app, day, app.CommuneTwo);
        (await CreateAsync(day)).Outcome.Should().BeOneOf(TransmissionOutcome.Empty, TransmissionOutcome.Created);
        await using var check = app.SystemContext();
        (await check.Applications.SingleAsync(a => a.Id == foreignRecord)).TransmissionId.Should().BeNull("another commune's record is never packed");
    }

    [Fact]
    public async Task The_page_shows_the_form_and_packages_and_an_unknown_query_value_is_no_error()
    {
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        foreach (var path in new[] { "/transmission", "/transmission?id=x", "/transmission?done=x&error=y" })
        {
            using var response = await lead.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
            var html = await response.Content.ReadAsStringAsync();
            html.Should().Contain("data-testid=\"transmission-form\"", path).And.Contain("data-testid=\"transmission-waiting\"", path)
                .And.NotContain("action=\"/transmission/create\"", path);
        }
    }

    [Fact]
    public async Task An_officer_can_neither_make_nor_download_a_package()
    {
        var day = NextDay();
        var id = await ReviewData.ApprovedOnAsync(app, day);
        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);

        using var page = await officer.GetAsync("/transmission");

        page.Headers.Location!.ToString().Should().Contain("/account/denied");
        foreach (var account in new[] { DemoAccounts.Officer, DemoAccounts.Committee })
        {
            var refused = await CreateAsync(day, account);
            (refused.Outcome, refused.Id).Should().Be((TransmissionOutcome.Denied, (Guid?)null), account);
            await using var circuit = await CircuitScope.ForAsync(app, account);
            (await circuit.Get<TransmissionQueries>().OverviewAsync()).Should().Match<TransmissionOverview>(o => o.Packages.Count == 0 && o.Waiting == 0, account);
        }

        await using var db = app.SystemContext();
        (await db.Transmissions.AnyAsync(t => t.CommuneId == app.CommuneOne && t.Day == day)).Should().BeFalse();
        (await db.Applications.SingleAsync(a => a.Id == id)).State.Should().Be(ApplicationState.Approved);

        // A real package for the officer to try to download.
        (await CreateAsync(day)).Created.Should().BeTrue();
        var existing = await db.Transmissions.AsNoTracking().SingleAsync(t => t.CommuneId == app.CommuneOne && t.Day == day);
        using var download = await officer.GetAsync($"/transmission/{existing.Id}.zip");
        download.Headers.Location!.ToString().Should().Contain("/account/denied");
    }

    private static DateOnly NextDay() => Today.AddDays(-Interlocked.Increment(ref _daysBack));

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Makes the day's package as <paramref name="account"/>'s page does: TransmissionService in that user's circuit.</summary>
    private async Task<TransmissionResult> CreateAsync(DateOnly day, string account = DemoAccounts.Lead)
    {
        await using var circuit = await CircuitScope.ForAsync(app, account);
        return await circuit.Get<TransmissionService>().CreateAsync(day);
    }

    /// <summary>The files of a package, after checking that every entry carries the package's day.</summary>
    private static Dictionary<string, byte[]> Unzip(byte[] zip, DateOnly day)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var files = new Dictionary<string, byte[]>();
        foreach (var entry in archive.Entries)
        {
            DateOnly.FromDateTime(entry.LastWriteTime.DateTime).Should().Be(day, entry.FullName);
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[entry.FullName] = copy.ToArray();
        }

        archive.Entries.Select(e => e.FullName).Should().BeInAscendingOrder(StringComparer.Ordinal);
        return files;
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : TransmissionTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : TransmissionTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : TransmissionTests(app);
}
