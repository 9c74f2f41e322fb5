using System.Security.Cryptography;
using System.Text.Json;
using PartyCardIntake.Core.Field;

namespace PartyCardIntake.Tests.Shared;

/// <summary>
/// Plays the visiting laptop with the file formats alone: opens a kit with its passphrase, makes captures from the
/// desk tests' real photo and signature, and seals them into a capture package with the kit's keys.
/// </summary>
public sealed class FieldLaptop
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private FieldLaptop(FieldEnvelopeHeader header, FieldKitContent kit)
    {
        Header = header;
        Kit = kit;
    }

    public FieldEnvelopeHeader Header { get; }

    public FieldKitContent Kit { get; }

    public static byte[] Photo { get; } = DeskClient.Fixture("photo-600x800.jpg");

    public static byte[] Signature { get; } = DeskClient.Fixture("signature-600x200.png");

    public static string Strokes { get; } = File.ReadAllText(DeskClient.FixturePath("signature-600x200.json"));

    public static FieldLaptop Open(byte[] kitFile, string passphrase)
    {
        var header = FieldEnvelope.ReadHeader(kitFile, FieldFileKind.Kit, 64L * 1024 * 1024);
        var key = FieldKeyDerivation.Derive(FieldPassphrase.Normalize(passphrase), header.Kdf!);
        using var signer = ECDsa.Create();
        signer.ImportSubjectPublicKeyInfo(header.SignerKey, out _);
        var plaintext = FieldEnvelope.Open(kitFile, FieldFileKind.Kit, 64L * 1024 * 1024, key, signer);
        return new FieldLaptop(header, JsonSerializer.Deserialize<FieldKitContent>(plaintext, Json)!);
    }

    /// <summary>A capture of a kit member at <paramref name="capturedAt"/> (UTC), with a new idempotency key unless one is given.</summary>
    public FieldCapture Capture(int memberId, DateTime capturedAt, Guid? key = null)
    {
        var member = Kit.Members.Single(m => m.Id == memberId);
        return new FieldCapture(
            key ?? Guid.NewGuid(), member.Id, member.IdNumber, capturedAt, Kit.Officer.UserName,
            Photo, 600, 800, CapturePackage.Sha256Hex(Photo),
            Signature, CapturePackage.Sha256Hex(Signature), Strokes);
    }

    /// <summary>The sealed package; <paramref name="communeCode"/> overrides the kit's commune in header and content.</summary>
    public byte[] Package(IReadOnlyList<FieldCapture> captures, IReadOnlyList<FieldAuditEntry>? audit = null, string? communeCode = null)
    {
        var code = communeCode ?? Kit.Commune.Code;
        var created = DateTimeOffset.UtcNow;
        var plaintext = CapturePackage.Write(new CapturePackageContent(Kit.KitId, code, created, captures, audit ?? []));
        using var signer = ECDsa.Create();
        signer.ImportPkcs8PrivateKey(Kit.Keys.PackageSigningKey, out _);
        var header = new FieldEnvelopeHeader(FieldEnvelope.CurrentFormat, Kit.KitId, code, created, signer.ExportSubjectPublicKeyInfo());
        return FieldEnvelope.Seal(FieldFileKind.Package, header, plaintext, Kit.Keys.ReturnKey, signer);
    }

    /// <summary>The station's receipt, checked with the station key the kit carries (throws when it does not verify).</summary>
    public FieldReceipt Receipt(byte[] receiptFile)
    {
        using var station = ECDsa.Create();
        station.ImportSubjectPublicKeyInfo(Kit.Keys.StationPublicKey, out _);
        return FieldReceiptFile.Verify(receiptFile, station);
    }
}
