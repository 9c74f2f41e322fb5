namespace PartyCardIntake.Infrastructure.Media;

/// <summary>Why a signature was refused. Values are stable: they may be logged or stored.</summary>
public enum SignatureError
{
    /// <summary>Nothing was signed: no image, no strokes, or strokes without points.</summary>
    Empty = 1,

    /// <summary>The image is larger than <see cref="SignatureRules.MaxBytes"/>.</summary>
    TooLarge = 2,

    /// <summary>The image is not a PNG (a JPEG, a PDF, random bytes…).</summary>
    NotPng = 3,

    /// <summary>The PNG's structure is broken: bad chunk lengths or checksums, header not first, no image data or no end chunk.</summary>
    Corrupt = 4,

    /// <summary>Bytes follow the PNG end chunk, as in polyglot files (a PNG with a ZIP appended).</summary>
    TrailingData = 5,

    /// <summary>The image's pixel size is outside the allowed range for the signature pad.</summary>
    WrongSize = 6,

    /// <summary>The image came without the stroke data.</summary>
    StrokesMissing = 7,

    /// <summary>The stroke data is not signature_pad's toData() JSON.</summary>
    StrokesInvalid = 8,

    /// <summary>The stroke data is absurdly large (bytes, points or strokes).</summary>
    StrokesTooLarge = 9,

    /// <summary>Too few points, too small or too flat, or too short a pen path to be a signature (a dot, a dash, a scribble).</summary>
    Trivial = 10,
}
