using System.Buffers.Binary;

namespace PartyCardIntake.Infrastructure.Media;

/// <summary>
/// Walks the chunks of a PNG (ISO/IEC 15948) without inflating the pixels, checks lengths, order
/// and CRCs, and rebuilds the file from the chunks that affect how it looks. Text, time, EXIF,
/// ICC and animation chunks, and anything after IEND, are left behind.
/// </summary>
internal static class PngStructure
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Ancillary chunks worth keeping: transparency and colour interpretation, nothing about who or when.</summary>
    private static readonly HashSet<string> KeptAncillary = ["tRNS", "gAMA", "cHRM", "sRGB", "sBIT", "pHYs"];

    public static bool HasPngSignature(ReadOnlySpan<byte> data) => data.StartsWith(Signature);

    public static PngWalk Walk(ReadOnlySpan<byte> data)
    {
        var kept = new List<Range>(8) { new(0, Signature.Length) };
        int width = 0, height = 0, colourType = -1;
        bool sawPalette = false, inImageData = false, imageDataEnded = false;
        var pos = Signature.Length;
        var index = 0;

        while (true)
        {
            if (data.Length - pos < 12)
            {
                return PngWalk.Fail(SignatureError.Corrupt, $"file ends at {pos} before the IEND chunk");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(data[pos..]);
            if (length > int.MaxValue || length > (uint)(data.Length - pos - 12))
            {
                return PngWalk.Fail(SignatureError.Corrupt, $"chunk at offset {pos} declares {length} bytes, beyond the file");
            }

            var typeBytes = data.Slice(pos + 4, 4);
            foreach (var b in typeBytes)
            {
                if (!char.IsAsciiLetter((char)b))
                {
                    return PngWalk.Fail(SignatureError.Corrupt, $"chunk at offset {pos} has a type that is not four letters");
                }
            }

            var type = System.Text.Encoding.ASCII.GetString(typeBytes);
            var body = data.Slice(pos + 8, (int)length);
            var end = pos + 12 + (int)length;
            var storedCrc = BinaryPrimitives.ReadUInt32BigEndian(data[(end - 4)..]);
            if (Crc32.Compute(data.Slice(pos + 4, 4 + (int)length)) != storedCrc)
            {
                return PngWalk.Fail(SignatureError.Corrupt, $"{type} chunk at offset {pos} fails its CRC");
            }

            if (index == 0 && type != "IHDR")
            {
                return PngWalk.Fail(SignatureError.Corrupt, $"first chunk is {type}, not IHDR");
            }

            if (inImageData && type != "IDAT")
            {
                inImageData = false;
                imageDataEnded = true;
            }

            var chunk = new Range(pos, end);
            switch (type)
            {
                case "IHDR":
                    if (index != 0)
                    {
                        return PngWalk.Fail(SignatureError.Corrupt, "second IHDR chunk");
                    }

                    var headerError = CheckHeader(body, out width, out height, out colourType);
                    if (headerError is not null)
                    {
                        return PngWalk.Fail(SignatureError.Corrupt, $"IHDR: {headerError}");
                    }

                    kept.Add(chunk);
                    break;

                case "PLTE":
                    if (sawPalette || inImageData || imageDataEnded || length == 0 || length % 3 != 0 || length > 768
                        || colourType is 0 or 4)
                    {
                        return PngWalk.Fail(SignatureError.Corrupt, "palette out of place or malformed");
                    }

                    sawPalette = true;
                    kept.Add(chunk);
                    break;

                case "IDAT":
                    if (imageDataEnded)
                    {
                        return PngWalk.Fail(SignatureError.Corrupt, "image data chunks are not consecutive");
                    }

                    if (colourType == 3 && !sawPalette)
                    {
                        return PngWalk.Fail(SignatureError.Corrupt, "palette image without a palette");
                    }

                    inImageData = true;
                    kept.Add(chunk);
                    break;

                case "IEND":
                    if (length != 0)
                    {
                        return PngWalk.Fail(SignatureError.Corrupt, "IEND chunk with data");
                    }

                    if (!inImageData && !imageDataEnded)
                    {
                        return PngWalk.Fail(SignatureError.Corrupt, "no image data");
                    }

                    kept.Add(chunk);
                    if (end != data.Length)
                    {
                        return PngWalk.Fail(SignatureError.TrailingData, $"{data.Length - end} bytes after the IEND chunk");
                    }

                    return PngWalk.Success(ByteRanges.Concat(data, kept), width, height);

                default:
                    // An unknown critical chunk (upper-case first letter) means decoders must give up.
                    if (char.IsAsciiLetterUpper(type[0]))
                    {
                        return PngWalk.Fail(SignatureError.Corrupt, $"unknown critical chunk {type}");
                    }

                    if (KeptAncillary.Contains(type) && !inImageData && !imageDataEnded)
                    {
                        kept.Add(chunk);
                    }

                    break;
            }

            pos = end;
            index++;
        }
    }

    private static string? CheckHeader(ReadOnlySpan<byte> body, out int width, out int height, out int colourType)
    {
        width = height = 0;
        colourType = -1;
        if (body.Length != 13)
        {
            return $"length {body.Length}";
        }

        var w = BinaryPrimitives.ReadUInt32BigEndian(body);
        var h = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
        if (w == 0 || h == 0 || w > int.MaxValue || h > int.MaxValue)
        {
            return $"size {w}x{h}";
        }

        var depth = body[8];
        colourType = body[9];
        var depthFits = colourType switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => false,
        };
        if (!depthFits)
        {
            return $"colour type {colourType} with bit depth {depth}";
        }

        if (body[10] != 0 || body[11] != 0 || body[12] > 1)
        {
            return "unknown compression, filter or interlace method";
        }

        width = (int)w;
        height = (int)h;
        return null;
    }

    /// <summary>The CRC-32 of PNG chunks (ISO 3309, reflected polynomial 0xEDB88320).</summary>
    internal static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        public static uint Compute(ReadOnlySpan<byte> bytes)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in bytes)
            {
                crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            }

            return crc ^ 0xFFFFFFFFu;
        }

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (var n = 0u; n < 256; n++)
            {
                var c = n;
                for (var k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}

/// <summary>The outcome of <see cref="PngStructure.Walk"/>.</summary>
internal sealed class PngWalk
{
    private PngWalk(byte[]? cleaned, int width, int height, SignatureError? error, string? detail)
    {
        Cleaned = cleaned;
        Width = width;
        Height = height;
        Error = error;
        Detail = detail;
    }

    public byte[]? Cleaned { get; }

    public int Width { get; }

    public int Height { get; }

    public SignatureError? Error { get; }

    public string? Detail { get; }

    public static PngWalk Success(byte[] cleaned, int width, int height) => new(cleaned, width, height, null, null);

    public static PngWalk Fail(SignatureError error, string detail) => new(null, 0, 0, error, detail);
}
