using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Field;
using PartyCardIntake.IntegrationTests.Members;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.Desk;
using PartyCardIntake.Web.Features.FieldMode;
using PartyCardIntake.Web.Resources;
using static PartyCardIntake.IntegrationTests.FieldMode.FieldModeApp;

namespace PartyCardIntake.IntegrationTests.FieldMode;

/// <summary>The laptop's package and the station's receipt: what the package holds, and what a receipt wipes.</summary>
public sealed class FieldReturnTests
{
    [Fact]
    public async Task The_package_opens_with_the_kits_keys_and_holds_exactly_the_captures_without_a_receipt()
    {
        using var kit = FieldKitFiles.Build(members: 3);
        await using var app = FieldModeApp.Create();
        (await FieldModeApp.ImportAsync(app, kit.File, kit.Passphrase)).Imported.Should().BeTrue();
        await using var officer = await CircuitScope.ForAsync(app.Services, FieldKitFiles.OfficerUserName);
        var first = await CaptureAsync(officer, kit, 0);
        var second = await CaptureAsync(officer, kit, 1);

        var export = await officer.Get<FieldReturnService>().ExportAsync();

        export.Error.Should().BeNull();
        export.FileName.Should().MatchRegex(@"^goi-thu-nhan-FK001-\d{8}-\d{4}\.pcipkg$");
        var content = Open(export.File!, kit);
        content.KitId.Should().Be(kit.Content.KitId);
        content.Captures.Select(c => c.IdempotencyKey).Should().BeEquivalentTo([first, second]);
        var one = content.Captures.Single(c => c.IdempotencyKey == first);
        (one.MemberId, one.IdNumber, one.CapturedBy).Should().Be((kit.Content.Members[0].Id, kit.Content.Members[0].IdNumber, FieldKitFiles.OfficerUserName));
        one.Photo.Should().Equal(Photo, "the package carries the plain image, the envelope encrypts it");
        one.Signature.Should().Equal(Signature);
        one.SignatureStrokes.Should().StartWith("[").And.Contain("\"points\"", "the strokes travel decrypted (as the desk normalised them)");
        content.Audit.Should().Contain(a => a.Action == (int)AuditAction.FieldTransfer);
        await using var db = FieldModeApp.SystemContext(app);
        (await db.FieldKitStates.SingleAsync()).LastExportAt.Should().NotBeNull();
    }

    [Fact]
    public async Task A_receipt_wipes_only_the_captures_it_lists_and_a_capture_made_after_the_export_stays()
    {
        using var kit = FieldKitFiles.Build(members: 3);
        await using var app = FieldModeApp.Create();
        (await FieldModeApp.ImportAsync(app, kit.File, kit.Passphrase)).Imported.Should().BeTrue();
        await using var officer = await CircuitScope.ForAsync(app.Services, FieldKitFiles.OfficerUserName);
        var returns = officer.Get<FieldReturnService>();
        var first = await CaptureAsync(officer, kit, 0);
        var second = await CaptureAsync(officer, kit, 1);
        var export = await returns.ExportAsync();
        var later = await CaptureAsync(officer, kit, 2);

        // Before any receipt nothing is wiped.
        await using (var db = FieldModeApp.SystemContext(app))
        {
            (await db.ApplicationCaptures.CountAsync(c => c.MediaDeletedAt == null)).Should().Be(3);
        }

        var receipt = FieldReceiptFile.Sign(Receipt(kit, export.File!, first, second), kit.StationKey);
        var result = await returns.ApplyReceiptAsync(receipt);

        result.Applied.Should().BeTrue(result.Message);
        (result.Wiped, result.Remaining).Should().Be((2, 1));
        await using (var db = FieldModeApp.SystemContext(app))
        {
            var rows = await db.Applications.Include(a => a.Capture).ToListAsync();
            rows.Where(a => a.IdempotencyKey != later).Should().OnlyContain(a => a.FieldKitId == kit.Content.KitId && a.Capture!.Photo.Length == 0 && a.Capture.MediaDeletedAt != null);
            var kept = rows.Single(a => a.IdempotencyKey == later);
            kept.FieldKitId.Should().BeNull();
            kept.Capture!.MediaDeletedAt.Should().BeNull();
            kept.Capture.Photo.Should().NotBeEmpty();
            (await db.FieldKitStates.SingleAsync()).LastReceiptAt.Should().NotBeNull();
        }

        // The next package carries only what is still outstanding, its media whole.
        var next = Open((await returns.ExportAsync()).File!, kit);
        next.Captures.Should().ContainSingle().Which.Photo.Should().Equal(Photo);
        next.Captures[0].IdempotencyKey.Should().Be(later);

        // The same receipt again wipes nothing more.
        (await returns.ApplyReceiptAsync(receipt)).Wiped.Should().Be(0);
    }

    [Fact]
    public async Task A_receipt_signed_by_another_key_or_for_another_kit_is_refused_and_nothing_is_wiped()
    {
        using var kit = FieldKitFiles.Build();
        using var other = FieldKitFiles.Build();
        await using var app = FieldModeApp.Create();
        (await FieldModeApp.ImportAsync(app, kit.File, kit.Passphrase)).Imported.Should().BeTrue();
        await using var officer = await CircuitScope.ForAsync(app.Services, FieldKitFiles.OfficerUserName);
        var returns = officer.Get<FieldReturnService>();
        var key = await CaptureAsync(officer, kit, 0);
        var export = await returns.ExportAsync();

        var forged = await returns.ApplyReceiptAsync(FieldReceiptFile.Sign(Receipt(kit, export.File!, key), other.StationKey));
        var otherKit = await returns.ApplyReceiptAsync(FieldReceiptFile.Sign(Receipt(other, export.File!, key), kit.StationKey));
        var flipped = FieldReceiptFile.Sign(Receipt(kit, export.File!, key), kit.StationKey);
        flipped[flipped.Length / 2] ^= 0x20;
        var tampered = await returns.ApplyReceiptAsync(flipped);

        (forged.Applied, forged.Message).Should().Be((false, Ui.FieldMode_ReceiptInvalid));
        (otherKit.Applied, otherKit.Message).Should().Be((false, Ui.FieldMode_ReceiptOtherKit));
        tampered.Applied.Should().BeFalse();
        await using var db = FieldModeApp.SystemContext(app);
        var capture = await db.ApplicationCaptures.SingleAsync();
        capture.MediaDeletedAt.Should().BeNull();
        (await db.Applications.SingleAsync()).FieldKitId.Should().BeNull();
    }

    [Fact]
    public async Task Once_every_capture_has_a_receipt_a_new_kit_replaces_the_previous_members_visits_and_officer()
    {
        using var kit = FieldKitFiles.Build(members: 2);
        using var next = FieldKitFiles.Build(members: 1);
        await using var app = FieldModeApp.Create();
        (await FieldModeApp.ImportAsync(app, kit.File, kit.Passphrase)).Imported.Should().BeTrue();
        await using (var officer = await CircuitScope.ForAsync(app.Services, FieldKitFiles.OfficerUserName))
        {
            var returns = officer.Get<FieldReturnService>();
            var key = await CaptureAsync(officer, kit, 0);
            var export = await returns.ExportAsync();
            (await returns.ApplyReceiptAsync(FieldReceiptFile.Sign(Receipt(kit, export.File!, key), kit.StationKey))).Applied.Should().BeTrue();
        }

        var result = await FieldModeApp.ImportAsync(app, next.File, next.Passphrase);

        result.Imported.Should().BeTrue(result.Message);
        await using var db = FieldModeApp.SystemContext(app);
        (await db.FieldKitStates.SingleAsync()).KitId.Should().Be(next.Content.KitId);
        (await db.Users.SingleAsync()).Id.Should().Be(next.Content.Officer.UserId);
        (await db.PartyMembers.Select(m => m.Id).ToListAsync()).Should().Equal(next.Content.Members[0].Id);
        (await db.HomeVisits.CountAsync()).Should().Be(1);
        (await db.Applications.CountAsync()).Should().Be(0, "the returned application went with its kit");
        (await db.AuditEntries.CountAsync(a => a.Action == AuditAction.FieldTransfer)).Should().BeGreaterThanOrEqualTo(4, "the trail stays");
    }

    private static async Task<Guid> CaptureAsync(CircuitScope officer, FieldKitFile kit, int index)
    {
        var key = Guid.NewGuid();
        var result = await officer.Get<DeskSubmission>().SubmitAsync(new SubmitRequest(
            kit.Content.Members[index].Id, key, CapturePart.Of(Photo), CapturePart.Of(Signature), Strokes, Station, kit.Content.Officer.UserId));
        result.Saved.Should().BeTrue(result.Message);
        return key;
    }

    private static FieldReceipt Receipt(FieldKitFile kit, byte[] package, params Guid[] keys) => new(
        1, kit.Content.KitId, kit.Content.Commune.Code, CapturePackage.Sha256Hex(package), DateTimeOffset.UtcNow,
        keys.Select(k => new FieldReceiptItem(k, FieldReceiptOutcome.Added)).ToList());

    private static CapturePackageContent Open(byte[] file, FieldKitFile kit)
    {
        var header = FieldEnvelope.ReadHeader(file, FieldFileKind.Package, 512L * 1024 * 1024);
        header.SignerKey.Should().Equal(kit.PackageKey.ExportSubjectPublicKeyInfo(), "the package is signed with the kit's package key");
        using var verifier = ECDsa.Create();
        verifier.ImportSubjectPublicKeyInfo(kit.PackageKey.ExportSubjectPublicKeyInfo(), out _);
        var plain = FieldEnvelope.Open(file, FieldFileKind.Package, 512L * 1024 * 1024, kit.Content.Keys.ReturnKey, verifier);
        return CapturePackage.Read(plain, 64L * 1024 * 1024);
    }
}
