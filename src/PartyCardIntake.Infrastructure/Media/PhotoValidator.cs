using System.Security.Cryptography;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.IO;

namespace PartyCardIntake.Infrastructure.Media;

/// <summary>
/// Checks a captured portrait on the server, whatever the browser claims, and returns it without
/// metadata. The browser already crops and scales; this is the gate for anything that skipped it.
/// </summary>
public static class PhotoValidator
{
    public static PhotoCheck Validate(byte[] data, PhotoRules rules)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Validate(data.AsSpan(), rules);
    }

    public static PhotoCheck Validate(ReadOnlySpan<byte> data, PhotoRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);

        if (data.IsEmpty)
        {
            return PhotoCheck.Invalid(PhotoError.Empty, "no bytes");
        }

        if (data.Length > rules.MaxBytes)
        {
            return PhotoCheck.Invalid(PhotoError.TooLarge, $"{data.Length} bytes, at most {rules.MaxBytes} allowed");
        }

        if (!JpegStructure.HasJpegSignature(data))
        {
            return PhotoCheck.Invalid(PhotoError.NotJpeg, "no JPEG start-of-image marker");
        }

        var walk = JpegStructure.Walk(data);
        if (walk.Cleaned is null)
        {
            return PhotoCheck.Invalid(walk.Error.GetValueOrDefault(PhotoError.Corrupt), walk.Detail ?? "unreadable");
        }

        // A second, independent parser must read the same frame from what will be stored.
        if (!TryReadDimensions(walk.Cleaned, out var width, out var height))
        {
            return PhotoCheck.Invalid(PhotoError.Corrupt, "the frame header cannot be read back from the cleaned file");
        }

        if (width != walk.Frame.Width || height != walk.Frame.Height)
        {
            return PhotoCheck.Invalid(PhotoError.Corrupt, $"frame read as {walk.Frame.Width}x{walk.Frame.Height} and as {width}x{height}");
        }

        // Checked before the dimensions: a sideways file that would be upright on screen should be
        // reported as turned, not as the wrong shape.
        if (walk.Exif is { } exif && ReadOrientation(data[exif]) is { } orientation and >= 2 and <= 8)
        {
            return PhotoCheck.Invalid(PhotoError.Rotated, $"EXIF orientation {orientation}", width, height);
        }

        if (width > rules.MaxWidth || height > rules.MaxHeight)
        {
            return PhotoCheck.Invalid(PhotoError.DimensionsTooLarge, $"{width}x{height}, at most {rules.MaxWidth}x{rules.MaxHeight}", width, height);
        }

        if (width < rules.MinWidth || height < rules.MinHeight)
        {
            return PhotoCheck.Invalid(PhotoError.TooSmall, $"{width}x{height}, at least {rules.MinWidth}x{rules.MinHeight}", width, height);
        }

        // |w/h - aw/ah| / (aw/ah), kept in integers until the last step.
        var deviation = Math.Abs(((long)width * rules.AspectHeight) - ((long)height * rules.AspectWidth))
            / (double)((long)height * rules.AspectWidth);
        if (deviation > rules.AspectTolerance)
        {
            return PhotoCheck.Invalid(PhotoError.WrongAspect, $"{width}x{height} is not {rules.AspectWidth}:{rules.AspectHeight}", width, height);
        }

        if (walk.Cleaned.Length < rules.MinBytes)
        {
            return PhotoCheck.Invalid(PhotoError.Blank, $"{walk.Cleaned.Length} bytes of image data, at least {rules.MinBytes} expected", width, height);
        }

        return PhotoCheck.Valid(walk.Cleaned, width, height, Convert.ToHexStringLower(SHA256.HashData(walk.Cleaned)));
    }

    private static bool TryReadDimensions(byte[] jpeg, out int width, out int height)
    {
        width = height = 0;
        try
        {
            using var stream = new MemoryStream(jpeg, writable: false);
            var directory = JpegMetadataReader.ReadMetadata(stream, [new JpegReader()]).OfType<JpegDirectory>().FirstOrDefault();
            return directory is not null
                && directory.TryGetInt32(JpegDirectory.TagImageWidth, out width)
                && directory.TryGetInt32(JpegDirectory.TagImageHeight, out height);
        }
        catch (Exception e) when (e is ImageProcessingException or MetadataException or IOException)
        {
            return false;
        }
    }

    /// <summary>The EXIF orientation (1–8), or null when absent or unreadable: the EXIF is dropped either way.</summary>
    private static int? ReadOrientation(ReadOnlySpan<byte> tiff)
    {
        try
        {
            var directories = new ExifReader().Extract(new ByteArrayReader(tiff.ToArray()));
            var ifd0 = directories.OfType<ExifIfd0Directory>().FirstOrDefault();
            return ifd0 is not null && ifd0.TryGetInt32(ExifDirectoryBase.TagOrientation, out var value) ? value : null;
        }
        catch (Exception e) when (e is ImageProcessingException or MetadataException or IOException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }
}
