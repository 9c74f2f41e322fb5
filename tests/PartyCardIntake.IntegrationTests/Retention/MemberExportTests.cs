using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Members;
using PartyCardIntake.IntegrationTests.Review;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Web.Features.Members;

namespace PartyCardIntake.IntegrationTests.Retention;

/// <summary>The subject-access export of a member: everything held about them, for the commune's lead and committee only.</summary>
public abstract class MemberExportTests(AppFixture app)
{
    [Fact]
    public async Task The_export_holds_the_members_data_applications_checks_history_audit_and_media_and_nothing_of_other_members()
    {
        var memberId = await ReviewData.FreeMemberAsync(app);
        var applicationId = await ReviewData.SubmitAsync(app, memberId, VerificationStatus.Mismatched);
        PartyMember member;
        PartyMember other;
        await using (var db = app.SystemContext())
        {
            member = await db.PartyMembers.AsNoTracking().SingleAsync(m => m.Id == memberId);
            other = await db.PartyMembers.AsNoTracking().Where(m => m.CommuneId == app.CommuneOne && m.Id != memberId).OrderBy(m => m.Id).FirstAsync();
            db.MemberEvents.Add(new MemberEvent { CommuneId = app.CommuneOne, MemberId = memberId, At = DateTime.UtcNow, UserName = DemoAccounts.Committee, Kind = MemberEventKind.RegistryUpdateRequested, Note = "Hẹn điều chỉnh" });
            db.WorklistItems.Add(new WorklistItem { CommuneId = app.CommuneOne, MemberId = memberId, Status = WorklistStatus.Open, LastOutcome = CheckOutcome.Mismatched, LastCheckedAt = DateTime.UtcNow, OpenedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        (await lead.GetAsync($"/members/{memberId}")).StatusCode.Should().Be(HttpStatusCode.OK);
        await using (var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead))
        {
            // The member page writes its view from the circuit: a view the export must list.
            (await circuit.Get<MemberQueries>().OpenAsync(memberId, recordView: true)).Should().NotBeNull();
        }

        var since = await RetentionData.LastAuditIdAsync(app);

        using var response = await lead.GetAsync($"/members/{memberId}/export.zip");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/zip");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        response.Content.Headers.ContentDisposition.FileName!.Trim('"').Should().Be($"du-lieu-ca-nhan-{memberId}-{RetentionData.Today:yyyyMMdd}.zip");
        var files = Unzip(await response.Content.ReadAsByteArrayAsync());
        files.Keys.Should().BeEquivalentTo(
            "README.txt", "member.json", "applications.json", "registry-checks.json", "worklist.json", "schedule.json", "events.json", "audit.json",
            $"photos/{applicationId}.jpg", $"signatures/{applicationId}.png", $"signatures/{applicationId}-strokes.json");
        Text(files["README.txt"]).Should().Contain("DỮ LIỆU CÁ NHÂN CỦA ĐẢNG VIÊN").And.Contain("audit.json");
        files[$"photos/{applicationId}.jpg"].Should().Equal(ReviewData.Photo);
        files[$"signatures/{applicationId}.png"].Should().Equal(ReviewData.Signature);
        Text(files[$"signatures/{applicationId}-strokes.json"]).Should().Be(ReviewData.Strokes);

        using var json = JsonDocument.Parse(files["member.json"]);
        var root = json.RootElement;
        root.GetProperty("member_id").GetInt32().Should().Be(memberId);
        root.GetProperty("full_name").GetString().Should().Be(member.FullName);
        root.GetProperty("id_number").GetString().Should().Be(member.IdNumber.Value);
        root.GetProperty("birth_year").GetInt32().Should().Be(member.BirthYear);

        using var applications = JsonDocument.Parse(files["applications.json"]);
        var application = applications.RootElement.EnumerateArray().Should().ContainSingle().Subject;
        application.GetProperty("application_id").GetGuid().Should().Be(applicationId);
        application.GetProperty("state").GetString().Should().Be("Đã tiếp nhận");
        application.GetProperty("verification").GetString().Should().Be("Sai lệch");
        application.GetProperty("capture").GetProperty("photo_file").GetString().Should().Be($"photos/{applicationId}.jpg");
        application.GetProperty("capture").GetProperty("media_deleted_at").ValueKind.Should().Be(JsonValueKind.Null);

        using var checks = JsonDocument.Parse(files["registry-checks.json"]);
        checks.RootElement.EnumerateArray().Should().ContainSingle().Which.GetProperty("outcome").GetString().Should().Be("Sai lệch");
        Text(files["worklist.json"]).Should().Contain("Cần xử lý");
        Text(files["events.json"]).Should().Contain("Hẹn điều chỉnh").And.Contain("Yêu cầu điều chỉnh CSDL dân cư");
        using var schedule = JsonDocument.Parse(files["schedule.json"]);
        schedule.RootElement.GetProperty("slots").ValueKind.Should().Be(JsonValueKind.Array);
        schedule.RootElement.GetProperty("home_visits").ValueKind.Should().Be(JsonValueKind.Array);
        using var audit = JsonDocument.Parse(files["audit.json"]);
        audit.RootElement.EnumerateArray().Should().Contain(e =>
            e.GetProperty("user_name").GetString() == DemoAccounts.Lead && e.GetProperty("action").GetString() == "Xem hồ sơ đảng viên");

        var text = string.Join('\n', files.Where(f => f.Key.EndsWith(".json", StringComparison.Ordinal) || f.Key.EndsWith(".txt", StringComparison.Ordinal)).Select(f => Text(f.Value)));
        text.Should().NotContain(other.IdNumber.Value).And.NotContain(other.FullName);

        var entry = (await RetentionData.AuditSinceAsync(app, since)).Should().ContainSingle(e => e.Action == AuditAction.Export).Subject;
        (entry.MemberId, entry.UserName).Should().Be(((int?)memberId, DemoAccounts.Lead));
        entry.Target.Should().Contain($"/members/{memberId}/export.zip").And.NotContain(member.IdNumber.Value).And.NotContain(member.FullName);
    }

    [Fact]
    public async Task Once_the_media_are_deleted_the_export_keeps_their_checksums_and_date_but_no_images()
    {
        var package = await RetentionData.TransmittedAsync(app, 1, daysAgo: 90);
        var id = package.Records[0];
        var memberId = await RetentionData.MemberOfAsync(app, id);
        await RetentionData.Rule(app).RunOnceAsync();
        using var committee = await app.SignedInClientAsync(DemoAccounts.Committee);

        var files = Unzip(await committee.GetByteArrayAsync($"/members/{memberId}/export.zip"));

        files.Keys.Should().NotContain(k => k.StartsWith("photos/", StringComparison.Ordinal) || k.StartsWith("signatures/", StringComparison.Ordinal));
        using var applications = JsonDocument.Parse(files["applications.json"]);
        var capture = applications.RootElement.EnumerateArray().Should().ContainSingle().Subject.GetProperty("capture");
        capture.GetProperty("photo_file").ValueKind.Should().Be(JsonValueKind.Null);
        capture.GetProperty("media_deleted_at").ValueKind.Should().Be(JsonValueKind.String);
        capture.GetProperty("photo_sha256").GetString().Should().HaveLength(64);
    }

    [Fact]
    public async Task Officers_province_users_and_administrators_are_refused_and_the_page_offers_the_button_only_to_lead_and_committee()
    {
        var memberId = await ReviewData.FreeMemberAsync(app);
        foreach (var user in new[] { DemoAccounts.Officer, DemoAccounts.Province, DemoAccounts.Admin })
        {
            using var client = await app.SignedInClientAsync(user);
            using var response = await client.GetAsync($"/members/{memberId}/export.zip");
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, user);
            response.Headers.Location!.ToString().Should().Contain("/account/denied", user);
        }

        using (var officer = await app.SignedInClientAsync(DemoAccounts.Officer))
        {
            (await officer.GetStringAsync($"/members/{memberId}")).Should().NotContain("export.zip");
        }

        foreach (var user in new[] { DemoAccounts.Lead, DemoAccounts.Committee })
        {
            using var client = await app.SignedInClientAsync(user);
            (await client.GetStringAsync($"/members/{memberId}")).Should().Contain($"href=\"/members/{memberId}/export.zip\"").And.Contain("Xuất dữ liệu cá nhân");
        }
    }

    [Fact]
    public async Task Another_communes_member_is_not_found()
    {
        var foreign = await ReviewData.FreeMemberAsync(app, communeId: app.CommuneTwo);
        foreach (var user in new[] { DemoAccounts.Lead, DemoAccounts.Committee })
        {
            using var client = await app.SignedInClientAsync(user);
            using var response = await client.GetAsync($"/members/{foreign}/export.zip");
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, user);
            response.Content.Headers.ContentType?.MediaType.Should().NotBe("application/zip");
        }
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');

    private static Dictionary<string, byte[]> Unzip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var files = new Dictionary<string, byte[]>();
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[entry.FullName] = copy.ToArray();
        }

        return files;
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : MemberExportTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : MemberExportTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : MemberExportTests(app);
}
