using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace PartyCardIntake.Core.Demo;

/// <summary>A handwritten-looking name: pen strokes in signature_pad 5's <c>toData()</c> shape and the PNG the pad would draw.</summary>
internal static class DemoSignature
{
    /// <summary>A capital, a cursive body and an underline, with points 6 px apart as the pad records them.</summary>
    public static List<List<(double X, double Y)>> Strokes()
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

    public static string Json(List<List<(double X, double Y)>> strokes)
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
    public static byte[] Png(List<List<(double X, double Y)>> strokes, int width, int height)
    {
        var stride = (width * 4) + 1;
        var pixels = new byte[stride * height];
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
                            if (x + dx >= 0 && x + dx < width && y + dy >= 0 && y + dy < height)
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
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
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
