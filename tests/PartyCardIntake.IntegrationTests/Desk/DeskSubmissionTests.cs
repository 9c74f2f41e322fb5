using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Desk;

/// <summary>Bad input at the desk is refused with a clear message and leaves nothing half-written.</summary>
public abstract class DeskSubmissionTests(AppFixture app)
{
    private static readonly byte[] Photo = DeskClient.Fixture("photo-600x800.jpg");
    private static readonly byte[] Signature = DeskClient.Fixture("signature-600x200.png");
    private static readonly string Strokes = File.ReadAllText(DeskClient.FixturePath("signature-600x200.json"));

    [Fact]
    public async Task A_valid_capture_is_saved_with_its_photo_and_signature()
    {
        var memberId = await FreeMemberAsync(0);
        using var client = await DeskAsync(DemoAccounts.Officer);
        using var response = await DeskClient.SubmitAsync(client, memberId, Guid.NewGuid(), Photo, Signature, Strokes);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        await using var db = app.SystemContext();
        var application = await db.Applications.Include(a => a.Capture).SingleAsync(a => a.MemberId == memberId);
        application.State.Should().Be(ApplicationState.Submitted);
        application.Capture!.Photo.Take(3).Should().Equal(0xFF, 0xD8, 0xFF);
        application.Capture.PhotoWidth.Should().Be(600);
        application.Capture.PhotoHeight.Should().Be(800);
        application.Capture.Signature.Take(4).Should().Equal(0x89, 0x50, 0x4E, 0x47);
        application.Capture.SignatureStrokes.Should().Contain("points");
        application.DeviceId.Should().NotBeNull();
    }

    [Fact]
    public async Task Submit_is_refused_when_the_photo_is_not_an_image()
    {
        await AssertRefusedAsync(Encoding.UTF8.GetBytes("đây không phải là ảnh, chỉ là chữ"), Signature, Strokes, HttpStatusCode.BadRequest, "JPEG");
    }

    [Fact]
    public async Task Submit_is_refused_when_the_photo_is_a_png()
    {
        await AssertRefusedAsync(DeskClient.Fixture("photo-300x400.png"), Signature, Strokes, HttpStatusCode.BadRequest, "JPEG");
    }

    [Fact]
    public async Task Submit_is_refused_when_the_photo_is_too_large()
    {
        var huge = new byte[3 * 1024 * 1024];
        Photo.CopyTo(huge, 0);
        await AssertRefusedAsync(huge, Signature, Strokes, HttpStatusCode.BadRequest, "MB");
    }

    [Fact]
    public async Task Submit_is_refused_when_the_photo_is_below_600_by_800()
    {
        await AssertRefusedAsync(DeskClient.Fixture("photo-599x800.jpg"), Signature, Strokes, HttpStatusCode.BadRequest, "600");
    }

    [Fact]
    public async Task Submit_is_refused_when_the_photo_is_not_3_by_4()
    {
        await AssertRefusedAsync(DeskClient.Fixture("photo-800x800.jpg"), Signature, Strokes, HttpStatusCode.BadRequest, "3:4");
    }

    [Fact]
    public async Task Submit_is_refused_when_the_photo_hides_another_file()
    {
        await AssertRefusedAsync(DeskClient.Fixture("photo-600x800-with-zip.jpg"), Signature, Strokes, HttpStatusCode.BadRequest, "dữ liệu lạ");
    }

    [Fact]
    public async Task Submit_is_refused_when_the_signature_is_empty()
    {
        await AssertRefusedAsync(Photo, Signature, "[]", HttpStatusCode.BadRequest, "Chưa có chữ ký");
    }

    [Fact]
    public async Task Submit_is_refused_when_the_signature_is_a_single_dot()
    {
        const string dot = """[{"penColor":"#000","dotSize":0,"minWidth":1,"maxWidth":2.5,"velocityFilterWeight":0.7,"compositeOperation":"source-over","points":[{"x":100,"y":100,"time":1,"pressure":0.5}]}]""";
        await AssertRefusedAsync(Photo, Signature, dot, HttpStatusCode.BadRequest, "Chữ ký quá ngắn");
    }

    [Fact]
    public async Task Submit_is_refused_when_the_photo_or_signature_is_missing()
    {
        await AssertRefusedAsync(null, Signature, Strokes, HttpStatusCode.BadRequest, "Chưa có ảnh");
        await AssertRefusedAsync(Photo, null, Strokes, HttpStatusCode.BadRequest, "Chưa có chữ ký");
    }

    [Fact]
    public async Task Submit_is_refused_for_an_unknown_member()
    {
        using var client = await DeskAsync(DemoAccounts.Officer);
        using var response = await DeskClient.SubmitAsync(client, 987_654, Guid.NewGuid(), Photo, Signature, Strokes);
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Problem(response)).Should().Contain("Không tìm thấy đảng viên");
    }

    [Fact]
    public async Task Submit_is_refused_for_a_member_of_another_commune()
    {
        var foreign = await FreeMemberAsync(1);
        using var client = await DeskAsync(DemoAccounts.Officer);
        using var response = await DeskClient.SubmitAsync(client, foreign, Guid.NewGuid(), Photo, Signature, Strokes);
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await using var db = app.SystemContext();
        (await db.Applications.AnyAsync(a => a.MemberId == foreign)).Should().BeFalse();
    }

    [Fact]
    public async Task A_double_click_saves_one_application()
    {
        var memberId = await FreeMemberAsync(0);
        var key = Guid.NewGuid();
        using var client = await DeskAsync(DemoAccounts.Officer);
        using var first = await DeskClient.SubmitAsync(client, memberId, key, Photo, Signature, Strokes);
        using var second = await DeskClient.SubmitAsync(client, memberId, key, Photo, Signature, Strokes);
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await second.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("duplicate").GetBoolean().Should().BeTrue();

        await using var db = app.SystemContext();
        (await db.Applications.CountAsync(a => a.MemberId == memberId)).Should().Be(1);
    }

    [Fact]
    public async Task Ten_identical_concurrent_submissions_give_one_application()
    {
        var memberId = await FreeMemberAsync(0);
        var key = Guid.NewGuid();
        using var client = await DeskAsync(DemoAccounts.Officer);
        var token = await DeskClient.TokenAsync(client);
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => DeskClient.SubmitAsync(client, memberId, key, Photo, Signature, Strokes, token)));
        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        foreach (var r in responses)
        {
            r.Dispose();
        }

        await using var db = app.SystemContext();
        (await db.Applications.CountAsync(a => a.MemberId == memberId)).Should().Be(1);
        (await db.ApplicationCaptures.CountAsync(c => c.Application!.MemberId == memberId)).Should().Be(1);
    }

    [Fact]
    public async Task A_second_desk_gets_a_clear_message_for_a_member_already_captured()
    {
        var memberId = await FreeMemberAsync(0);
        using var officer = await DeskAsync(DemoAccounts.Officer);
        using var lead = await DeskAsync(DemoAccounts.Lead);
        using var first = await DeskClient.SubmitAsync(officer, memberId, Guid.NewGuid(), Photo, Signature, Strokes);
        using var second = await DeskClient.SubmitAsync(lead, memberId, Guid.NewGuid(), Photo, Signature, Strokes);
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Problem(second)).Should().Contain("đã có hồ sơ");
    }

    [Fact]
    public async Task Submit_without_the_antiforgery_token_is_refused()
    {
        var memberId = await FreeMemberAsync(0);
        using var client = await DeskAsync(DemoAccounts.Officer);
        using var response = await DeskClient.SubmitAsync(client, memberId, Guid.NewGuid(), Photo, Signature, Strokes, token: "khong-hop-le");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await using var db = app.SystemContext();
        (await db.Applications.AnyAsync(a => a.MemberId == memberId)).Should().BeFalse();
    }

    [Fact]
    public async Task The_committee_cannot_use_the_desk()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Committee);
        using var response = await client.GetAsync("/desk");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/denied");
    }

    private async Task AssertRefusedAsync(byte[]? photo, byte[]? signature, string strokes, HttpStatusCode status, string messagePart)
    {
        var memberId = await FreeMemberAsync(0);
        using var client = await DeskAsync(DemoAccounts.Officer);
        using var response = await DeskClient.SubmitAsync(client, memberId, Guid.NewGuid(), photo, signature, strokes);
        response.StatusCode.Should().Be(status);
        (await Problem(response)).Should().Contain(messagePart);

        await using var db = app.SystemContext();
        (await db.Applications.AnyAsync(a => a.MemberId == memberId)).Should().BeFalse("nothing may be half-written");
        (await db.ApplicationCaptures.AnyAsync(c => c.Application!.MemberId == memberId)).Should().BeFalse();
    }

    private static async Task<string> Problem(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.TryGetProperty("detail", out var detail) ? detail.GetString() ?? string.Empty : string.Empty;
    }

    private async Task<HttpClient> DeskAsync(string userName)
    {
        var client = await app.SignedInClientAsync(userName);
        await DeskClient.ChooseStationAsync(client);
        return client;
    }

    /// <summary>An eligible member without an application, different for every call.</summary>
    private async Task<int> FreeMemberAsync(int communeIndex)
    {
        var commune = communeIndex == 0 ? app.CommuneOne : app.CommuneTwo;
        await using var db = app.SystemContext();
        var taken = app.TakenMembers;
        var candidates = await db.PartyMembers
            .Where(m => m.CommuneId == commune && m.Exemption == null && !db.Applications.Any(a => a.MemberId == m.Id))
            .OrderBy(m => m.Id)
            .Select(m => m.Id)
            .Take(taken.Count + 50)
            .ToListAsync();
        lock (taken)
        {
            var id = candidates.First(c => !taken.Contains(c));
            taken.Add(id);
            return id;
        }
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : DeskSubmissionTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : DeskSubmissionTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : DeskSubmissionTests(app);
}
