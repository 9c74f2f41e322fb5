namespace PartyCardIntake.Core.Domain;

/// <summary>
/// The photo and signature of an application, in a table of their own so that lists of applications
/// never load image bytes. Written in the same transaction as the application.
/// </summary>
public class ApplicationCapture
{
    private ApplicationCapture()
    {
    }

    public Guid ApplicationId { get; private set; }

    public Application? Application { get; private set; }

    /// <summary>JPEG, 3:4, at least 600×800, metadata removed.</summary>
    public byte[] Photo { get; private set; } = [];

    public int PhotoWidth { get; private set; }

    public int PhotoHeight { get; private set; }

    public string PhotoSha256 { get; private set; } = string.Empty;

    public byte[] Signature { get; private set; } = [];

    /// <summary>The pen strokes (signature_pad format), kept beside the PNG as evidence of a real signature.</summary>
    public string SignatureStrokes { get; private set; } = string.Empty;

    public string SignatureSha256 { get; private set; } = string.Empty;

    public DateTime CapturedAt { get; private set; }

    /// <summary>When retention removed the photo, signature and strokes; the checksums stay as proof of what was sent.</summary>
    public DateTime? MediaDeletedAt { get; private set; }

    public bool HasMedia => MediaDeletedAt is null;

    /// <summary>Removes the images and strokes for good, keeping sizes and checksums.</summary>
    public void DeleteMedia(DateTime now)
    {
        if (MediaDeletedAt is not null)
        {
            return;
        }

        Photo = [];
        Signature = [];
        SignatureStrokes = string.Empty;
        MediaDeletedAt = now;
    }

    public static ApplicationCapture Create(
        byte[] photo, int photoWidth, int photoHeight, string photoSha256,
        byte[] signature, string signatureStrokes, string signatureSha256, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(signature);
        if (photo.Length == 0 || signature.Length == 0 || string.IsNullOrEmpty(signatureStrokes))
        {
            throw new DomainException("application.capture-incomplete");
        }

        return new ApplicationCapture
        {
            Photo = photo,
            PhotoWidth = photoWidth,
            PhotoHeight = photoHeight,
            PhotoSha256 = photoSha256,
            Signature = signature,
            SignatureStrokes = signatureStrokes,
            SignatureSha256 = signatureSha256,
            CapturedAt = now,
        };
    }
}
