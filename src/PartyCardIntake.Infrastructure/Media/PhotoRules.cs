namespace PartyCardIntake.Infrastructure.Media;

/// <summary>
/// What a member's portrait must satisfy (section "Media:Photo"). The defaults follow the card
/// production requirements: a 3:4 portrait of at least 600×800 pixels.
/// </summary>
public sealed record PhotoRules
{
    public const string Section = "Media:Photo";

    public static PhotoRules Default { get; } = new();

    public int MinWidth { get; init; } = 600;

    public int MinHeight { get; init; } = 800;

    /// <summary>
    /// Upper bound on declared dimensions: a few kilobytes of JPEG can declare a frame that takes
    /// gigabytes to decode, and every later viewer of the photo would pay for it.
    /// </summary>
    public int MaxWidth { get; init; } = 6000;

    public int MaxHeight { get; init; } = 8000;

    public int AspectWidth { get; init; } = 3;

    public int AspectHeight { get; init; } = 4;

    /// <summary>Allowed relative deviation from the aspect ratio (0.01 = 1%), for encoders that round a pixel.</summary>
    public double AspectTolerance { get; init; } = 0.01;

    public int MaxBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>
    /// Floor for the cleaned file: a real 600×800 portrait is tens of kilobytes, while a blank or
    /// uniform frame compresses to a few. It is a cheap sanity floor, not a full blank detector.
    /// </summary>
    public int MinBytes { get; init; } = 5 * 1024;
}
