using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using PartyCardIntake.Infrastructure.Media;

namespace PartyCardIntake.UnitTests.Media;

public class SignatureValidatorTests
{
    private static readonly SignatureRules Rules = SignatureRules.Default;
    private static readonly byte[] Png = Fixture.Bytes("signature-600x200.png");
    private static readonly string Strokes = Fixture.Text("signature-600x200.json");

    /// <summary>Characters that break JSON structure or numbers when dropped into the strokes.</summary>
    private const string Damage = "{}[],:\"0-e.x";

    [Fact]
    public void Default_rules_take_a_pad_image_up_to_512_KiB_and_refuse_trivial_strokes()
    {
        Rules.Should().BeEquivalentTo(new
        {
            MaxBytes = 512 * 1024, MinWidth = 200, MinHeight = 200, MaxWidth = 4000, MaxHeight = 4000,
            MaxStrokesJsonBytes = 1_000_000, MaxPoints = 20_000, MaxStrokes = 1_000,
            MinPoints = 10, MinExtent = 40.0, MinBreadth = 10.0, MinInkLength = 100.0,
        });
    }

    [Fact]
    public void Rules_bind_from_configuration_and_keep_defaults_for_what_is_not_set()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Media:Signature:MinInkLength"] = "2000" })
            .Build();

        var rules = configuration.GetSection(SignatureRules.Section).Get<SignatureRules>()!;

        (rules.MinInkLength, rules.MinPoints).Should().Be((2000.0, 10));
        SignatureValidator.Validate(Png, Strokes, rules).Error.Should().Be(SignatureError.Trivial);
    }

    [Fact]
    public void Signature_with_real_strokes_is_accepted()
    {
        var check = SignatureValidator.Validate(Png, Strokes, Rules);

        check.IsValid.Should().BeTrue(check.ToString());
        (check.Width, check.Height).Should().Be((600, 200));
        check.Png.Should().Equal(Png);
        check.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Png)));
        check.Error.Should().BeNull();

        using var strokes = JsonDocument.Parse(check.StrokesJson!);
        strokes.RootElement.GetArrayLength().Should().Be(4);
        strokes.RootElement.EnumerateArray().Sum(g => g.GetProperty("points").GetArrayLength()).Should().Be(222);
    }

    [Fact]
    public void Normalised_strokes_keep_what_signature_pad_redraws_from()
    {
        var check = SignatureValidator.Validate(Png, Strokes, Rules);

        using var original = JsonDocument.Parse(Strokes);
        using var normalised = JsonDocument.Parse(check.StrokesJson!);
        var first = normalised.RootElement[0];
        first.GetProperty("penColor").GetString().Should().Be("black");
        first.GetProperty("minWidth").GetDouble().Should().Be(0.5);
        first.GetProperty("maxWidth").GetDouble().Should().Be(2.5);
        first.GetProperty("velocityFilterWeight").GetDouble().Should().Be(0.7);
        first.GetProperty("compositeOperation").GetString().Should().Be("source-over");
        var point = first.GetProperty("points")[3];
        var originalPoint = original.RootElement[0].GetProperty("points")[3];
        foreach (var name in new[] { "x", "y", "time", "pressure" })
        {
            point.GetProperty(name).GetDouble().Should().Be(originalPoint.GetProperty(name).GetDouble());
        }
    }

    [Fact]
    public void Unknown_stroke_properties_are_accepted_and_left_out()
    {
        var strokes = Strokes
            .Replace("\"penColor\"", "\"tool\":{\"kind\":\"stylus\",\"id\":[1,2]},\"penColor\"", StringComparison.Ordinal)
            .Replace("\"pressure\"", "\"tiltX\":12,\"pressure\"", StringComparison.Ordinal);

        var check = SignatureValidator.Validate(Png, strokes, Rules);

        check.IsValid.Should().BeTrue(check.ToString());
        check.StrokesJson.Should().NotContain("tool").And.NotContain("tiltX");
        check.StrokesJson.Should().Be(SignatureValidator.Validate(Png, Strokes, Rules).StrokesJson);
    }

    [Fact]
    public void Properties_in_another_order_give_the_same_normalised_strokes()
    {
        var groups = JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(Strokes)!;
        var reordered = JsonSerializer.Serialize(groups.Select(g => g.Reverse().ToDictionary(p => p.Key, p => p.Value)));
        reordered.Should().NotBe(Strokes);

        var check = SignatureValidator.Validate(Png, reordered, Rules);

        check.IsValid.Should().BeTrue(check.ToString());
        check.StrokesJson.Should().Be(SignatureValidator.Validate(Png, Strokes, Rules).StrokesJson);
    }

    [Fact]
    public void Normalised_strokes_pass_again_unchanged()
    {
        var once = SignatureValidator.Validate(Png, Strokes, Rules).StrokesJson;

        SignatureValidator.Validate(Png, once, Rules).StrokesJson.Should().Be(once);
    }

    [Fact]
    public void Smaller_signature_on_a_phone_sized_pad_is_accepted()
    {
        // The fixture's strokes at 40%: about 160×45 px with 500 px of ink.
        var groups = JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(Strokes)!;
        var scaled = groups.Select(g => g["points"].EnumerateArray()
            .Select(p => (p.GetProperty("x").GetDouble() * 0.4, p.GetProperty("y").GetDouble() * 0.4)).ToArray());

        var check = SignatureValidator.Validate(Png, StrokesJson(scaled.ToArray()), Rules);

        check.IsValid.Should().BeTrue(check.ToString());
    }

    [Fact]
    public void Signature_with_no_strokes_is_refused_as_empty()
    {
        SignatureValidator.Validate(Png, "[]", Rules).Error.Should().Be(SignatureError.Empty);
    }

    [Fact]
    public void Strokes_without_points_are_refused_as_empty()
    {
        SignatureValidator.Validate(Png, """[{"penColor":"black","points":[]},{"points":[]}]""", Rules)
            .Error.Should().Be(SignatureError.Empty);
    }

    [Fact]
    public void Signature_without_an_image_is_refused_as_empty()
    {
        SignatureValidator.Validate([], Strokes, Rules).Error.Should().Be(SignatureError.Empty);
    }

    [Fact]
    public void Signature_of_a_single_dot_is_refused_as_trivial()
    {
        var dot = """[{"penColor":"black","dotSize":0,"minWidth":0.5,"maxWidth":2.5,"velocityFilterWeight":0.7,"compositeOperation":"source-over","points":[{"time":1755000000000,"x":300,"y":100,"pressure":0.5}]}]""";

        SignatureValidator.Validate(Png, dot, Rules).Error.Should().Be(SignatureError.Trivial);
    }

    [Fact]
    public void Signature_of_a_ten_pixel_dash_is_refused_as_trivial()
    {
        var dash = StrokesJson([[(300, 100), (305, 100), (310, 100)]]);

        SignatureValidator.Validate(Png, dash, Rules).Error.Should().Be(SignatureError.Trivial);
    }

    [Fact]
    public void Signature_of_one_straight_stroke_is_refused_as_trivial()
    {
        var line = StrokesJson([Enumerable.Range(0, 60).Select(i => (100.0 + (5 * i), 120.0 + (i % 2))).ToArray()]);

        SignatureValidator.Validate(Png, line, Rules).Error.Should().Be(SignatureError.Trivial);
    }

    [Fact]
    public void Tiny_scribble_is_refused_as_trivial()
    {
        // Many points and plenty of ink, all inside a 25 px square.
        var scribble = StrokesJson([Enumerable.Range(0, 80)
            .Select(i => (300 + (12.5 * (1 + Math.Sin(i * 0.9))), 100 + (12.5 * (1 + Math.Cos(i * 1.3)))))
            .ToArray()]);

        SignatureValidator.Validate(Png, scribble, Rules).Error.Should().Be(SignatureError.Trivial);
    }

    [Fact]
    public void Trivial_limits_can_be_configured()
    {
        var dash = StrokesJson([[(300, 100), (305, 100), (310, 100)]]);
        var lenient = Rules with { MinPoints = 1, MinExtent = 5, MinBreadth = 0, MinInkLength = 5 };

        SignatureValidator.Validate(Png, dash, lenient).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Jpeg_sent_as_signature_is_refused_as_not_png()
    {
        SignatureValidator.Validate(Fixture.Bytes("photo-600x800.jpg"), Strokes, Rules).Error.Should().Be(SignatureError.NotPng);
    }

    [Fact]
    public void Signature_without_stroke_data_is_refused_as_strokes_missing()
    {
        SignatureValidator.Validate(Png, null, Rules).Error.Should().Be(SignatureError.StrokesMissing);
        SignatureValidator.Validate(Png, "  ", Rules).Error.Should().Be(SignatureError.StrokesMissing);
    }

    [Theory]
    [InlineData("[{\"points\":[{\"x\":1,\"y\":2}]")] // cut short
    [InlineData("strokes")]
    [InlineData("{\"points\":[]}")] // an object, not an array of strokes
    [InlineData("[1,2,3]")]
    [InlineData("[{\"penColor\":\"black\"}]")] // no points
    [InlineData("[{\"points\":{\"x\":1,\"y\":2}}]")]
    [InlineData("[{\"points\":[[1,2]]}]")]
    [InlineData("[{\"points\":[{\"x\":\"1\",\"y\":2}]}]")]
    [InlineData("[{\"points\":[{\"x\":1}]}]")]
    [InlineData("[{\"points\":[{\"x\":1,\"y\":2,\"x\":3}]}]")] // duplicate property
    [InlineData("[{\"points\":[{\"x\":1e400,\"y\":2}]}]")]
    [InlineData("[{\"points\":[{\"x\":1,\"y\":2,\"pressure\":3}]}]")]
    [InlineData("[{\"points\":[{\"x\":1,\"y\":2,\"time\":-5}]}]")]
    [InlineData("[{\"penColor\":\"red\\\"><script>alert(1)</script>\",\"points\":[{\"x\":1,\"y\":2}]}]")]
    [InlineData("[{\"maxWidth\":\"2.5\",\"points\":[{\"x\":1,\"y\":2}]}]")]
    [InlineData("[{\"compositeOperation\":\"url(x)\",\"points\":[{\"x\":1,\"y\":2}]}]")]
    [InlineData("[{\"points\":[{\"x\":1,\"y\":2}]}] // comment")]
    [InlineData("[{\"points\":[{\"x\":1,\"y\":2}],\"points\":[{\"x\":1,\"y\":2}]}]")] // points twice
    [InlineData("[{\"penColor\":\"red\",\"penColor\":\"blue\",\"points\":[{\"x\":1,\"y\":2}]}]")]
    [InlineData("[{\"points\":[{\"x\":1,\"y\":2,\"tilt\":1,\"tilt\":2}]}]")] // an unknown property twice
    [InlineData("[{\"points\":[{\"x\":1,\"y\":2}]}] [")] // content after the strokes
    [InlineData("[{\"points\":[{\"x\":1,\"y\":2}]}")] // cut short
    public void Malformed_stroke_data_is_refused_as_invalid(string strokes)
    {
        var check = SignatureValidator.Validate(Png, strokes, Rules);

        check.Error.Should().Be(SignatureError.StrokesInvalid, check.Detail);
    }

    [Fact]
    public void More_than_20000_points_are_refused_as_too_large()
    {
        // Bare points keep the JSON well under 1 MB, so the point count is what is refused.
        var points = string.Join(',', Enumerable.Range(0, 20_001).Select(i => $"{{\"x\":{i % 500},\"y\":{i % 150}}}"));
        var strokes = $"[{{\"points\":[{points}]}}]";
        Encoding.UTF8.GetByteCount(strokes).Should().BeLessThan(1_000_000);

        var check = SignatureValidator.Validate(Png, strokes, Rules);

        check.Error.Should().Be(SignatureError.StrokesTooLarge);
        check.Detail.Should().Contain("points");
    }

    [Fact]
    public void Stroke_data_over_1_MB_is_refused_as_too_large()
    {
        var strokes = "[{\"note\":\"" + new string('a', 1_000_000) + "\",\"points\":[{\"x\":1,\"y\":2}]}]";

        SignatureValidator.Validate(Png, strokes, Rules).Error.Should().Be(SignatureError.StrokesTooLarge);
    }

    [Fact]
    public void Png_with_a_zip_archive_after_iend_is_refused_as_trailing_data()
    {
        SignatureValidator.Validate(Fixture.Bytes("signature-600x200-with-zip.png"), Strokes, Rules)
            .Error.Should().Be(SignatureError.TrailingData);
    }

    [Fact]
    public void Png_text_chunks_are_not_kept()
    {
        var withText = Fixture.Bytes("signature-600x200-text.png");
        withText.AsSpan().IndexOf("tEXt"u8).Should().BePositive("the fixture must carry text chunks");

        var check = SignatureValidator.Validate(withText, Strokes, Rules);

        check.IsValid.Should().BeTrue(check.ToString());
        check.Png.Should().Equal(Png);
    }

    [Fact]
    public void Png_with_a_damaged_byte_is_refused_as_corrupt()
    {
        var damaged = (byte[])Png.Clone();
        damaged[damaged.Length / 2] ^= 0x10;

        SignatureValidator.Validate(damaged, Strokes, Rules).Error.Should().Be(SignatureError.Corrupt);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(30)]
    [InlineData(3000)]
    [InlineData(-1)]
    [InlineData(-12)] // the whole IEND chunk missing
    public void Truncated_png_is_refused_as_corrupt(int cutAt)
    {
        var length = cutAt > 0 ? cutAt : Png.Length + cutAt;

        SignatureValidator.Validate(Png[..length], Strokes, Rules).Error.Should().Be(SignatureError.Corrupt);
    }

    [Fact]
    public void Png_whose_first_chunk_is_not_the_header_is_refused_as_corrupt()
    {
        var png = BuildPng(600, 200, Chunk("tEXt", "Comment\0first"u8.ToArray()), header: false);

        SignatureValidator.Validate(png, Strokes, Rules).Error.Should().Be(SignatureError.Corrupt);
    }

    [Fact]
    public void Png_with_an_unknown_critical_chunk_is_refused_as_corrupt()
    {
        var png = BuildPng(600, 200, Chunk("ZZZZ", [1, 2, 3]));

        SignatureValidator.Validate(png, Strokes, Rules).Error.Should().Be(SignatureError.Corrupt);
    }

    [Fact]
    public void Hand_built_png_passes_so_the_refusals_above_are_about_their_damage()
    {
        SignatureValidator.Validate(BuildPng(600, 200), Strokes, Rules).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData(150, 200)]
    [InlineData(600, 150)]
    [InlineData(4001, 300)]
    [InlineData(600, 4001)]
    public void Image_outside_the_pad_size_range_is_refused_as_wrong_size(int width, int height)
    {
        var check = SignatureValidator.Validate(BuildPng(width, height), Strokes, Rules);

        check.Error.Should().Be(SignatureError.WrongSize);
        (check.Width, check.Height).Should().Be((width, height));
    }

    [Fact]
    public void Image_over_512_KiB_is_refused_as_too_large()
    {
        var huge = new byte[(512 * 1024) + 1];
        Png.CopyTo(huge, 0);

        SignatureValidator.Validate(huge, Strokes, Rules).Error.Should().Be(SignatureError.TooLarge);
    }

    [Fact]
    public void Damaged_images_and_strokes_never_throw()
    {
        var random = new Random(11);
        var text = Fixture.Bytes("signature-600x200-text.png");
        for (var round = 0; round < 3000; round++)
        {
            var png = (byte[])(round % 2 == 0 ? Png : text).Clone();
            png[random.Next(80)] = (byte)random.Next(256);
            var strokes = Strokes.ToCharArray();
            strokes[random.Next(strokes.Length)] = Damage[random.Next(Damage.Length)];

            var check = SignatureValidator.Validate(png[..random.Next(1, png.Length + 1)], new string(strokes), Rules);

            (check.IsValid || Enum.IsDefined(check.Error.GetValueOrDefault())).Should().BeTrue();
        }
    }

    [Fact]
    public void Chunk_checksum_is_the_standard_crc32()
    {
        // The CRC of an empty IEND chunk is in every PNG file: AE 42 60 82.
        PartyCardIntake.Infrastructure.Crc32.Compute("IEND"u8).Should().Be(0xAE426082u);
    }

    private static string StrokesJson(params (double X, double Y)[][] strokes)
    {
        var time = 1_755_000_000_000L;
        var groups = strokes.Select(points => new
        {
            penColor = "black", dotSize = 0, minWidth = 0.5, maxWidth = 2.5, velocityFilterWeight = 0.7,
            compositeOperation = "source-over",
            points = points.Select(p => new { time = time += 16, x = p.X, y = p.Y, pressure = 0.5 }).ToArray(),
        });
        return JsonSerializer.Serialize(groups);
    }

    private static byte[] Chunk(string type, byte[] body)
    {
        var chunk = new byte[12 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)body.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        body.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + body.Length), PartyCardIntake.Infrastructure.Crc32.Compute(chunk.AsSpan(4, 4 + body.Length)));
        return chunk;
    }

    /// <summary>A blank 8-bit grey PNG, with <paramref name="extra"/> after (or instead of leading with) the header.</summary>
    private static byte[] BuildPng(int width, int height, byte[]? extra = null, bool header = true)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)height);
        ihdr[8] = 8;
        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[1 + width];
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        var parts = new List<byte[]> { new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A } };
        if (!header && extra is not null)
        {
            parts.Add(extra);
        }

        parts.Add(Chunk("IHDR", ihdr));
        if (header && extra is not null)
        {
            parts.Add(extra);
        }

        parts.Add(Chunk("IDAT", pixels.ToArray()));
        parts.Add(Chunk("IEND", []));
        return parts.SelectMany(p => p).ToArray();
    }
}
