namespace PartyCardIntake.Infrastructure.Media;

/// <summary>
/// What a signature must satisfy (section "Media:Signature").
/// </summary>
/// <remarks>
/// The stroke thresholds are in the CSS pixels signature_pad records. On the desk's ~600×200
/// canvas a written name spans roughly 150–500 px across and 30–150 px high, with several hundred
/// to a few thousand pixels of ink in 50–600 points (signature_pad keeps points at least 5 px and
/// 16 ms apart by default); the same name written at 40% of that size, as on a phone, is still
/// about 160×45 px with 500 px of ink. The minimums below sit well under both and still refuse a
/// dot (one point), a dash or a straight stroke (no height), and a scribble inside a small square.
/// </remarks>
public sealed record SignatureRules
{
    public const string Section = "Media:Signature";

    public static SignatureRules Default { get; } = new();

    public int MaxBytes { get; init; } = 512 * 1024;

    /// <summary>
    /// The PNG's pixel size: the canvas size times the device pixel ratio. Outside these bounds it
    /// is not the desk's pad, and the upper bound keeps decoding cheap for every later viewer.
    /// </summary>
    public int MinWidth { get; init; } = 200;

    public int MinHeight { get; init; } = 200;

    public int MaxWidth { get; init; } = 4000;

    public int MaxHeight { get; init; } = 4000;

    /// <summary>UTF-8 size limit of the stroke JSON; a long signature is about 50 KB.</summary>
    public int MaxStrokesJsonBytes { get; init; } = 1_000_000;

    public int MaxPoints { get; init; } = 20_000;

    /// <summary>Pen lifts plus one; a signature has a handful, a long name a few dozen.</summary>
    public int MaxStrokes { get; init; } = 1_000;

    /// <summary>Points over all strokes.</summary>
    public int MinPoints { get; init; } = 10;

    /// <summary>The longer side of the box around all points, in CSS pixels.</summary>
    public double MinExtent { get; init; } = 40;

    /// <summary>The shorter side of that box: a straight line or dash has next to none.</summary>
    public double MinBreadth { get; init; } = 10;

    /// <summary>Length of the pen's path summed over all strokes, in CSS pixels.</summary>
    public double MinInkLength { get; init; } = 100;
}
