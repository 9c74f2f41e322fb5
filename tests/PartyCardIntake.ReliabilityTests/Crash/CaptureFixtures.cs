using System.Security.Cryptography;
using PartyCardIntake.Infrastructure.Media;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.ReliabilityTests.Crash;

/// <summary>
/// The photo and signature every crash-test desk sends. Each submission gets a photo of its own (a few bytes of
/// the picture data changed), so that a stored photo proves it came with that submission and not with another
/// one saved around the same kill. The expected checksums are those of what the server keeps: the same validator
/// removes the metadata, as the server does before storing.
/// </summary>
internal sealed class CaptureFixtures
{
    private static readonly int[] MarkOffsets = [1_000, 9_000, 17_000];
    private readonly byte[] _photo = DeskClient.Fixture("photo-600x800.jpg");
    private readonly int[] _markAt;

    public CaptureFixtures()
    {
        Signature = DeskClient.Fixture("signature-600x200.png");
        Strokes = File.ReadAllText(DeskClient.FixturePath("signature-600x200.json"));
        var signature = SignatureValidator.Validate(Signature, Strokes, SignatureRules.Default);
        SignatureSha256 = signature.IsValid ? signature.Sha256! : throw new InvalidOperationException("The signature fixture is not accepted: " + signature.Error);
        _markAt = FindMarkPositions(_photo);
    }

    public byte[] Signature { get; }

    public string Strokes { get; }

    /// <summary>SHA-256 (lower-case hex) of the signature as the server stores it.</summary>
    public string SignatureSha256 { get; }

    /// <summary>A valid portrait unique to <paramref name="serial"/>, and the SHA-256 of the file the server will keep.</summary>
    public (byte[] Photo, string StoredSha256) Photo(int serial)
    {
        var photo = (byte[])_photo.Clone();
        var rest = serial;
        foreach (var at in _markAt)
        {
            // Base 255: never 0xFF, which would start a marker inside the picture data.
            photo[at] = (byte)(rest % 255);
            rest /= 255;
        }

        var check = PhotoValidator.Validate(photo, PhotoRules.Default);
        return check.IsValid
            ? (photo, check.Sha256!)
            : throw new InvalidOperationException($"Photo {serial} is not accepted: {check.Error} {check.Detail}");
    }

    public static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>Bytes inside the entropy-coded scan that are neither a marker byte nor stuffing after one.</summary>
    private static int[] FindMarkPositions(byte[] jpeg)
    {
        var sos = -1;
        for (var i = 2; i + 3 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xDA)
            {
                sos = i;
                break;
            }
        }

        if (sos < 0)
        {
            throw new InvalidOperationException("The photo fixture has no scan.");
        }

        var scan = sos + 2 + ((jpeg[sos + 2] << 8) | jpeg[sos + 3]);
        return [.. MarkOffsets.Select(offset =>
        {
            for (var i = scan + offset; i < jpeg.Length - 4; i++)
            {
                if (jpeg[i - 1] != 0xFF && jpeg[i] != 0xFF && jpeg[i + 1] != 0xFF)
                {
                    return i;
                }
            }

            throw new InvalidOperationException("The photo fixture's scan is too short.");
        })];
    }
}
