using System.Security.Cryptography;
using System.Text;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Xmp;
using Microsoft.Extensions.Configuration;
using PartyCardIntake.Infrastructure.Media;

namespace PartyCardIntake.UnitTests.Media;

public class PhotoValidatorTests
{
    private static readonly PhotoRules Rules = PhotoRules.Default;

    [Fact]
    public void Default_rules_ask_for_a_3_by_4_portrait_of_at_least_600x800_under_2_MiB()
    {
        Rules.Should().BeEquivalentTo(new
        {
            MinWidth = 600, MinHeight = 800, MaxWidth = 6000, MaxHeight = 8000,
            AspectWidth = 3, AspectHeight = 4, AspectTolerance = 0.01,
            MaxBytes = 2 * 1024 * 1024, MinBytes = 5 * 1024,
        });
    }

    [Fact]
    public void Rules_bind_from_configuration_and_keep_defaults_for_what_is_not_set()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Media:Photo:MinWidth"] = "900", ["Media:Photo:MinHeight"] = "1200" })
            .Build();

        var rules = configuration.GetSection(PhotoRules.Section).Get<PhotoRules>()!;

        (rules.MinWidth, rules.MinHeight, rules.MaxBytes).Should().Be((900, 1200, 2 * 1024 * 1024));
        PhotoValidator.Validate(Fixture.Bytes("photo-720x960-progressive.jpg"), rules).Error.Should().Be(PhotoError.TooSmall);
    }

    [Fact]
    public void Clean_600x800_photo_is_accepted_byte_for_byte()
    {
        var original = Fixture.Bytes("photo-600x800.jpg");

        var check = PhotoValidator.Validate(original, Rules);

        check.IsValid.Should().BeTrue(check.ToString());
        check.Width.Should().Be(600);
        check.Height.Should().Be(800);
        check.Jpeg.Should().Equal(original);
        check.Error.Should().BeNull();
    }

    [Fact]
    public void Accepted_photo_carries_the_sha256_of_the_stored_bytes_in_lower_case_hex()
    {
        var check = PhotoValidator.Validate(Fixture.Bytes("photo-600x800-exif-gps.jpg"), Rules);

        check.IsValid.Should().BeTrue(check.ToString());
        check.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(check.Jpeg!)));
        check.Sha256.Should().MatchRegex("^[0-9a-f]{64}$");
    }

    [Fact]
    public void Progressive_720x960_photo_with_restart_markers_is_accepted()
    {
        var original = Fixture.Bytes("photo-720x960-progressive.jpg");

        var check = PhotoValidator.Validate(original, Rules);

        check.IsValid.Should().BeTrue(check.ToString());
        (check.Width, check.Height).Should().Be((720, 960));
        check.Jpeg.Should().Equal(original);
    }

    [Fact]
    public void Photo_with_exif_gps_is_stored_without_metadata()
    {
        var original = Fixture.Bytes("photo-600x800-exif-gps.jpg");
        var before = ReadMetadata(original);
        before.OfType<GpsDirectory>().Should().NotBeEmpty("the fixture must carry GPS for this test to mean anything");
        before.OfType<ExifIfd0Directory>().Should().NotBeEmpty();
        before.OfType<XmpDirectory>().Should().NotBeEmpty();
        before.OfType<IptcDirectory>().Should().NotBeEmpty();
        before.OfType<JpegCommentDirectory>().Should().NotBeEmpty();

        var check = PhotoValidator.Validate(original, Rules);

        check.IsValid.Should().BeTrue(check.ToString());
        var after = ReadMetadata(check.Jpeg!);
        after.OfType<ExifDirectoryBase>().Should().BeEmpty();
        after.OfType<GpsDirectory>().Should().BeEmpty();
        after.OfType<XmpDirectory>().Should().BeEmpty();
        after.OfType<IptcDirectory>().Should().BeEmpty();
        after.OfType<JpegCommentDirectory>().Should().BeEmpty();
        var frame = after.OfType<JpegDirectory>().Single();
        frame.GetImageWidth().Should().Be(600);
        frame.GetImageHeight().Should().Be(800);
        (check.Width, check.Height).Should().Be((600, 800));
        check.Jpeg!.Length.Should().BeLessThan(original.Length);
        ContainsAscii(check.Jpeg, "Nguyen Van A").Should().BeFalse();
        ContainsAscii(check.Jpeg, "desk 3").Should().BeFalse();
    }

    [Fact]
    public void Stripping_metadata_leaves_exactly_the_picture_the_camera_encoded()
    {
        // The fixture was made by adding metadata to photo-600x800.jpg, so removing it must give that file back.
        var check = PhotoValidator.Validate(Fixture.Bytes("photo-600x800-exif-gps.jpg"), Rules);

        check.Jpeg.Should().Equal(Fixture.Bytes("photo-600x800.jpg"));
    }

    [Fact]
    public void Jfif_thumbnail_is_not_kept()
    {
        var original = Fixture.Bytes("photo-600x800.jpg");
        var app0 = IndexOfMarker(original, 0xE0);
        var app0Length = (original[app0 + 2] << 8) | original[app0 + 3];
        // The same JFIF header declaring a 2×2 RGB thumbnail, followed by its 12 bytes.
        var withThumbnail = original[..(app0 + 2 + app0Length)].ToArray();
        withThumbnail[app0 + 3] += 12;
        withThumbnail[app0 + 16] = 2;
        withThumbnail[app0 + 17] = 2;
        withThumbnail = [.. withThumbnail, .. Enumerable.Repeat((byte)0x7F, 12), .. original[(app0 + 2 + app0Length)..]];

        var check = PhotoValidator.Validate(withThumbnail, Rules);

        check.IsValid.Should().BeTrue(check.ToString());
        check.Jpeg.Should().Equal([.. original[..app0], .. original[(app0 + 2 + app0Length)..]]);
        ReadMetadata(check.Jpeg!).OfType<JpegDirectory>().Single().GetImageWidth().Should().Be(600);
    }

    [Fact]
    public void Photo_one_pixel_narrower_than_600_is_refused_as_too_small()
    {
        var check = PhotoValidator.Validate(Fixture.Bytes("photo-599x800.jpg"), Rules);

        check.Error.Should().Be(PhotoError.TooSmall);
        (check.Width, check.Height).Should().Be((599, 800));
    }

    [Fact]
    public void Square_photo_is_refused_for_its_aspect_ratio()
    {
        PhotoValidator.Validate(Fixture.Bytes("photo-800x800.jpg"), Rules).Error.Should().Be(PhotoError.WrongAspect);
    }

    [Theory]
    [InlineData(606, true)] // 1.0% wide
    [InlineData(594, false)] // 1.0% narrow, but below the minimum width
    [InlineData(608, false)] // 1.3% wide
    public void Aspect_ratio_allows_one_percent(int width, bool accepted)
    {
        var photo = WithFrameSize(Fixture.Bytes("photo-600x800.jpg"), width, 800);

        var check = PhotoValidator.Validate(photo, Rules);

        check.IsValid.Should().Be(accepted, check.ToString());
    }

    [Fact]
    public void Png_sent_as_photo_is_refused_as_not_jpeg()
    {
        PhotoValidator.Validate(Fixture.Bytes("photo-300x400.png"), Rules).Error.Should().Be(PhotoError.NotJpeg);
    }

    [Fact]
    public void Pdf_sent_as_photo_is_refused_as_not_jpeg()
    {
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n");

        PhotoValidator.Validate(pdf, Rules).Error.Should().Be(PhotoError.NotJpeg);
    }

    [Fact]
    public void Random_bytes_are_refused_as_not_jpeg()
    {
        var noise = new byte[64 * 1024];
        new Random(2025).NextBytes(noise);

        PhotoValidator.Validate(noise, Rules).Error.Should().Be(PhotoError.NotJpeg);
    }

    [Theory]
    [InlineData(20)] // inside the JFIF header
    [InlineData(400)] // inside the tables
    [InlineData(20_000)] // inside the scan
    [InlineData(-2)] // just the end-of-image marker missing
    [InlineData(-1)] // half of the end-of-image marker missing
    public void Truncated_photo_is_refused_as_corrupt(int cutAt)
    {
        var original = Fixture.Bytes("photo-600x800.jpg");
        var length = cutAt > 0 ? cutAt : original.Length + cutAt;

        var check = PhotoValidator.Validate(original.AsSpan(0, length), Rules);

        check.Error.Should().Be(PhotoError.Corrupt, check.Detail);
    }

    [Fact]
    public void Truncated_progressive_photo_is_refused_as_corrupt()
    {
        var original = Fixture.Bytes("photo-720x960-progressive.jpg");

        PhotoValidator.Validate(original.AsSpan(0, original.Length / 2), Rules).Error.Should().Be(PhotoError.Corrupt);
    }

    [Fact]
    public void Segment_length_running_past_the_end_is_refused_as_corrupt()
    {
        var photo = Fixture.Bytes("photo-600x800.jpg");
        var dqt = IndexOfMarker(photo, 0xDB);
        photo[dqt + 2] = 0xFF;
        photo[dqt + 3] = 0xF0;

        PhotoValidator.Validate(photo, Rules).Error.Should().Be(PhotoError.Corrupt);
    }

    [Fact]
    public void Photo_without_a_scan_is_refused_as_corrupt()
    {
        var original = Fixture.Bytes("photo-600x800.jpg");
        var headersOnly = original.AsSpan(0, IndexOfMarker(original, 0xDA)).ToArray().Concat(new byte[] { 0xFF, 0xD9 }).ToArray();

        PhotoValidator.Validate(headersOnly, Rules).Error.Should().Be(PhotoError.Corrupt);
    }

    [Fact]
    public void Photo_without_a_frame_header_is_refused_as_corrupt()
    {
        var photo = Fixture.Bytes("photo-600x800.jpg");
        photo[IndexOfMarker(photo, 0xC0) + 1] = 0xE5; // the frame header now passes for an application segment

        PhotoValidator.Validate(photo, Rules).Error.Should().Be(PhotoError.Corrupt);
    }

    [Fact]
    public void Photo_with_a_zip_archive_appended_is_refused_as_trailing_data()
    {
        var polyglot = Fixture.Bytes("photo-600x800-with-zip.jpg");
        polyglot.AsSpan(Fixture.Bytes("photo-600x800.jpg").Length).StartsWith("PK\u0003\u0004"u8)
            .Should().BeTrue("the fixture must really hold a ZIP after the JPEG");

        PhotoValidator.Validate(polyglot, Rules).Error.Should().Be(PhotoError.TrailingData);
    }

    [Fact]
    public void Single_byte_after_the_end_marker_is_refused_as_trailing_data()
    {
        var photo = Fixture.Bytes("photo-600x800.jpg").Append((byte)0).ToArray();

        PhotoValidator.Validate(photo, Rules).Error.Should().Be(PhotoError.TrailingData);
    }

    [Fact]
    public void Photo_over_2_MiB_is_refused_as_too_large()
    {
        var huge = new byte[(2 * 1024 * 1024) + 1];
        Fixture.Bytes("photo-600x800.jpg").CopyTo(huge, 0);

        PhotoValidator.Validate(huge, Rules).Error.Should().Be(PhotoError.TooLarge);
    }

    [Fact]
    public void Configured_byte_limit_overrides_the_default()
    {
        var rules = Rules with { MaxBytes = 10_000 };

        PhotoValidator.Validate(Fixture.Bytes("photo-600x800.jpg"), rules).Error.Should().Be(PhotoError.TooLarge);
    }

    [Fact]
    public void Empty_upload_is_refused_as_empty()
    {
        PhotoValidator.Validate([], Rules).Error.Should().Be(PhotoError.Empty);
        PhotoValidator.Validate(ReadOnlySpan<byte>.Empty, Rules).Error.Should().Be(PhotoError.Empty);
    }

    [Fact]
    public void Photo_declaring_more_than_6000x8000_pixels_is_refused()
    {
        var photo = WithFrameSize(Fixture.Bytes("photo-600x800.jpg"), 6300, 8400);

        var check = PhotoValidator.Validate(photo, Rules);

        check.Error.Should().Be(PhotoError.DimensionsTooLarge);
        (check.Width, check.Height).Should().Be((6300, 8400));
    }

    [Fact]
    public void Cmyk_photo_is_refused_as_unsupported()
    {
        PhotoValidator.Validate(Fixture.Bytes("photo-600x800-cmyk.jpg"), Rules).Error.Should().Be(PhotoError.Unsupported);
    }

    [Fact]
    public void Arithmetic_coded_photo_is_refused_as_unsupported()
    {
        PhotoValidator.Validate(Fixture.Bytes("photo-600x800-arithmetic.jpg"), Rules).Error.Should().Be(PhotoError.Unsupported);
    }

    [Fact]
    public void Twelve_bit_photo_is_refused_as_unsupported()
    {
        var photo = Fixture.Bytes("photo-600x800.jpg");
        photo[IndexOfMarker(photo, 0xC0) + 4] = 12;

        PhotoValidator.Validate(photo, Rules).Error.Should().Be(PhotoError.Unsupported);
    }

    [Fact]
    public void Photo_that_relies_on_exif_rotation_is_refused_as_rotated()
    {
        PhotoValidator.Validate(Fixture.Bytes("photo-600x800-orientation-6.jpg"), Rules).Error.Should().Be(PhotoError.Rotated);
    }

    [Fact]
    public void Blank_frame_is_refused_as_blank()
    {
        var check = PhotoValidator.Validate(Fixture.Bytes("photo-600x800-blank.jpg"), Rules);

        check.Error.Should().Be(PhotoError.Blank);
        (check.Width, check.Height).Should().Be((600, 800));
    }

    [Theory]
    [InlineData("photo-600x800.jpg")]
    [InlineData("photo-600x800-exif-gps.jpg")]
    [InlineData("photo-720x960-progressive.jpg")]
    public void Damaged_headers_never_throw_and_never_pass_unnoticed_as_another_size(string fixture)
    {
        var original = Fixture.Bytes(fixture);
        var headerEnd = IndexOfMarker(original, 0xDA) + 20;
        var random = new Random(7);

        for (var round = 0; round < 3000; round++)
        {
            var damaged = (byte[])original.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                damaged[random.Next(headerEnd)] = (byte)random.Next(256);
            }

            var length = random.Next(4) == 0 ? random.Next(damaged.Length) : damaged.Length;

            var check = PhotoValidator.Validate(damaged.AsSpan(0, length), Rules);

            if (check.IsValid)
            {
                using var stream = new MemoryStream(check.Jpeg!);
                var frame = JpegMetadataReader.ReadMetadata(stream, [new JpegReader()]).OfType<JpegDirectory>().Single();
                (frame.GetImageWidth(), frame.GetImageHeight()).Should().Be((check.Width, check.Height));
            }
            else
            {
                Enum.IsDefined(check.Error.GetValueOrDefault()).Should().BeTrue();
            }
        }
    }

    private static IReadOnlyList<MetadataExtractor.Directory> ReadMetadata(byte[] jpeg)
    {
        using var stream = new MemoryStream(jpeg);
        return ImageMetadataReader.ReadMetadata(stream);
    }

    private static bool ContainsAscii(byte[] data, string text) => data.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;

    /// <summary>Offset of the first marker segment FF <paramref name="marker"/> before the first scan.</summary>
    private static int IndexOfMarker(byte[] jpeg, byte marker)
    {
        var pos = 2;
        while (jpeg[pos + 1] != marker)
        {
            if (jpeg[pos + 1] == 0xDA)
            {
                throw new InvalidOperationException($"no FF{marker:X2} before the scan");
            }

            pos += 2 + ((jpeg[pos + 2] << 8) | jpeg[pos + 3]);
        }

        return pos;
    }

    /// <summary>Rewrites the frame header's dimensions; the pixels stay as they are, which is all a structure check sees.</summary>
    private static byte[] WithFrameSize(byte[] jpeg, int width, int height)
    {
        var copy = (byte[])jpeg.Clone();
        var sof = IndexOfMarker(copy, 0xC0);
        copy[sof + 5] = (byte)(height >> 8);
        copy[sof + 6] = (byte)height;
        copy[sof + 7] = (byte)(width >> 8);
        copy[sof + 8] = (byte)width;
        return copy;
    }
}
