using System.Globalization;
using System.Security.Cryptography;

namespace PartyCardIntake.Infrastructure.Media;

/// <summary>
/// Checks a signature from the desk's pad on the server: the PNG the pad rendered and the strokes
/// it recorded. The strokes decide whether anything worth calling a signature was drawn, since an
/// image alone cannot be told from a blank or a dot without decoding it.
/// </summary>
public static class SignatureValidator
{
    public static SignatureCheck Validate(byte[] png, string? strokesJson, SignatureRules rules)
    {
        ArgumentNullException.ThrowIfNull(png);
        ArgumentNullException.ThrowIfNull(rules);

        if (png.Length == 0)
        {
            return SignatureCheck.Invalid(SignatureError.Empty, "no image");
        }

        if (png.Length > rules.MaxBytes)
        {
            return SignatureCheck.Invalid(SignatureError.TooLarge, $"{png.Length} bytes, at most {rules.MaxBytes} allowed");
        }

        if (!PngStructure.HasPngSignature(png))
        {
            return SignatureCheck.Invalid(SignatureError.NotPng, "no PNG signature");
        }

        var walk = PngStructure.Walk(png);
        if (walk.Cleaned is null)
        {
            return SignatureCheck.Invalid(walk.Error.GetValueOrDefault(SignatureError.Corrupt), walk.Detail ?? "unreadable");
        }

        var (width, height) = (walk.Width, walk.Height);
        if (width < rules.MinWidth || height < rules.MinHeight || width > rules.MaxWidth || height > rules.MaxHeight)
        {
            return SignatureCheck.Invalid(SignatureError.WrongSize,
                $"{width}x{height}, expected {rules.MinWidth}x{rules.MinHeight} to {rules.MaxWidth}x{rules.MaxHeight}", width, height);
        }

        // Only now, with the size known to be sane, is inflating the data bounded.
        if (PngStructure.CheckImageData(png, walk) is { } pixelError)
        {
            return SignatureCheck.Invalid(SignatureError.Corrupt, pixelError, width, height);
        }

        if (string.IsNullOrWhiteSpace(strokesJson))
        {
            return SignatureCheck.Invalid(SignatureError.StrokesMissing, "no stroke data", width, height);
        }

        var strokes = SignatureStrokes.Read(strokesJson, rules);
        if (strokes.Normalised is null || strokes.Measure is null)
        {
            return SignatureCheck.Invalid(strokes.Error.GetValueOrDefault(SignatureError.StrokesInvalid), strokes.Detail ?? "unreadable", width, height);
        }

        var ink = strokes.Measure;
        if (ink.Points == 0)
        {
            return SignatureCheck.Invalid(SignatureError.Empty, "no points", width, height);
        }

        var extent = Math.Max(ink.Width, ink.Height);
        var breadth = Math.Min(ink.Width, ink.Height);
        if (ink.Points < rules.MinPoints || extent < rules.MinExtent || breadth < rules.MinBreadth || ink.InkLength < rules.MinInkLength)
        {
            return SignatureCheck.Invalid(SignatureError.Trivial, string.Create(CultureInfo.InvariantCulture,
                $"{ink.Points} points in {ink.Width:0.#}x{ink.Height:0.#} px with {ink.InkLength:0.#} px of ink; at least {rules.MinPoints} points, {rules.MinExtent}x{rules.MinBreadth} px and {rules.MinInkLength} px of ink"),
                width, height);
        }

        return SignatureCheck.Valid(walk.Cleaned, strokes.Normalised, width, height, Convert.ToHexStringLower(SHA256.HashData(walk.Cleaned)));
    }
}
