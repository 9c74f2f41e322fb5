namespace PartyCardIntake.Core.Demo;

/// <summary>
/// A grey head-and-shoulders portrait in 8×8 blocks, as a baseline JPEG in which only the block averages are coded
/// (all a mosaic needs), with a little grain so that it compresses like a photo rather than a blank frame.
/// </summary>
internal static class DemoPortrait
{
    /// <summary>Grey level of each 8×8 block: a lit background, a face, hair and shoulders, with grain.</summary>
    private static int[,] Blocks(int width, int height)
    {
        int columns = width / 8, rows = height / 8;
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

    public static byte[] Jpeg(int width, int height)
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
        Marker(0xC0, [8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0]);

        // The standard luminance table for averages (ITU T.81, K.3); the only other symbol is end-of-block.
        byte[] dcCounts = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
        byte[] dcSymbols = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        Marker(0xC4, [0x00, .. dcCounts, .. dcSymbols]);
        Marker(0xC4, [0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00]);
        Marker(0xDA, [1, 1, 0x00, 0, 63, 0]);

        var codes = CanonicalCodes(dcCounts);
        var bits = new BitWriter(output);
        var previous = 0;
        var levels = Blocks(width, height);
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
}
