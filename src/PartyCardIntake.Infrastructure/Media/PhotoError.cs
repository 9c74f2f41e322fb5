namespace PartyCardIntake.Infrastructure.Media;

/// <summary>Why a photo was refused. Values are stable: they may be logged or stored.</summary>
public enum PhotoError
{
    /// <summary>No bytes were sent.</summary>
    Empty = 1,

    /// <summary>The file is larger than <see cref="PhotoRules.MaxBytes"/>.</summary>
    TooLarge = 2,

    /// <summary>The file is not a JPEG at all (PNG, PDF, random bytes…).</summary>
    NotJpeg = 3,

    /// <summary>The file starts as a JPEG but its structure is broken (truncated, bad segment, no frame, scan or end marker).</summary>
    Corrupt = 4,

    /// <summary>Bytes follow the JPEG end marker, as in polyglot files (a JPEG with a ZIP appended).</summary>
    TrailingData = 5,

    /// <summary>A valid JPEG of a kind the card pipeline does not take (arithmetic coding, lossless, hierarchical, 12-bit, CMYK).</summary>
    Unsupported = 6,

    /// <summary>Smaller than <see cref="PhotoRules.MinWidth"/>×<see cref="PhotoRules.MinHeight"/>.</summary>
    TooSmall = 7,

    /// <summary>Declares more than <see cref="PhotoRules.MaxWidth"/>×<see cref="PhotoRules.MaxHeight"/> pixels.</summary>
    DimensionsTooLarge = 8,

    /// <summary>Not a 3:4 portrait within the tolerance.</summary>
    WrongAspect = 9,

    /// <summary>The pixels are stored turned or mirrored and rely on an EXIF orientation tag, which is removed.</summary>
    Rotated = 10,

    /// <summary>Too little image data for a real portrait (below <see cref="PhotoRules.MinBytes"/>): a blank or uniform frame.</summary>
    Blank = 11,
}
