using System.Net;
using System.Security.Cryptography;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Review;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Web.Features.Retention;

namespace PartyCardIntake.IntegrationTests.Retention;

/// <summary>
/// The retention rule for photos and signatures (default 30 days after transmission) and how pages, images and
/// packages behave once the media are gone.
/// </summary>
public abstract class MediaRetentionTests(AppFixture app)
{
    private static readonly string PhotoSha = Convert.ToHexStringLower(SHA256.HashData(ReviewData.Photo));
    private static readonly string SignatureSha = Convert.ToHexStringLower(SHA256.HashData(ReviewData.Signature));

    private static string DeletedToday => $"Ảnh và chữ ký đã được xóa theo thời hạn lưu trữ ngày {RetentionData.Today:dd/MM/yyyy}";

    [Fact]
    public async Task Retention_deletes_exactly_the_media_of_records_transmitted_more_than_the_configured_days_ago_and_keeps_their_checksums()
    {
        var rule = RetentionData.Rule(app);
        await rule.RunOnceAsync();
        var old = await RetentionData.TransmittedAsync(app, 2, daysAgo: 31);
        var recent = await RetentionData.TransmittedAsync(app, 1, daysAgo: 29);
        var approvedOnly = await ReviewData.ApprovedOnAsync(app, RetentionData.Today.AddDays(-40));
        Dictionary<CountKey, int> countsBefore;
        await using (var db = app.SystemContext())
        {
            countsBefore = await ApplicationCounts.StoredAsync(db, app.CommuneOne);
        }

        var since = await RetentionData.LastAuditIdAsync(app);

        var first = await rule.RunOnceAsync();
        var second = await rule.RunOnceAsync();

        first.Deleted.Should().Be(2);
        second.Deleted.Should().Be(0, "a second run finds nothing left to delete");
        foreach (var id in old.Records)
        {
            var capture = await RetentionData.CaptureAsync(app, id);
            capture.HasMedia.Should().BeFalse();
            capture.MediaDeletedAt.Should().NotBeNull();
            capture.Photo.Should().BeEmpty();
            capture.Signature.Should().BeEmpty();
            capture.SignatureStrokes.Should().BeEmpty();
            (capture.PhotoSha256, capture.SignatureSha256, capture.PhotoWidth, capture.PhotoHeight).Should().Be((PhotoSha, SignatureSha, 600, 800));
        }

        foreach (var id in recent.Records.Append(approvedOnly))
        {
            var capture = await RetentionData.CaptureAsync(app, id);
            capture.MediaDeletedAt.Should().BeNull();
            capture.Photo.Should().Equal(ReviewData.Photo);
            capture.Signature.Should().Equal(ReviewData.Signature);
            capture.SignatureStrokes.Should().Be(ReviewData.Strokes);
        }

        await using (var db = app.SystemContext())
        {
            (await ApplicationCounts.StoredAsync(db, app.CommuneOne)).Should().BeEquivalentTo(countsBefore, "deleting images changes no record's state");
        }

        await ReviewData.AssertCountsAsync(app, app.CommuneOne);
        var entries = (await RetentionData.AuditSinceAsync(app, since)).Where(e => e.Action == AuditAction.MediaRetention).ToList();
        entries.Should().HaveCount(2, "every run leaves one entry");
        entries.Should().OnlyContain(e => e.UserName == MediaRetention.SystemUser && e.MemberId == null);
        entries[0].Target.Should().StartWith("media deleted=2 ");
        entries[1].Target.Should().StartWith("media deleted=0 ");
    }

    [Fact]
    public async Task Two_runs_at_once_delete_each_record_once()
    {
        var rule = RetentionData.Rule(app);
        await rule.RunOnceAsync();
        var old = await RetentionData.TransmittedAsync(app, 3, daysAgo: 45);

        var runs = await Task.WhenAll(rule.RunOnceAsync(), rule.RunOnceAsync());

        runs.Sum(r => r.Deleted).Should().Be(3);
        foreach (var id in old.Records)
        {
            (await RetentionData.CaptureAsync(app, id)).HasMedia.Should().BeFalse();
        }
    }

    [Fact]
    public async Task A_purged_records_photo_and_signature_answer_gone_and_its_pages_show_the_retention_note()
    {
        var package = await RetentionData.TransmittedAsync(app, 1, daysAgo: 60);
        var id = package.Records[0];
        var memberId = await RetentionData.MemberOfAsync(app, id);
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        (await lead.GetAsync($"/review/{id}/photo")).StatusCode.Should().Be(HttpStatusCode.OK, "the photo is held until the rule runs");

        await RetentionData.Rule(app).RunOnceAsync();

        foreach (var image in new[] { "photo", "signature" })
        {
            using var response = await lead.GetAsync($"/review/{id}/{image}");
            response.StatusCode.Should().Be(HttpStatusCode.Gone, image);
            response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
            response.Headers.CacheControl!.NoStore.Should().BeTrue();
            (await response.Content.ReadAsStringAsync()).Should().Contain(DeletedToday);
        }

        var review = await lead.GetStringAsync($"/review/{id}");
        review.Should().Contain("data-testid=\"media-deleted\"").And.Contain(DeletedToday).And.Contain(PhotoSha).And.Contain(SignatureSha);
        review.Should().NotContain($"/review/{id}/photo", "no broken image is embedded");

        using var committee = await app.SignedInClientAsync(DemoAccounts.Committee);
        (await committee.GetStringAsync($"/members/{memberId}")).Should().Contain("data-testid=\"media-deleted\"").And.Contain(DeletedToday);
    }

    [Fact]
    public async Task A_package_whose_media_were_deleted_is_refused_with_its_checksum_instead_of_a_different_file()
    {
        var package = await RetentionData.TransmittedAsync(app, 2, daysAgo: 31);
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        using (var before = await lead.GetAsync($"/transmission/{package.TransmissionId}.zip"))
        {
            before.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await RetentionData.Rule(app).RunOnceAsync();

        using var response = await lead.GetAsync($"/transmission/{package.TransmissionId}.zip");
        response.StatusCode.Should().Be(HttpStatusCode.Gone);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        response.Content.Headers.ContentDisposition.Should().BeNull("no file is offered");
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain($"Không thể tải lại gói truyền này: ảnh và chữ ký của hồ sơ trong gói đã được xóa theo thời hạn lưu trữ ngày {RetentionData.Today:dd/MM/yyyy}")
            .And.Contain(package.Sha256);

        // In the application's layout and styles, linked by their fingerprinted addresses as every page links them.
        html.Should().Contain("data-testid=\"media-gone\"").And.Contain("mud-alert")
            .And.MatchRegex("href=\"css/app\\.[a-z0-9]+\\.css\"").And.MatchRegex("href=\"_content/MudBlazor/MudBlazor\\.min\\.[a-z0-9]+\\.css\"")
            .And.NotContain("bootstrap");

        var list = await lead.GetStringAsync("/transmission");
        list.Should().Contain("data-testid=\"transmission-media-deleted\"").And.NotContain($"/transmission/{package.TransmissionId}.zip");
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : MediaRetentionTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : MediaRetentionTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : MediaRetentionTests(app);
}
