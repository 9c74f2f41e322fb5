using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using PartyCardIntake.Infrastructure.Import;
using PartyCardIntake.Infrastructure.Media;
using PartyCardIntake.UnitTests.Import;
using PartyCardIntake.UnitTests.Media;

namespace PartyCardIntake.UnitTests.Security;

/// <summary>
/// Hostile and broken uploads, each built in code from bytes, against the three upload gates:
/// the portrait (<see cref="PhotoValidator"/>), the signature (<see cref="SignatureValidator"/>)
/// and the member list (<see cref="MemberFileParser"/>). Every file must be refused with the
/// reason that names its fault, whatever name it was uploaded under.
/// </summary>
public class CraftedUploadTests
{
    private static readonly byte[] CleanJpeg = Fixture.Bytes("photo-600x800.jpg");

    private static readonly string Strokes = Fixture.Text("signature-600x200.json");

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    // ---- Photos ----------------------------------------------------------------------------

    public static TheoryData<string, byte[], PhotoError> BadPhotos() => new()
    {
        { "empty file", [], PhotoError.Empty },
        { "file over the 2 MiB limit", [.. CleanJpeg, .. new byte[(2 * 1024 * 1024) - CleanJpeg.Length + 1]], PhotoError.TooLarge },
        { "PNG renamed .jpg", Png(600, 800), PhotoError.NotJpeg },
        { "GIF", [.. "GIF89a"u8, 0x58, 0x02, 0x20, 0x03, 0x80, 0, 0, .. new byte[64], 0x3B], PhotoError.NotJpeg },
        { "HTML page named .jpg", [.. "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"u8], PhotoError.NotJpeg },
        { "SVG with a script", [.. "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"800\"><script>alert(document.cookie)</script></svg>"u8], PhotoError.NotJpeg },
        { "PDF", [.. "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"u8], PhotoError.NotJpeg },
        { "start marker and end marker only", [0xFF, 0xD8, 0xFF, 0xD9], PhotoError.Corrupt },
        { "JPEG truncated mid-scan", CleanJpeg[..((ScanStart(CleanJpeg) + CleanJpeg.Length) / 2)], PhotoError.Corrupt },
        { "JPEG without its end marker", CleanJpeg[..^2], PhotoError.Corrupt },
        { "JPEG with a ZIP after its end (polyglot)", [.. CleanJpeg, .. Zip(("payload.txt", "x"u8.ToArray()))], PhotoError.TrailingData },
        { "JPEG with HTML after its end (polyglot)", [.. CleanJpeg, .. "<html><script>alert(1)</script></html>"u8], PhotoError.TrailingData },
        { "JPEG whose frame claims 60000x60000 (decompression bomb)", WithFrameSize(CleanJpeg, 60000, 60000), PhotoError.DimensionsTooLarge },
        { "JPEG of 599x800", WithFrameSize(CleanJpeg, 599, 800), PhotoError.TooSmall },
        { "JPEG of 1200x900 (4:3 landscape)", WithFrameSize(CleanJpeg, 1200, 900), PhotoError.WrongAspect },
    };

    [Theory]
    [MemberData(nameof(BadPhotos))]
    public void A_crafted_bad_photo_is_refused_with_its_reason(string file, byte[] data, PhotoError expected)
    {
        var check = PhotoValidator.Validate(data, PhotoRules.Default);

        check.IsValid.Should().BeFalse(file);
        check.Error.Should().Be(expected, $"{file}: {check}");
        check.Jpeg.Should().BeNull();
    }

    [Fact]
    public void The_crafted_photos_start_from_a_jpeg_that_is_accepted()
    {
        PhotoValidator.Validate(CleanJpeg, PhotoRules.Default).IsValid.Should().BeTrue();
    }

    [Fact]
    public void A_jpeg_with_exif_gps_xmp_and_icc_is_accepted_and_stored_without_any_of_them()
    {
        var withGps = Fixture.Bytes("photo-600x800-exif-gps.jpg");
        byte[] xmp = [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><exif:GPSLatitude>21,1.5N</exif:GPSLatitude></x:xmpmeta>"u8];
        byte[] icc = [.. "ICC_PROFILE\0"u8, 1, 1, .. new byte[128]];
        byte[] data = [.. withGps[..2], .. Segment(0xE1, xmp), .. Segment(0xE2, icc), .. withGps[2..]];

        var check = PhotoValidator.Validate(data, PhotoRules.Default);

        check.IsValid.Should().BeTrue(check.ToString());
        var stored = check.Jpeg!;
        Contains(stored, "Exif\0\0"u8).Should().BeFalse("EXIF (with the GPS position) must not be stored");
        Contains(stored, "http://ns.adobe.com/xap"u8).Should().BeFalse("XMP must not be stored");
        Contains(stored, "ICC_PROFILE"u8).Should().BeFalse("ICC profiles must not be stored");
        SegmentMarkers(stored).Should().NotContain(marker => marker >= 0xE1 && marker <= 0xED, "no APP1–APP13 segment is kept");
    }

    // ---- Signatures ------------------------------------------------------------------------

    public static TheoryData<string, byte[], string?, SignatureError> BadSignatures() => new()
    {
        { "empty image", [], Strokes, SignatureError.Empty },
        { "JPEG sent as the signature", CleanJpeg, Strokes, SignatureError.NotPng },
        { "SVG with a script", [.. "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8], Strokes, SignatureError.NotPng },
        { "PNG with a bad CRC", WithByteFlipped(Png(600, 200), PngSignature.Length + 8 + 13 + 2), Strokes, SignatureError.Corrupt },
        { "PNG whose header claims 100000x100000 (decompression bomb)", Png(100_000, 100_000, pixels: false), Strokes, SignatureError.WrongSize },
        { "PNG with a ZIP after its end chunk (polyglot)", [.. Png(600, 200), .. Zip(("payload.txt", "x"u8.ToArray()))], Strokes, SignatureError.TrailingData },
        { "PNG with HTML after its end chunk (polyglot)", [.. Png(600, 200), .. "<html><script>alert(1)</script></html>"u8], Strokes, SignatureError.TrailingData },
        { "PNG of 1x1", Png(1, 1), Strokes, SignatureError.WrongSize },
        { "PNG of 600x200 whose data unpacks to 400 MB (decompression bomb)", Png(600, 200, rows: 660_000), Strokes, SignatureError.Corrupt },
        { "PNG whose data stops after one row", Png(600, 200, rows: 1), Strokes, SignatureError.Corrupt },
        { "PNG whose data is not zlib", PngWithData(600, 200, [.. "not zlib at all"u8]), Strokes, SignatureError.Corrupt },
        { "PNG without its end chunk", Png(600, 200)[..^12], Strokes, SignatureError.Corrupt },
        { "PNG over the 512 KiB limit", [.. Png(600, 200), .. new byte[512 * 1024]], Strokes, SignatureError.TooLarge },
        { "strokes missing", Png(600, 200), null, SignatureError.StrokesMissing },
        { "strokes that are not JSON", Png(600, 200), "[{\"points\":[{\"x\":1,", SignatureError.StrokesInvalid },
        { "strokes that are a script", Png(600, 200), "<script>alert(1)</script>", SignatureError.StrokesInvalid },
        { "empty strokes", Png(600, 200), "[]", SignatureError.Empty },
    };

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public void A_crafted_bad_signature_is_refused_with_its_reason(string file, byte[] png, string? strokes, SignatureError expected)
    {
        var check = SignatureValidator.Validate(png, strokes, SignatureRules.Default);

        check.IsValid.Should().BeFalse(file);
        check.Error.Should().Be(expected, $"{file}: {check}");
        check.Png.Should().BeNull();
    }

    [Fact]
    public void The_crafted_signatures_start_from_a_png_that_is_accepted()
    {
        SignatureValidator.Validate(Png(600, 200), Strokes, SignatureRules.Default).IsValid.Should().BeTrue();
    }

    [Fact]
    public void An_interlaced_png_with_all_its_passes_is_accepted_and_one_short_of_a_row_is_not()
    {
        var good = InterlacedPng(601, 203);
        SignatureValidator.Validate(good, Strokes, SignatureRules.Default).IsValid.Should().BeTrue();

        var cut = Png(601, 203, rows: 203, interlaced: true);
        SignatureValidator.Validate(cut, Strokes, SignatureRules.Default).Error.Should().Be(SignatureError.Corrupt);
    }

    // ---- Member lists ----------------------------------------------------------------------

    public static TheoryData<string, byte[], string> BadMemberFiles() => new()
    {
        { "empty file", [], ImportErrorCodes.FileEmpty },
        { "CSV with NUL bytes", [.. MemberFiles.Csv([MemberFiles.Header]), 0, 0, 0, .. "025085004321,x"u8], ImportErrorCodes.FileUnsupported },
        { "binary content", BinaryNoise(), ImportErrorCodes.FileUnsupported },
        { "CSV in UTF-16", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(string.Join(',', MemberFiles.Header))], ImportErrorCodes.FileUnreadable },
        { "HTML page with a script", [.. "<html><script>alert(1)</script><table><tr><td>Họ và tên</td></tr></table></html>"u8], ImportErrorCodes.FileUnsupported },
        { "SVG with a script", [.. "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8], ImportErrorCodes.FileUnsupported },
        { "JPEG", CleanJpeg, ImportErrorCodes.FileUnsupported },
        { "ZIP that is not a workbook", Zip(("readme.txt", "hello"u8.ToArray()), ("data.csv", MemberFiles.Csv([MemberFiles.Header]))), ImportErrorCodes.FileUnsupported },
        { "broken ZIP", Xlsx()[..200], ImportErrorCodes.FileUnreadable },
        { "XLSX with a VBA project (macros)", WithEntries(Xlsx(), ("xl/vbaProject.bin", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])), ImportErrorCodes.FileUnsupported },
        { "XLSM content type", AsMacroEnabled(Xlsx()), ImportErrorCodes.FileUnsupported },
        { "XLSX whose sheet unpacks beyond 200 MiB (ZIP bomb)", ZipBomb(), ImportErrorCodes.FileTooLarge },
        { "XLSX whose sheet unpacks far beyond the size its headers declare", WithLyingSheetSize(ZipBomb(sheetMiB: 64)), ImportErrorCodes.FileUnreadable },
        { "XLSX with 5000 parts", WithEntries(Xlsx(), [.. Enumerable.Range(0, 5000).Select(i => ($"xl/media/x{i}.bin", Array.Empty<byte>()))]), ImportErrorCodes.FileTooLarge },
    };

    [Theory]
    [MemberData(nameof(BadMemberFiles))]
    public void A_crafted_bad_member_file_is_refused_with_its_reason_whatever_its_name(string file, byte[] data, string expected)
    {
        foreach (var name in new[] { "dang-vien.csv", "dang-vien.xlsx", "dang-vien.jpg", "dang-vien" })
        {
            var result = MemberFiles.Parse(data, name);

            result.FileError.Should().Be(expected, $"{file} named {name}");
            result.Valid.Should().BeEmpty();
        }
    }

    [Fact]
    public void The_crafted_member_files_start_from_an_xlsx_that_is_read()
    {
        MemberFiles.Parse(Xlsx(), "dang-vien.xlsx").Valid.Should().ContainSingle();
    }

    // ---- Builders --------------------------------------------------------------------------

    private static byte[] Segment(byte marker, byte[] payload)
    {
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return segment;
    }

    /// <summary>The markers of the segments before the first scan, and the scan's own.</summary>
    private static List<byte> SegmentMarkers(byte[] jpeg)
    {
        var markers = new List<byte>();
        var pos = 2;
        while (pos + 4 <= jpeg.Length && jpeg[pos] == 0xFF)
        {
            var marker = jpeg[pos + 1];
            markers.Add(marker);
            if (marker == 0xDA)
            {
                break;
            }

            pos += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(pos + 2));
        }

        return markers;
    }

    /// <summary>Offset of the first byte after the start-of-scan header.</summary>
    private static int ScanStart(byte[] jpeg)
    {
        var pos = SegmentOffset(jpeg, marker => marker == 0xDA);
        return pos + 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(pos + 2));
    }

    private static int SegmentOffset(byte[] jpeg, Func<byte, bool> wanted)
    {
        var pos = 2;
        while (pos + 4 <= jpeg.Length && jpeg[pos] == 0xFF)
        {
            if (wanted(jpeg[pos + 1]))
            {
                return pos;
            }

            pos += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(pos + 2));
        }

        throw new InvalidOperationException("segment not found");
    }

    /// <summary>The same JPEG with its frame header (SOF0–SOF2) declaring another size.</summary>
    private static byte[] WithFrameSize(byte[] jpeg, int width, int height)
    {
        var copy = (byte[])jpeg.Clone();
        var sof = SegmentOffset(copy, marker => marker is 0xC0 or 0xC1 or 0xC2);
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(sof + 5), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(sof + 7), (ushort)width);
        return copy;
    }

    private static bool Contains(byte[] data, ReadOnlySpan<byte> needle) => data.AsSpan().IndexOf(needle) >= 0;

    private static byte[] WithByteFlipped(byte[] data, int offset)
    {
        var copy = (byte[])data.Clone();
        copy[offset] ^= 0xFF;
        return copy;
    }

    private static byte[] PngChunk(string type, byte[] body)
    {
        var chunk = new byte[12 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)body.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        body.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + body.Length), PartyCardIntake.Infrastructure.Crc32.Compute(chunk.AsSpan(4, 4 + body.Length)));
        return chunk;
    }

    /// <summary>
    /// A blank 8-bit grey PNG. Without <paramref name="pixels"/> the image data is a few bytes
    /// of zlib whatever the size the header declares, as in a decompression bomb; <paramref name="rows"/>
    /// writes that many rows of data whatever the header says.
    /// </summary>
    private static byte[] Png(int width, int height, bool pixels = true, int? rows = null, bool interlaced = false)
    {
        using var data = new MemoryStream();
        using (var zlib = new ZLibStream(data, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[1 + width];
            for (var y = 0; y < (rows ?? (pixels ? height : 1)); y++)
            {
                zlib.Write(row);
            }
        }

        return PngWithData(width, height, data.ToArray(), interlaced);
    }

    private static byte[] PngWithData(int width, int height, byte[] imageData, bool interlaced = false)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)height);
        ihdr[8] = 8;
        ihdr[12] = interlaced ? (byte)1 : (byte)0;
        return [.. PngSignature, .. PngChunk("IHDR", ihdr), .. PngChunk("IDAT", imageData), .. PngChunk("IEND", [])];
    }

    /// <summary>The filtered Adam7 passes of a blank 8-bit grey image, as an interlaced PNG carries them.</summary>
    private static byte[] InterlacedPng(int width, int height)
    {
        (int X, int Y, int Dx, int Dy)[] passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
        using var data = new MemoryStream();
        using (var zlib = new ZLibStream(data, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            foreach (var (x, y, dx, dy) in passes)
            {
                var passWidth = (width - x + dx - 1) / dx;
                var passHeight = (height - y + dy - 1) / dy;
                for (var r = 0; passWidth > 0 && r < passHeight; r++)
                {
                    zlib.Write(new byte[1 + passWidth]);
                }
            }
        }

        return PngWithData(width, height, data.ToArray(), interlaced: true);
    }

    private static byte[] BinaryNoise()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0x01;
        return bytes;
    }

    private static byte[] Xlsx() => TestXlsx.Build([.. MemberFiles.Header], [.. MemberFiles.ValidRow()]);

    private static byte[] Zip(params (string Name, byte[] Content)[] entries) => WithEntries(null, entries);

    /// <summary>A copy of <paramref name="zip"/> (or a new archive) with more entries.</summary>
    private static byte[] WithEntries(byte[]? zip, params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        buffer.Write(zip ?? []);
        using (var archive = new ZipArchive(buffer, zip is null ? ZipArchiveMode.Create : ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The archive with the added sheet2.xml declaring 1 KiB unpacked in both its local header and the
    /// central directory, so that only inflating it shows the truth.
    /// </summary>
    private static byte[] WithLyingSheetSize(byte[] zip)
    {
        var copy = (byte[])zip.Clone();
        var name = "xl/worksheets/sheet2.xml"u8;
        var patched = 0;
        for (var at = copy.AsSpan().IndexOf(name); at >= 0; at = NextIndexOf(copy, name, at + 1))
        {
            // Local header (PK\x03\x04): name at 30, size at 22. Central directory (PK\x01\x02): name at 46, size at 24.
            if (at >= 30 && BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(at - 30)) == 0x04034B50)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(at - 30 + 22), 1024);
                patched++;
            }
            else if (at >= 46 && BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(at - 46)) == 0x02014B50)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(at - 46 + 24), 1024);
                patched++;
            }
        }

        patched.Should().Be(2, "both headers of the part are rewritten");
        return copy;
    }

    private static int NextIndexOf(byte[] data, ReadOnlySpan<byte> needle, int from)
    {
        var found = data.AsSpan(from).IndexOf(needle);
        return found < 0 ? -1 : from + found;
    }

    /// <summary>The workbook with its content types rewritten as Excel writes them for an .xlsm.</summary>
    private static byte[] AsMacroEnabled(byte[] xlsx)
    {
        using var buffer = new MemoryStream();
        buffer.Write(xlsx);
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = archive.GetEntry("[Content_Types].xml")!;
            string text;
            using (var reader = new StreamReader(entry.Open()))
            {
                text = reader.ReadToEnd();
            }

            entry.Delete();
            using var writer = new StreamWriter(archive.CreateEntry("[Content_Types].xml").Open());
            writer.Write(text.Replace(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                StringComparison.Ordinal));
        }

        return buffer.ToArray();
    }

    /// <summary>A real workbook plus a part of 201 MiB of zeros, which deflates to a few hundred kilobytes.</summary>
    private static byte[] ZipBomb(int sheetMiB = 201)
    {
        using var buffer = new MemoryStream();
        buffer.Write(Xlsx());
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var stream = archive.CreateEntry("xl/worksheets/sheet2.xml", CompressionLevel.Optimal).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < sheetMiB; i++)
            {
                stream.Write(zeros);
            }
        }

        return buffer.ToArray();
    }
}
