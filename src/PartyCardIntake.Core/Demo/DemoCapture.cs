using System.Security.Cryptography;

namespace PartyCardIntake.Core.Demo;

/// <summary>
/// One synthetic photo and signature for every demo record: a 600×800 grey portrait in 8×8 blocks (a
/// baseline JPEG with only the block averages coded, which is all a mosaic needs) and a handwritten-looking
/// name drawn on a 600×200 pad, with the pen strokes in signature_pad's shape. Made once, in memory, and
/// shared: the demo needs records that pass the desk's checks, not distinct faces.
/// </summary>
public sealed class DemoCapture
{
    public const int PhotoWidth = 600;
    public const int PhotoHeight = 800;
    public const int PadWidth = 600;
    public const int PadHeight = 200;

    private static readonly Lazy<DemoCapture> Shared = new(() => new DemoCapture());

    private DemoCapture()
    {
        Photo = DemoPortrait.Jpeg(PhotoWidth, PhotoHeight);
        var strokes = DemoSignature.Strokes();
        SignatureStrokes = DemoSignature.Json(strokes);
        Signature = DemoSignature.Png(strokes, PadWidth, PadHeight);
        PhotoSha256 = Convert.ToHexStringLower(SHA256.HashData(Photo));
        SignatureSha256 = Convert.ToHexStringLower(SHA256.HashData(Signature));
    }

    public static DemoCapture Instance => Shared.Value;

    public byte[] Photo { get; }

    public string PhotoSha256 { get; }

    public byte[] Signature { get; }

    public string SignatureStrokes { get; }

    public string SignatureSha256 { get; }
}
