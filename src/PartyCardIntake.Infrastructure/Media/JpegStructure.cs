using System.Buffers.Binary;

namespace PartyCardIntake.Infrastructure.Media;

/// <summary>
/// Walks the marker segments of a JPEG (ITU T.81) without decoding pixels, checks that the
/// structure holds together, and rebuilds the file from the segments a decoder needs. Everything
/// else (EXIF, XMP, ICC, Photoshop/IPTC, comments, bytes after EOI) is left behind, so nothing the
/// capturing device wrote about place, time or person reaches storage.
/// </summary>
internal static class JpegStructure
{
    private const byte Soi = 0xD8;
    private const byte Eoi = 0xD9;
    private const byte Sos = 0xDA;
    private const byte Dqt = 0xDB;
    private const byte Dht = 0xC4;
    private const byte Dri = 0xDD;
    private const byte App0 = 0xE0;
    private const byte App1 = 0xE1;
    private const byte App14 = 0xEE;
    private const byte Com = 0xFE;

    public static bool HasJpegSignature(ReadOnlySpan<byte> data) =>
        data.Length >= 3 && data[0] == 0xFF && data[1] == Soi && data[2] == 0xFF;

    /// <summary>Walks <paramref name="data"/>, which must start with <see cref="HasJpegSignature"/>.</summary>
    public static JpegWalk Walk(ReadOnlySpan<byte> data)
    {
        var kept = new List<Range>(16) { new(0, 2) };
        Frame? frame = null;
        Range? exif = null;
        var sawQuantTable = false;
        var sawJfif = false;
        var scans = 0;
        var pos = 2;

        while (true)
        {
            if (pos >= data.Length)
            {
                return JpegWalk.Fail(PhotoError.Corrupt, $"file ends at {pos} before the end-of-image marker");
            }

            if (data[pos] != 0xFF)
            {
                return JpegWalk.Fail(PhotoError.Corrupt, $"expected a marker at offset {pos}");
            }

            // Any number of 0xFF fill bytes may precede a marker; they carry nothing and are not kept.
            while (pos < data.Length && data[pos] == 0xFF)
            {
                pos++;
            }

            if (pos >= data.Length)
            {
                return JpegWalk.Fail(PhotoError.Corrupt, "file ends inside a marker");
            }

            var marker = data[pos];
            var segmentStart = pos - 1;
            pos++;

            if (marker == Eoi)
            {
                if (scans == 0)
                {
                    return JpegWalk.Fail(PhotoError.Corrupt, "end-of-image before any scan");
                }

                kept.Add(new Range(segmentStart, pos));
                if (pos != data.Length)
                {
                    return JpegWalk.Fail(PhotoError.TrailingData, $"{data.Length - pos} bytes after the end-of-image marker");
                }

                return JpegWalk.Success(ByteRanges.Concat(data, kept), frame.GetValueOrDefault(), exif);
            }

            if (marker == 0x00 || marker == Soi || marker == 0x01 || marker is >= 0xD0 and <= 0xD7)
            {
                return JpegWalk.Fail(PhotoError.Corrupt, $"marker FF{marker:X2} out of place at offset {segmentStart}");
            }

            if (pos + 2 > data.Length)
            {
                return JpegWalk.Fail(PhotoError.Corrupt, $"segment FF{marker:X2} at offset {segmentStart} is cut off");
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (length < 2 || pos + length > data.Length)
            {
                return JpegWalk.Fail(PhotoError.Corrupt, $"segment FF{marker:X2} at offset {segmentStart} has length {length}, beyond the file");
            }

            var payload = data.Slice(pos + 2, length - 2);
            var segmentEnd = pos + length;
            var segment = new Range(segmentStart, segmentEnd);

            switch (marker)
            {
                case App0:
                    // Only the first JFIF header is kept, and only without a thumbnail: an embedded
                    // thumbnail (or a JFXX extension) is a second picture that could differ from the first.
                    // Decoders do not need JFIF, so dropping one with a thumbnail loses nothing.
                    if (!sawJfif && payload.Length == 14 && payload.StartsWith("JFIF\0"u8) && payload[12] == 0 && payload[13] == 0)
                    {
                        sawJfif = true;
                        kept.Add(segment);
                    }

                    break;

                case App14 when payload.Length == 12 && payload.StartsWith("Adobe"u8):
                    // The Adobe segment holds no personal data but tells decoders whether the
                    // components are YCbCr or RGB; dropping it could change the colours.
                    kept.Add(segment);
                    break;

                case >= App1 and <= 0xEF:
                    if (marker == App1 && exif is null && payload.StartsWith("Exif\0\0"u8))
                    {
                        exif = new Range(pos + 2 + 6, segmentEnd);
                    }

                    break;

                case Com:
                    break;

                case Dqt:
                    if (!QuantTablesFit(payload))
                    {
                        return JpegWalk.Fail(PhotoError.Corrupt, $"quantisation tables at offset {segmentStart} do not fit their segment");
                    }

                    sawQuantTable = true;
                    kept.Add(segment);
                    break;

                case Dht:
                    if (!HuffmanTablesFit(payload))
                    {
                        return JpegWalk.Fail(PhotoError.Corrupt, $"Huffman tables at offset {segmentStart} do not fit their segment");
                    }

                    kept.Add(segment);
                    break;

                case Dri:
                    if (payload.Length != 2)
                    {
                        return JpegWalk.Fail(PhotoError.Corrupt, $"restart interval at offset {segmentStart} has length {length}");
                    }

                    kept.Add(segment);
                    break;

                case 0xC0 or 0xC1 or 0xC2:
                    if (frame is not null)
                    {
                        return JpegWalk.Fail(PhotoError.Corrupt, $"second frame header at offset {segmentStart}");
                    }

                    var (parsed, frameError, frameDetail) = ParseFrame(payload);
                    if (frameError is not null)
                    {
                        return JpegWalk.Fail(frameError.Value, $"frame header at offset {segmentStart}: {frameDetail}");
                    }

                    frame = parsed;
                    kept.Add(segment);
                    break;

                case 0xC3 or (>= 0xC5 and <= 0xCF) or 0xDC or 0xDE or 0xDF or (>= 0xF0 and <= 0xFD):
                    // Lossless, hierarchical, arithmetic-coded, DNL-sized and JPEG extension files are
                    // valid but rare, and browsers or card printers may not decode them.
                    return JpegWalk.Fail(PhotoError.Unsupported, $"marker FF{marker:X2} ({Describe(marker)})");

                case Sos:
                    if (frame is null)
                    {
                        return JpegWalk.Fail(PhotoError.Corrupt, $"scan at offset {segmentStart} before any frame header");
                    }

                    if (!sawQuantTable)
                    {
                        return JpegWalk.Fail(PhotoError.Corrupt, "scan without a quantisation table");
                    }

                    if (!ScanHeaderFits(payload, frame.Value))
                    {
                        return JpegWalk.Fail(PhotoError.Corrupt, $"scan header at offset {segmentStart} is malformed");
                    }

                    var scanEnd = FindEndOfEntropyCodedData(data, segmentEnd);
                    if (scanEnd < 0)
                    {
                        return JpegWalk.Fail(PhotoError.Corrupt, $"file ends inside the scan that starts at offset {segmentStart}");
                    }

                    scans++;
                    kept.Add(new Range(segmentStart, scanEnd));
                    pos = scanEnd;
                    continue;

                default:
                    return JpegWalk.Fail(PhotoError.Corrupt, $"reserved marker FF{marker:X2} at offset {segmentStart}");
            }

            pos = segmentEnd;
        }
    }

    /// <summary>
    /// Returns the offset of the marker that ends the entropy-coded data starting at
    /// <paramref name="start"/>, or -1 when the file ends first. Inside the data 0xFF is followed by a
    /// stuffed 0x00 or by a restart marker; anything else is the next marker. Fill bytes are handled
    /// as libjpeg does: FF FF … 00 is still one data byte.
    /// </summary>
    private static int FindEndOfEntropyCodedData(ReadOnlySpan<byte> data, int start)
    {
        var i = start;
        while (true)
        {
            var next = data[i..].IndexOf((byte)0xFF);
            if (next < 0)
            {
                return -1;
            }

            var ff = i + next;
            var k = ff + 1;
            while (k < data.Length && data[k] == 0xFF)
            {
                k++;
            }

            if (k >= data.Length)
            {
                return -1;
            }

            if (data[k] == 0x00 || data[k] is >= 0xD0 and <= 0xD7)
            {
                i = k + 1;
                continue;
            }

            return ff;
        }
    }

    private static (Frame Frame, PhotoError? Error, string? Detail) ParseFrame(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 6)
        {
            return (default, PhotoError.Corrupt, "too short");
        }

        var precision = payload[0];
        var height = BinaryPrimitives.ReadUInt16BigEndian(payload[1..]);
        var width = BinaryPrimitives.ReadUInt16BigEndian(payload[3..]);
        var components = payload[5];
        if (components == 0 || payload.Length != 6 + (3 * components))
        {
            return (default, PhotoError.Corrupt, $"{components} components in {payload.Length} bytes");
        }

        var frame = new Frame(width, height, precision, components, payload.Slice(6).ToArray());
        for (var c = 0; c < components; c++)
        {
            var sampling = payload[6 + (3 * c) + 1];
            var h = sampling >> 4;
            var v = sampling & 0x0F;
            if (h is < 1 or > 4 || v is < 1 or > 4 || payload[6 + (3 * c) + 2] > 3)
            {
                return (default, PhotoError.Corrupt, $"component {c} has sampling {h}x{v} or a bad table number");
            }
        }

        if (width == 0)
        {
            return (default, PhotoError.Corrupt, "width 0");
        }

        if (height == 0)
        {
            return (default, PhotoError.Unsupported, "height defined later by a DNL marker");
        }

        if (precision != 8)
        {
            return (default, PhotoError.Unsupported, $"{precision}-bit samples");
        }

        if (components != 1 && components != 3)
        {
            return (default, PhotoError.Unsupported, $"{components} colour components (CMYK or similar)");
        }

        return (frame, null, null);
    }

    private static bool ScanHeaderFits(ReadOnlySpan<byte> payload, Frame frame)
    {
        if (payload.Length < 1)
        {
            return false;
        }

        var count = payload[0];
        if (count is < 1 or > 4 || payload.Length != 1 + (2 * count) + 3)
        {
            return false;
        }

        for (var c = 0; c < count; c++)
        {
            if (!frame.HasComponent(payload[1 + (2 * c)]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool QuantTablesFit(ReadOnlySpan<byte> payload)
    {
        var i = 0;
        while (i < payload.Length)
        {
            var precision = payload[i] >> 4;
            var id = payload[i] & 0x0F;
            if (precision > 1 || id > 3)
            {
                return false;
            }

            i += 1 + (precision == 0 ? 64 : 128);
        }

        return i == payload.Length && payload.Length > 0;
    }

    private static bool HuffmanTablesFit(ReadOnlySpan<byte> payload)
    {
        var i = 0;
        while (i < payload.Length)
        {
            var tableClass = payload[i] >> 4;
            var id = payload[i] & 0x0F;
            if (tableClass > 1 || id > 3 || i + 17 > payload.Length)
            {
                return false;
            }

            var symbols = 0;
            foreach (var count in payload.Slice(i + 1, 16))
            {
                symbols += count;
            }

            if (symbols > 256)
            {
                return false;
            }

            i += 17 + symbols;
        }

        return i == payload.Length && payload.Length > 0;
    }

    private static string Describe(byte marker) => marker switch
    {
        0xC3 or 0xC7 or 0xCB or 0xCF => "lossless",
        0xC5 or 0xC6 or 0xCD or 0xCE or 0xDE or 0xDF => "hierarchical",
        0xC9 or 0xCA or 0xCC => "arithmetic coding",
        0xDC => "height defined by DNL",
        _ => "JPEG extension",
    };

    internal readonly record struct Frame(int Width, int Height, int Precision, int Components, byte[] ComponentSpecs)
    {
        public bool HasComponent(byte id)
        {
            for (var c = 0; c < Components; c++)
            {
                if (ComponentSpecs[3 * c] == id)
                {
                    return true;
                }
            }

            return false;
        }
    }
}

/// <summary>The outcome of <see cref="JpegStructure.Walk"/>.</summary>
internal sealed class JpegWalk
{
    private JpegWalk(byte[]? cleaned, JpegStructure.Frame frame, Range? exif, PhotoError? error, string? detail)
    {
        Cleaned = cleaned;
        Frame = frame;
        Exif = exif;
        Error = error;
        Detail = detail;
    }

    /// <summary>SOI, JFIF, Adobe, tables, frame, scans and EOI, in their original order.</summary>
    public byte[]? Cleaned { get; }

    public JpegStructure.Frame Frame { get; }

    /// <summary>Where the TIFF structure of the first EXIF segment lies in the input, if there was one.</summary>
    public Range? Exif { get; }

    public PhotoError? Error { get; }

    public string? Detail { get; }

    public static JpegWalk Success(byte[] cleaned, JpegStructure.Frame frame, Range? exif) => new(cleaned, frame, exif, null, null);

    public static JpegWalk Fail(PhotoError error, string detail) => new(null, default, null, error, detail);
}
