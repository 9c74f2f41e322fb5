using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace PartyCardIntake.Core.Demo;

/// <summary>
/// One synthetic photo and signature for every demo record: a 600×800 grey portrait in 8×8 blocks (a
/// baseline JPEG with only the block averages coded, which is all a mosaic needs) and a handwritten-looking
/// name drawn on a 600×200 pad, with the pen strokes in signature_pad's shape. Made once, in memory, and
/// shared: the demo needs records that pass the desk's checks, not distinct faces.
/// </summary>
public sealed class DemoCapture
{
    public const int PhotoWidth = 600;
    public const int PhotoHeight = 800;
    public const int PadWidth = 600;
    public const int PadHeight = 200;

    private static readonly Lazy<DemoCapture> Shared = new(() => new DemoCapture());

    private DemoCapture()
    {
        Photo = Portrait();
        var strokes = Strokes();
        SignatureStrokes = StrokesJson(strokes);
        Signature = SignaturePng(strokes);
        PhotoSha256 = Convert.ToHexStringLower(SHA256.HashData(Photo));
        SignatureSha256 = Convert.ToHexStringLower(SHA256.HashData(Signature));
    }

    public static DemoCapture Instance => Shared.Value;

    public byte[] Photo { get; }

    public string PhotoSha256 { get; }

    public byte[] Signature { get; }

    public string SignatureStrokes { get; }

    public string SignatureSha256 { get; }

    // ---- Photo -------------------------------------------------------------------------------------

    /// <summary>Grey level of each 8×8 block: a lit background, a face, hair and shoulders, with grain.</summary>
    private static int[,] Blocks()
    {
        const int columns = PhotoWidth / 8, rows = PhotoHeight / 8;
        var random = new Random(7);
        var levels = new int[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                double x = (c + 0.5) / columns, y = (r + 0.5) / rows;
                var level = 200 - (y * 40);
                if (Inside(x, y, 0.5, 1.05, 0.45, 0.33))
                {
                    level = 55;
                }
                else if (Inside(x, y, 0.5, 0.27, 0.22, 0.1) && y < 0.3)
                {
                    level = 40;
                }
                else if (Inside(x, y, 0.5, 0.41, 0.21, 0.21))
                {
                    level = 165 - (Math.Abs(x - 0.5) * 120);
                }

                levels[r, c] = Math.Clamp((int)level + random.Next(-9, 10), 0, 255);
            }
        }

        return levels;
    }

    private static bool Inside(double x, double y, double cx, double cy, double rx, double ry) =>
        (((x - cx) / rx) * ((x - cx) / rx)) + (((y - cy) / ry) * ((y - cy) / ry)) <= 1;

    private static byte[] Portrait()
    {
        var output = new MemoryStream();
        void Marker(byte code, ReadOnlySpan<byte> body)
        {
            output.WriteByte(0xFF);
            output.WriteByte(code);
            output.WriteByte((byte)((body.Length + 2) >> 8));
            output.WriteByte((byte)(body.Length + 2));
            output.Write(body);
        }

        output.Write([0xFF, 0xD8]);
        Marker(0xE0, [(byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);

        // Quantisation: 8 for the block average, so that a coded value is the grey level minus 128.
        var quant = new byte[65];
        Array.Fill(quant, (byte)1);
        quant[0] = 0;
        quant[1] = 8;
        Marker(0xDB, quant);
        Marker(0xC0, [8, PhotoHeight >> 8, PhotoHeight & 0xFF, PhotoWidth >> 8, PhotoWidth & 0xFF, 1, 1, 0x11, 0]);

        // The standard luminance table for averages (ITU T.81, K.3); the only other symbol is end-of-block.
        byte[] dcCounts = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
        byte[] dcSymbols = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        Marker(0xC4, [0x00, .. dcCounts, .. dcSymbols]);
        Marker(0xC4, [0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00]);
        Marker(0xDA, [1, 1, 0x00, 0, 63, 0]);

        var codes = CanonicalCodes(dcCounts);
        var bits = new BitWriter(output);
        var previous = 0;
        var levels = Blocks();
        for (var r = 0; r < levels.GetLength(0); r++)
        {
            for (var c = 0; c < levels.GetLength(1); c++)
            {
                var value = levels[r, c] - 128;
                var diff = value - previous;
                previous = value;
                var category = diff == 0 ? 0 : 32 - int.LeadingZeroCount(Math.Abs(diff));
                var (code, length) = codes[category];
                bits.Write(code, length);
                if (category > 0)
                {
                    bits.Write(diff > 0 ? diff : diff + (1 << category) - 1, category);
                }

                bits.Write(0, 1);
            }
        }

        bits.Flush();
        output.Write([0xFF, 0xD9]);
        return output.ToArray();
    }

    /// <summary>Huffman codes from the count of codes of each length, as T.81 Annex C builds them.</summary>
    private static (int Code, int Length)[] CanonicalCodes(byte[] counts)
    {
        var codes = new List<(int, int)>();
        var code = 0;
        for (var length = 1; length <= counts.Length; length++)
        {
            for (var i = 0; i < counts[length - 1]; i++)
            {
                codes.Add((code++, length));
            }

            code <<= 1;
        }

        return [.. codes];
    }

    private sealed class BitWriter(Stream output)
    {
        private int _buffer;
        private int _count;

        public void Write(int value, int length)
        {
            for (var i = length - 1; i >= 0; i--)
            {
                _buffer = (_buffer << 1) | ((value >> i) & 1);
                if (++_count == 8)
                {
                    Emit();
                }
            }
        }

        /// <summary>The last byte is padded with ones, as the standard asks.</summary>
        public void Flush()
        {
            while (_count != 0)
            {
                Write(1, 1);
            }
        }

        private void Emit()
        {
            output.WriteByte((byte)_buffer);
            if (_buffer == 0xFF)
            {
                output.WriteByte(0);
            }

            _buffer = 0;
            _count = 0;
        }
    }

    // ---- Signature ---------------------------------------------------------------------------------

    /// <summary>A capital, a cursive body and an underline, with points 6 px apart as the pad records them.</summary>
    private static List<List<(double X, double Y)>> Strokes()
    {
        var capital = Path(t => (70 + (30 * Math.Sin(t * Math.PI)), 150 - (100 * t)), 0, 1);
        var body = Path(t => (110 + (380 * t), 115 - (28 * Math.Sin(t * 9 * Math.PI)) - (10 * t)), 0, 1);
        var underline = Path(t => (90 + (430 * t), 170 - (8 * t)), 0, 1);
        return [capital, body, underline];
    }

    private static List<(double X, double Y)> Path(Func<double, (double X, double Y)> curve, double from, double to)
    {
        var points = new List<(double X, double Y)> { curve(from) };
        for (var t = from; t <= to; t += 0.001)
        {
            var p = curve(t);
            var last = points[^1];
            if (Math.Sqrt(((p.X - last.X) * (p.X - last.X)) + ((p.Y - last.Y) * (p.Y - last.Y))) >= 6)
            {
                points.Add((Math.Round(p.X, 1), Math.Round(p.Y, 1)));
            }
        }

        return points;
    }

    private static string StrokesJson(List<List<(double X, double Y)>> strokes)
    {
        var json = new StringBuilder("[");
        var time = 1_755_000_000_000L;
        for (var s = 0; s < strokes.Count; s++)
        {
            json.Append(s == 0 ? string.Empty : ",")
                .Append("{\"penColor\":\"black\",\"dotSize\":0,\"minWidth\":0.5,\"maxWidth\":2.5,\"velocityFilterWeight\":0.7,\"compositeOperation\":\"source-over\",\"points\":[");
            for (var i = 0; i < strokes[s].Count; i++)
            {
                time += 16;
                var (x, y) = strokes[s][i];
                json.Append(i == 0 ? string.Empty : ",")
                    .Append(CultureInfo.InvariantCulture, $"{{\"x\":{x},\"y\":{y},\"time\":{time},\"pressure\":0.5}}");
            }

            json.Append("]}");
            time += 300;
        }

        return json.Append(']').ToString();
    }

    /// <summary>The strokes as 3 px black lines on a transparent RGBA canvas.</summary>
    private static byte[] SignaturePng(List<List<(double X, double Y)>> strokes)
    {
        const int stride = (PadWidth * 4) + 1;
        var pixels = new byte[stride * PadHeight];
        foreach (var stroke in strokes)
        {
            for (var i = 1; i < stroke.Count; i++)
            {
                var (x0, y0) = stroke[i - 1];
                var (x1, y1) = stroke[i];
                var steps = (int)Math.Ceiling(Math.Max(Math.Abs(x1 - x0), Math.Abs(y1 - y0))) + 1;
                for (var k = 0; k <= steps; k++)
                {
                    var x = (int)Math.Round(x0 + ((x1 - x0) * k / steps));
                    var y = (int)Math.Round(y0 + ((y1 - y0) * k / steps));
                    for (var dy = -1; dy <= 1; dy++)
                    {
                        for (var dx = -1; dx <= 1; dx++)
                        {
                            if (x + dx is >= 0 and < PadWidth && y + dy is >= 0 and < PadHeight)
                            {
                                pixels[((y + dy) * stride) + 1 + ((x + dx) * 4) + 3] = 255;
                            }
                        }
                    }
                }
            }
        }

        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(pixels);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, PadWidth);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), PadHeight);
        header[8] = 8;
        header[9] = 6;

        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] body)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, body.Length);
        png.Write(number);
        var typeAndBody = new byte[4 + body.Length];
        Encoding.ASCII.GetBytes(type, typeAndBody);
        body.CopyTo(typeAndBody, 4);
        png.Write(typeAndBody);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc(typeAndBody));
        png.Write(number);
    }

    private static uint Crc(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
