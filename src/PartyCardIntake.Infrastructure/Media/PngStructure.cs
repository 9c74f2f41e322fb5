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
        var imageData = new List<Range>(4);
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
                    imageData.Add(new Range(pos + 8, pos + 8 + (int)length));
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

                    var header = data.Slice(Signature.Length + 8, 13);
                    return PngWalk.Success(ByteRanges.Concat(data, kept), width, height, new PngPixels(header[8], header[9], header[12] == 1, imageData));

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

    /// <summary>
    /// Inflates the image data into nothing, stopping one byte past the size the header implies. A
    /// small file whose data unpacks to far more (a decompression bomb) or to less (cut short) is
    /// refused without ever holding the pixels in memory.
    /// </summary>
    public static string? CheckImageData(ReadOnlySpan<byte> data, PngWalk walk)
    {
        ArgumentNullException.ThrowIfNull(walk);
        if (walk.Pixels is not { } pixels)
        {
            return "not a walked PNG";
        }

        var expected = pixels.RawSize(walk.Width, walk.Height);
        var compressed = new MemoryStream();
        foreach (var range in pixels.ImageData)
        {
            compressed.Write(data[range]);
        }

        compressed.Position = 0;
        long inflated = 0;

        // The unpacked bytes are only counted: one pooled buffer serves every save.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            using var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionMode.Decompress);
            int read;
            while ((read = zlib.Read(buffer, 0, (int)Math.Min(buffer.Length, expected + 1 - inflated))) > 0)
            {
                inflated += read;
                if (inflated > expected)
                {
                    return $"image data unpacks beyond the {expected} bytes its header implies";
                }
            }
        }
        catch (InvalidDataException exception)
        {
            return $"image data is not valid zlib: {exception.Message}";
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        return inflated < expected ? $"image data unpacks to {inflated} bytes, the header implies {expected}" : null;
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
}

/// <summary>The outcome of <see cref="PngStructure.Walk"/>.</summary>
internal sealed class PngWalk
{
    private PngWalk(byte[]? cleaned, int width, int height, SignatureError? error, string? detail, PngPixels? pixels = null)
    {
        Pixels = pixels;
        Cleaned = cleaned;
        Width = width;
        Height = height;
        Error = error;
        Detail = detail;
    }

    public byte[]? Cleaned { get; }

    public PngPixels? Pixels { get; }

    public int Width { get; }

    public int Height { get; }

    public SignatureError? Error { get; }

    public string? Detail { get; }

    public static PngWalk Success(byte[] cleaned, int width, int height, PngPixels pixels) => new(cleaned, width, height, null, null, pixels);

    public static PngWalk Fail(SignatureError error, string detail) => new(null, 0, 0, error, detail);
}

/// <summary>How a PNG's pixels are laid out, and where its compressed image data lies in the file.</summary>
internal sealed record PngPixels(byte BitDepth, byte ColourType, bool Interlaced, IReadOnlyList<Range> ImageData)
{
    // Adam7 passes: first column, first row, column step, row step.
    private static readonly (int X, int Y, int Dx, int Dy)[] Passes =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    private int BitsPerPixel => BitDepth * ColourType switch { 2 => 3, 4 => 2, 6 => 4, _ => 1 };

    /// <summary>Bytes of filtered scanlines the image data must inflate to: one filter byte per row, then the row.</summary>
    public long RawSize(int width, int height)
    {
        if (!Interlaced)
        {
            return Rows(width, height);
        }

        long total = 0;
        foreach (var (x, y, dx, dy) in Passes)
        {
            long passWidth = (width - x + dx - 1) / dx;
            long passHeight = (height - y + dy - 1) / dy;
            if (passWidth > 0 && passHeight > 0)
            {
                total += Rows(passWidth, passHeight);
            }
        }

        return total;
    }

    private long Rows(long width, long height) => height * (1 + ((width * BitsPerPixel) + 7) / 8);
}
