using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.IntegrationTests.Members;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.Desk;
using PartyCardIntake.Web.Features.Review;
using static PartyCardIntake.IntegrationTests.FieldMode.FieldModeApp;

namespace PartyCardIntake.IntegrationTests.FieldMode;

/// <summary>On a laptop, photos, signatures and strokes are encrypted in the SQLite file, and read back as they were taken.</summary>
public sealed class FieldMediaTests
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47];

    [Fact]
    public async Task Captures_and_drafts_hold_no_image_or_stroke_in_clear_and_read_back_whole()
    {
        // The officer is also the station's lead here, so that the review's image read (a lead's) runs on the laptop.
        using var kit = FieldKitFiles.Build();
        var content = kit.Content with { Officer = kit.Content.Officer with { Roles = [AppRoles.StationLead, AppRoles.IntakeOfficer] } };
        await using var app = FieldModeApp.Create();
        (await FieldModeApp.ImportAsync(app, FieldKitFiles.Seal(content, kit.Passphrase, kit.StationKey), kit.Passphrase)).Imported.Should().BeTrue();
        var station = new DeskStation(FieldKitFiles.SiteId, "Tổ lưu động", FieldKitFiles.DeviceId, "Máy lưu động 1");
        var saved = kit.Content.Members[0].Id;
        var drafted = kit.Content.Members[1].Id;
        await using var officer = await CircuitScope.ForAsync(app.Services, FieldKitFiles.OfficerUserName);
        var result = await officer.Get<DeskSubmission>().SubmitAsync(new SubmitRequest(
            saved, Guid.NewGuid(), CapturePart.Of(Photo), CapturePart.Of(Signature), Strokes, station, kit.Content.Officer.UserId));
        result.Saved.Should().BeTrue(result.Message);
        var drafts = officer.Get<CaptureDrafts>();
        await drafts.SavePhotoAsync(station, drafted, kit.Content.Officer.UserId, Guid.NewGuid(), Photo);
        await drafts.SaveSignatureAsync(station, drafted, kit.Content.Officer.UserId, Guid.NewGuid(), Signature, Strokes);

        await using var db = FieldModeApp.SystemContext(app);
        var rows = await RawAsync(db, "SELECT Photo, Signature, SignatureStrokes FROM ApplicationCaptures UNION ALL SELECT Photo, Signature, Strokes FROM CaptureDrafts");
        rows.Should().HaveCount(2);
        foreach (var (photo, signature, strokes) in rows)
        {
            photo.AsSpan().IndexOf(Jpeg).Should().Be(-1, "no JPEG signature may be stored in clear");
            signature.AsSpan().IndexOf(Png).Should().Be(-1, "no PNG signature may be stored in clear");
            strokes.Should().NotContain("points").And.NotContain("[");
        }

        var capture = await db.ApplicationCaptures.SingleAsync();
        capture.PhotoSha256.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Photo)), "checksums stay those of the plain image");
        var draft = await drafts.FindAsync(FieldKitFiles.DeviceId, drafted);
        (draft!.Photo, draft.Signature, draft.Strokes).Should().BeEquivalentTo((Photo, Signature, Strokes));
        var review = officer.Get<ReviewQueries>();
        (await review.ImageAsync(result.ApplicationId!.Value, signature: false))!.Bytes.Should().Equal(Photo);
        (await review.ImageAsync(result.ApplicationId.Value, signature: true))!.Bytes.Should().Equal(Signature);
    }

    private static async Task<List<(byte[] Photo, byte[] Signature, string Strokes)>> RawAsync(DbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = new List<(byte[], byte[], string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(((byte[])reader[0], (byte[])reader[1], reader[2] is string s ? s : Encoding.UTF8.GetString((byte[])reader[2])));
        }

        return rows;
    }
}
